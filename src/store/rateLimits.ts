/**
 * Rate-limit counters in the store, so that a limit holds across processes, shards and
 * restarts: the bot's per-user limiter (its RateLimiter) and the limits on adding by link. A
 * fixed window per user: the first interaction opens a window of `windowMs`, and at most
 * `limit` interactions are let through until it closes.
 *
 * The count is one atomic operation in the store (Store.increment: a single SQL upsert on
 * SQLite, a Lua INCR + PEXPIRE on Redis), never a read followed by a write, so two processes
 * counting the same user at once cannot both read 4 and both write 5. Refused attempts are
 * counted too, which changes nothing: the window still closes when it was going to.
 */
import { StoreUnavailableError } from './errors.ts';
import type { Store } from './store.ts';

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** When refused: how long until the window closes and the user may try again; else 0. */
  readonly retryAfterMs: number;
}

export interface FixedWindowLimit {
  /** Interactions allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export class StoredRateLimiter {
  constructor(
    private readonly store: Store,
    private readonly rule: FixedWindowLimit,
    /** Keeps separate limits apart (`ask`, `admin`) in one namespace. */
    private readonly scope = 'interactions',
  ) {
    if (!Number.isInteger(rule.limit) || rule.limit < 1)
      throw new Error(`a rate limit allows at least 1 interaction, not ${rule.limit}`);
    if (!(rule.windowMs > 0)) throw new Error(`a rate-limit window lasts more than 0 ms, not ${rule.windowMs}`);
  }

  /**
   * Counts one interaction by this user and says whether it may go ahead. A count the store
   * did not answer in time is reported as not done: a counter is never what the user asked to
   * save, and the interaction it counted has not gone ahead, whatever became of the count.
   */
  async take(userId: string, now = Date.now()): Promise<RateLimitDecision> {
    let counted: { count: number; resetAt: number };
    try {
      counted = await this.store.increment('rate-limits', `${this.scope}/${userId}`, this.rule.windowMs);
    } catch (error) {
      if (error instanceof StoreUnavailableError && error.outcome === 'unknown')
        throw new StoreUnavailableError(error.message, 'not-done', { cause: error });
      throw error;
    }
    return counted.count <= this.rule.limit ? { allowed: true, retryAfterMs: 0 } : this.refused(counted.resetAt, now);
  }

  /**
   * Whether this user's next interaction would go ahead, without counting it (a read only):
   * for a caller that must not count another limit for an attempt this one will refuse. Two
   * attempts at once may both be told yes; `take` still decides each.
   */
  async peek(userId: string, now = Date.now()): Promise<RateLimitDecision> {
    const { count, resetAt } = await this.store.peekCount('rate-limits', `${this.scope}/${userId}`);
    return count < this.rule.limit ? { allowed: true, retryAfterMs: 0 } : this.refused(resetAt, now);
  }

  /** The store reports when the window ends on its own clock reading: never more than a window away. */
  private refused(resetAt: number, now: number): RateLimitDecision {
    return { allowed: false, retryAfterMs: Math.min(this.rule.windowMs, Math.max(1, resetAt - now)) };
  }
}

/**
 * Per-user rate limits: one person cannot flood a channel with answers. Behind an interface
 * with async methods so that a shared store (keyv: SQLite, Redis) can stand in for the
 * in-memory one when several bot processes serve one application.
 */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** When refused: how long until the user may try again. */
  readonly retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one interaction by this user and says whether it may go ahead. */
  take(userId: string): Promise<RateLimitDecision>;
}

/**
 * A sliding window: at most `count` interactions in any `windowMs`. Refused attempts are not
 * counted, so a user who waits the time they were told is let through.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly recent = new Map<string, number[]>();
  private takesSincePrune = 0;

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(userId: string): Promise<RateLimitDecision> {
    const now = this.now();
    this.pruneNowAndThen(now);
    const times = (this.recent.get(userId) ?? []).filter((time) => time > now - this.windowMs);
    if (times.length >= this.count) {
      this.recent.set(userId, times);
      return { allowed: false, retryAfterMs: times[0]! + this.windowMs - now };
    }
    times.push(now);
    this.recent.set(userId, times);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Forgets users whose window has passed, so memory stays bounded by recent users. */
  private pruneNowAndThen(now: number): void {
    this.takesSincePrune += 1;
    if (this.takesSincePrune < 1000) return;
    this.takesSincePrune = 0;
    for (const [userId, times] of this.recent) if ((times.at(-1) ?? 0) <= now - this.windowMs) this.recent.delete(userId);
  }
}

/**
 * Per-user rate limits: one person cannot flood a channel with answers. The bot's limiter is
 * kept in the store (StoreRateLimiter in storeAdapters.ts), so that a limit holds across
 * restarts and across shards sharing one Redis.
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

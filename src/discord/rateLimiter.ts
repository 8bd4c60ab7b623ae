/**
 * Per-user rate limits: one person cannot flood a channel with answers. The bot's limiter is
 * the store's (StoredRateLimiter in src/store/rateLimits.ts), so that a limit holds across
 * restarts and across shards sharing one Redis.
 */
import type { RateLimitDecision } from '../store/rateLimits.ts';

export interface RateLimiter {
  /** Counts one interaction by this user and says whether it may go ahead. */
  take(userId: string): Promise<RateLimitDecision>;
}

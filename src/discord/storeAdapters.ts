/**
 * The bot's RateLimiter and ButtonStateStore over the store (src/store/), so that a rate
 * limit holds across restarts and across shards sharing one Redis, and a button pressed
 * after a restart still works, or says that it expired.
 */
import { StoredButtonStates } from '../store/buttonState.ts';
import type { Store } from '../store/open.ts';
import { StoredRateLimiter } from '../store/rateLimits.ts';
import type { ButtonState, ButtonStateLookup, ButtonStateStore } from './buttonState.ts';
import type { RateLimitDecision, RateLimiter } from './rateLimiter.ts';

export class StoreRateLimiter implements RateLimiter {
  private readonly limiter: StoredRateLimiter;

  constructor(store: Store, count: number, windowMs: number) {
    this.limiter = new StoredRateLimiter(store, { limit: count, windowMs });
  }

  async take(userId: string): Promise<RateLimitDecision> {
    const { allowed, retryAfterMs } = await this.limiter.take(userId);
    return { allowed, retryAfterMs };
  }
}

export class StoreButtonStateStore implements ButtonStateStore {
  private readonly states: StoredButtonStates<ButtonState>;

  constructor(store: Store) {
    this.states = new StoredButtonStates<ButtonState>(store);
  }

  async set(key: string, state: ButtonState, lifetimeMs: number): Promise<void> {
    await this.states.set(key, state, lifetimeMs);
  }

  async lookup(key: string): Promise<ButtonStateLookup> {
    const found = await this.states.lookup(key);
    return found.status === 'live' ? { status: 'live', state: found.state } : { status: found.status };
  }
}

/**
 * What a button needs when it is pressed later (the question and the next page for More, the
 * quoted ids for Context), kept with an expiry so that old buttons stop working cleanly.
 *
 * An expired button must say so ("this answer has expired, ask again"), which is a different
 * message from a button the store has never heard of. So an entry is kept past its expiry,
 * marked with the time it expired, for `tombstoneMs` more; only after that does the store
 * drop it and it reads as unknown.
 *
 * Plain data in and out (JSON-safe values), async methods: `set` and `lookup` are the bot's
 * ButtonStateStore.
 */
import type { Store } from './store.ts';

/** How long an expired entry is remembered as expired before it is forgotten. */
export const defaultTombstoneMs = 7 * 24 * 60 * 60 * 1000;

/** A pressed button's state; an expired one is told apart from one never known, so that it can say so. */
export type ButtonLookup<State> =
  { readonly status: 'live'; readonly state: State } | { readonly status: 'expired' } | { readonly status: 'unknown' };

interface StoredButton<State> {
  readonly state: State;
  readonly expiresAt: number;
}

export class StoredButtonStates<State> {
  constructor(
    private readonly store: Store,
    private readonly tombstoneMs = defaultTombstoneMs,
    private readonly now: () => number = Date.now,
  ) {}

  private get buttons() {
    return this.store.keyv<StoredButton<State>>('buttons');
  }

  async set(key: string, state: State, lifetimeMs: number): Promise<void> {
    if (!(lifetimeMs > 0)) throw new Error(`a button lives more than 0 ms, not ${lifetimeMs}`);
    await this.buttons.set(key, { state, expiresAt: this.now() + lifetimeMs }, lifetimeMs + this.tombstoneMs);
  }

  /** The state if live; says whether a missing state expired or was never known. */
  async lookup(key: string): Promise<ButtonLookup<State>> {
    const entry = await this.buttons.get(key);
    if (!entry) return { status: 'unknown' };
    if (entry.expiresAt <= this.now()) return { status: 'expired' };
    return { status: 'live', state: entry.state };
  }
}

/**
 * What a button under an answer needs to act when pressed later: the question and where the
 * next page starts (More), the quoted sentences (Context). A custom_id holds at most 100
 * characters, too few for a question, so it carries a short key into this store instead.
 * Behind an interface with async methods so that the store (keyv: SQLite or Redis) keeps
 * buttons working across restarts and shards; the in-memory one is for unit tests.
 */
export interface AnswerButtonState {
  readonly kind: 'answer';
  readonly question: string;
  readonly articleKey: string | null;
  readonly count: number;
  /** Rank of the first quote that More shows. */
  readonly nextOffset: number;
  /** Citation ids of the sentences quoted, for Context. */
  readonly quotedIds: readonly string[];
  /** Whether the answer was private (ephemeral): More answers the same way. */
  readonly private?: boolean;
}

export type ButtonState = AnswerButtonState;

/** A pressed button's state; an expired one is told apart from one never known, so that it can say so. */
export type ButtonStateLookup = { readonly status: 'live'; readonly state: ButtonState } | { readonly status: 'expired' } | { readonly status: 'unknown' };

export interface ButtonStateStore {
  set(key: string, state: ButtonState, lifetimeMs: number): Promise<void>;
  /** The state, or whether it expired or was never known. */
  lookup(key: string): Promise<ButtonStateLookup>;
}

/** How long the in-memory store remembers that a state expired. */
const rememberExpiredMs = 24 * 60 * 60 * 1000;

/** Keeps states in memory; expired ones are remembered a while as expired, then dropped as new ones arrive. */
export class InMemoryButtonStateStore implements ButtonStateStore {
  private readonly states = new Map<string, { state: ButtonState; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async set(key: string, state: ButtonState, lifetimeMs: number): Promise<void> {
    const now = this.now();
    // Map iteration is insertion order and lifetimes are mostly equal, so the oldest come first.
    for (const [oldKey, entry] of this.states) {
      if (entry.expiresAt + rememberExpiredMs > now) break;
      this.states.delete(oldKey);
    }
    this.states.set(key, { state, expiresAt: now + lifetimeMs });
  }

  async lookup(key: string): Promise<ButtonStateLookup> {
    const entry = this.states.get(key);
    if (!entry) return { status: 'unknown' };
    if (entry.expiresAt <= this.now()) return { status: 'expired' };
    return { status: 'live', state: entry.state };
  }

  get size(): number {
    return this.states.size;
  }
}

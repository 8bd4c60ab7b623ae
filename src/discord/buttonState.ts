/**
 * What a button under an answer needs to act when pressed later: the question and where the
 * next page starts (More), the quoted sentences (Context). A custom_id holds at most 100
 * characters, too few for a question, so it carries a short key into this store instead.
 * Behind an interface with async methods so that a persistent store (keyv) can keep buttons
 * working across restarts.
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
}

export type ButtonState = AnswerButtonState;

export interface ButtonStateStore {
  set(key: string, state: ButtonState, lifetimeMs: number): Promise<void>;
  /** The state, or undefined when it never existed or has expired. */
  get(key: string): Promise<ButtonState | undefined>;
}

/** Keeps states in memory until they expire; expired ones are dropped as new ones arrive. */
export class InMemoryButtonStateStore implements ButtonStateStore {
  private readonly states = new Map<string, { state: ButtonState; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async set(key: string, state: ButtonState, lifetimeMs: number): Promise<void> {
    const now = this.now();
    // Map iteration is insertion order and lifetimes are mostly equal, so the oldest come first.
    for (const [oldKey, entry] of this.states) {
      if (entry.expiresAt > now) break;
      this.states.delete(oldKey);
    }
    this.states.set(key, { state, expiresAt: now + lifetimeMs });
  }

  async get(key: string): Promise<ButtonState | undefined> {
    const entry = this.states.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.states.delete(key);
      return undefined;
    }
    return entry.state;
  }

  get size(): number {
    return this.states.size;
  }
}

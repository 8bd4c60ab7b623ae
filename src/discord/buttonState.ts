/**
 * What a button under an answer needs to act when pressed later: the question and where the
 * next page starts (More), the quoted sentences (Context). A custom_id holds at most 100
 * characters, too few for a question, so it carries a short key into this store instead.
 * Behind an interface with async methods so that the store (keyv: SQLite or Redis) keeps
 * buttons working across restarts and shards (StoredButtonStates in src/store/buttonState.ts).
 */
import type { ArticleKey, CitationId } from '../corpus/types.ts';
import type { ButtonLookup } from '../store/buttonState.ts';

export interface AnswerButtonState {
  readonly kind: 'answer';
  readonly question: string;
  readonly articleKey: ArticleKey | null;
  readonly count: number;
  /** Rank of the first quote that More shows. */
  readonly nextOffset: number;
  /** Citation ids of the sentences quoted, for Context. */
  readonly quotedIds: readonly CitationId[];
  /** Whether the answer was private (ephemeral): More answers the same way. */
  readonly private?: boolean;
}

export type ButtonState = AnswerButtonState;

export type ButtonStateLookup = ButtonLookup<ButtonState>;

export interface ButtonStateStore {
  set(key: string, state: ButtonState, lifetimeMs: number): Promise<void>;
  /** The state, or whether it expired or was never known. */
  lookup(key: string): Promise<ButtonStateLookup>;
}

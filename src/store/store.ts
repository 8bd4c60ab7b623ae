/**
 * The Store: everything Citebot keeps goes through one. One keyv per namespace (one kind of
 * data each, so that a listing of feedback never meets button state), plus the single
 * operation keyv has no word for, an atomic counter. Opened by open.ts.
 */
import type Keyv from 'keyv';

/** The kinds of data kept, one namespace each. No `_` or `%`: SQLite lists a namespace with LIKE. */
export const namespaces = [
  'index',
  'analysed-articles',
  'server-articles',
  'server-settings',
  'feedback-answers',
  'feedback-votes',
  'buttons',
  'rate-limits',
] as const;
export type Namespace = (typeof namespaces)[number];

export interface WindowCount {
  /** Counts in the current window, this one included. */
  readonly count: number;
  /** When the current window ends (ms since the epoch). */
  readonly resetAt: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'redis';
  /** KEYV_URL with any password masked: safe to print. */
  readonly displayUrl: string;
  /**
   * The keyv holding one kind of data. Errors are thrown, never swallowed: a call that fails
   * or takes longer than its time limit throws a StoreUnavailableError (errors.ts).
   */
  keyv<Value>(namespace: Namespace): Keyv<Value>;
  /**
   * Adds one to a counter and returns the new count. The counter starts at 1 with a window of
   * `windowMs` and goes back to 1 once the window has passed. Atomic across processes: two
   * processes counting at once never lose a count.
   */
  increment(namespace: Namespace, key: string, windowMs: number): Promise<WindowCount>;
  /**
   * A counter as `increment` left it, read only: count 0 (and resetAt 0) when it was never
   * counted or its window has passed. Changes nothing, so a check before counting costs no count.
   */
  peekCount(namespace: Namespace, key: string): Promise<WindowCount>;
  close(): Promise<void>;
}

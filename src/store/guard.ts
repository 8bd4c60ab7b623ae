/**
 * What every store call shares, whatever the backend: a time limit, a check before writing,
 * and a failure reported as a StoreUnavailableError (errors.ts), so the caller can answer
 * without the store or tell the user that nothing was saved.
 */
import type Keyv from 'keyv';
import { StoreOpenError, StoreUnavailableError, withTimeout } from './errors.ts';
import type { Namespace } from './store.ts';
import { maskStoreUrl } from './url.ts';

/**
 * How long one call to the store may take before it counts as failed. Short enough that a
 * command that reads the store before acknowledging still makes Discord's 3 seconds; writes
 * take milliseconds when the store is well.
 */
export const storeTimeoutMs = 2_000;
/**
 * The index and the analysed articles are records of megabytes, read and written at start-up,
 * on /admin reload and when a server's articles change, never before an interaction is
 * acknowledged by a handler that answers from memory: they get longer.
 */
export const bulkStoreTimeoutMs = 30_000;
export const bulkNamespaces: ReadonlySet<Namespace> = new Set(['index', 'analysed-articles']);

export function timeoutFor(namespace: Namespace): number {
  return bulkNamespaces.has(namespace) ? bulkStoreTimeoutMs : storeTimeoutMs;
}

/** What each backend adds to the calls every store makes the same way. */
export interface Guard {
  /** Refuses a write before it is tried (a SQLite file that is gone); resolves when it may go ahead. */
  beforeWrite(): Promise<void>;
  /** The error a failed call is reported as. */
  failure(error: unknown, what: string): StoreUnavailableError;
}

const readMethods: ReadonlySet<string | symbol> = new Set(['get', 'getMany', 'getRaw', 'getManyRaw', 'has', 'hasMany']);
const writeMethods: ReadonlySet<string | symbol> = new Set([
  'set',
  'setMany',
  'setRaw',
  'setManyRaw',
  'delete',
  'deleteMany',
  'clear',
]);

/** One call to the store, with its time limit, its check before writing and its failure as a StoreUnavailableError. */
export async function guardedCall<T>(
  guard: Guard,
  write: boolean,
  what: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T> {
  if (write) await guard.beforeWrite();
  try {
    return await withTimeout(call(), timeoutMs, what);
  } catch (error) {
    const failed = guard.failure(error, what);
    // A read changes nothing, however it failed.
    throw write || failed.outcome === 'not-done'
      ? failed
      : new StoreUnavailableError(failed.message, 'not-done', { cause: failed.cause ?? failed });
  }
}

/**
 * The keyv with its reads and writes guarded. A Proxy, not a subclass: keyv's own methods
 * call each other (get with an array calls getMany), and those inner calls stay unguarded so
 * that one call has one time limit.
 */
export function guardedKeyv(keyv: Keyv, namespace: Namespace, guard: Guard): Keyv {
  const timeoutMs = timeoutFor(namespace);
  return new Proxy(keyv, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const write = writeMethods.has(property);
      if (!write && !readMethods.has(property)) return value.bind(target);
      return (...args: unknown[]) =>
        guardedCall(
          guard,
          write,
          `${String(property)} in ${namespace}`,
          timeoutMs,
          () => value.apply(target, args) as Promise<unknown>,
        );
    },
  });
}

export function openError(url: string, reason: string): StoreOpenError {
  return new StoreOpenError(
    `Cannot open the store at ${maskStoreUrl(url)}: ${reason}. Check KEYV_URL (unset means sqlite://data/citebot.sqlite).`,
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

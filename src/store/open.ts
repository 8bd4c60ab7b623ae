/**
 * The one place that sets up keyv. Everything Citebot keeps goes through a `Store`: one keyv
 * per namespace (one kind of data each, so that a listing of feedback never meets button
 * state), plus the single operation keyv has no word for, an atomic counter.
 *
 * Backends (KEYV_URL, see url.ts):
 * - SQLite (default `data/citebot.sqlite`): WAL journal, so readers never wait for a writer,
 *   and a busy timeout, so two processes writing at once queue instead of failing.
 * - Redis: one client shared by all namespaces.
 *
 * Each namespace gets its own keyv adapter because keyv 5 keeps the namespace on the adapter
 * (`adapter.namespace`), and listing a namespace reads it from there: one adapter shared by
 * several namespaces would list whichever was set last.
 *
 * A store that fails must not take the bot with it, nor lose a change without saying so:
 * - opening proves the store can be written (a probe key written and deleted), and a damaged
 *   SQLite file is refused with what to do about it;
 * - every call (get, set, delete, increment) has a time limit and fails with a
 *   StoreUnavailableError (errors.ts), so the caller can answer without the store or tell the
 *   user that nothing was saved; Redis refuses commands at once while disconnected instead
 *   of queueing them until it comes back;
 * - a SQLite file deleted or replaced while running is noticed (sqliteFile.ts): logged once,
 *   and writes are refused rather than written into the deleted file.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { StoreDamagedError, StoreUnavailableError, withTimeout } from './errors.ts';
import {
  damagedMessage,
  fileCheckIntervalMs,
  fileGoneMessage,
  fileProblem,
  identityOf,
  isDamaged,
  type FileIdentity,
} from './sqliteFile.ts';
import { maskStoreUrl, parseStoreUrl, type StoreLocation } from './url.ts';

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
  close(): Promise<void>;
}

export class StoreOpenError extends Error {}

export interface OpenStoreOptions {
  /** Where errors after start-up (a dropped Redis connection, a deleted SQLite file) are reported. */
  readonly onError?: (error: Error) => void;
  /**
   * False for a reader only (`npm run feedback`): skips the proof that the store can be
   * written, and never creates a store: a SQLite file that does not exist is an error saying
   * so, not a new empty store (a mistyped KEYV_URL would otherwise read as "no votes yet").
   */
  readonly write?: boolean;
  /** How often a SQLite file is checked for deletion between writes (fileCheckIntervalMs unless given). */
  readonly fileCheckIntervalMs?: number;
}

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
const bulkNamespaces: ReadonlySet<Namespace> = new Set(['index', 'analysed-articles']);

function timeoutFor(namespace: Namespace): number {
  return bulkNamespaces.has(namespace) ? bulkStoreTimeoutMs : storeTimeoutMs;
}

/**
 * How long a SQLite writer waits for another process's write before failing: below the
 * call's time limit, so that a write given up on is refused by SQLite itself (nothing
 * written) rather than left to finish after the user was told it was not saved.
 */
const sqliteBusyTimeoutMs = 1_500;
const sqliteBulkBusyTimeoutMs = 10_000;
/** Rows per page when listing a SQLite namespace (keyv's default, 10, means many round trips). */
const sqliteIterationLimit = 1000;
const redisConnectTimeoutMs = 5_000;
const redisStartupAttempts = 3;

export async function openStore(
  url: string | undefined = process.env.KEYV_URL,
  options: OpenStoreOptions = {},
): Promise<Store> {
  let location: StoreLocation;
  try {
    location = parseStoreUrl(url);
  } catch (error) {
    throw new StoreOpenError((error as Error).message);
  }
  const onError =
    options.onError ??
    ((error: Error) => process.stderr.write(`store error (${maskStoreUrl(location.url)}): ${error.message}\n`));
  if (options.write === false && location.kind === 'sqlite' && !existsSync(location.path)) {
    throw new StoreOpenError(
      `There is no store at ${maskStoreUrl(location.url)}: the file ${location.path} does not exist (the bot creates it when it first starts). Check KEYV_URL, in the environment or in .env.`,
    );
  }
  const store =
    location.kind === 'sqlite'
      ? await openSqlite(location.path, location.url, onError, options.fileCheckIntervalMs ?? fileCheckIntervalMs)
      : await openRedis(location.url, onError);
  if (options.write !== false) await proveWritable(store, location);
  return store;
}

/**
 * Writes and deletes a probe key. A store that can be read but not written (a read-only
 * SQLite file, a Redis replica) would otherwise start, log "ready", and fail every change.
 */
async function proveWritable(store: Store, location: StoreLocation): Promise<void> {
  const probes = store.keyv<number>('rate-limits');
  const key = `start-up-probe/${process.pid}/${Date.now()}`;
  try {
    await probes.set(key, 1, 60_000);
    await probes.delete(key);
  } catch (error) {
    await store.close();
    if (error instanceof StoreDamagedError) throw new StoreOpenError(error.message);
    const where =
      location.kind === 'sqlite' ? `The store file ${location.path}` : `The store at ${maskStoreUrl(location.url)}`;
    const fix =
      location.kind === 'sqlite'
        ? `make the file, and the folder it is in, writable by the user running Citebot${process.getuid ? ` (uid ${process.getuid()})` : ''}, or set KEYV_URL to another file`
        : 'point KEYV_URL at a Redis primary that accepts writes';
    throw new StoreOpenError(
      `${where} cannot be written (${messageOf((error as Error).cause ?? error)}). Citebot keeps server settings, votes and added articles there, so it does not start with a store it cannot change: ${fix}.`,
    );
  }
}

function openError(url: string, reason: string): StoreOpenError {
  return new StoreOpenError(
    `Cannot open the store at ${maskStoreUrl(url)}: ${reason}. Check KEYV_URL (unset means sqlite://data/citebot.sqlite).`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What each backend adds to the calls every store makes the same way. */
interface Guard {
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
async function guardedCall<T>(
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
function guardedKeyv(keyv: Keyv, namespace: Namespace, guard: Guard): Keyv {
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

async function openSqlite(
  path: string,
  url: string,
  onError: (error: Error) => void,
  checkIntervalMs: number,
): Promise<Store> {
  if (path !== ':memory:') {
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      throw openError(url, `its folder cannot be created (${messageOf(error)})`);
    }
  }
  const adapters = new Map<Namespace, KeyvSqlite>();
  const keyvs = new Map<Namespace, Keyv>();
  function adapterFor(namespace: Namespace): KeyvSqlite {
    let adapter = adapters.get(namespace);
    if (!adapter) {
      const busyTimeout = bulkNamespaces.has(namespace) ? sqliteBulkBusyTimeoutMs : sqliteBusyTimeoutMs;
      adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout, iterationLimit: sqliteIterationLimit });
      // Connection errors reach the caller through the query that needed the connection.
      adapter.on('error', () => {});
      adapters.set(namespace, adapter);
    }
    return adapter;
  }

  // Opening one connection proves the file can be created; WAL is a property of the file,
  // so setting it once covers every later connection, in this process or another.
  try {
    const rows = (await adapterFor('index').query('PRAGMA journal_mode=WAL')) as { journal_mode: string }[];
    const mode = rows[0]?.journal_mode;
    if (path !== ':memory:' && mode !== 'wal')
      throw new Error(`the journal mode stayed ${mode ?? 'unknown'}, WAL is needed`);
    // Every page read once: a damaged file is refused now, with what to do, rather than
    // failing later on whichever record sits on the damaged page.
    const check = (await adapterFor('index').query('PRAGMA quick_check(1)')) as { quick_check: string }[];
    const verdict = check[0]?.quick_check ?? 'no answer';
    if (verdict !== 'ok')
      throw Object.assign(new Error(`quick_check: ${verdict.replace(/\s*\n\s*/g, '; ')}`), { code: 'SQLITE_CORRUPT' });
  } catch (error) {
    await Promise.allSettled([...adapters.values()].map((adapter) => adapter.disconnect()));
    if (isDamaged(error)) throw new StoreOpenError(damagedMessage(path, messageOf(error)));
    throw openError(url, messageOf(error));
  }

  // The file as opened, to notice when the path stops naming it (sqliteFile.ts).
  const opened: FileIdentity | null = path === ':memory:' ? null : await identityOf(path);
  let gone: string | null = null;
  async function checkFile(): Promise<string | null> {
    if (!opened) return null;
    const problem = await fileProblem(path, opened);
    if (problem && !gone) onError(new StoreUnavailableError(fileGoneMessage(path, problem), 'not-done'));
    gone = problem;
    return problem;
  }
  const fileWatch = opened ? setInterval(() => void checkFile().catch(onError), checkIntervalMs).unref() : undefined;

  const guard: Guard = {
    async beforeWrite() {
      const problem = await checkFile();
      if (problem)
        throw new StoreUnavailableError(
          `the store file ${path} ${problem}; changes are refused until Citebot is restarted`,
          'not-done',
        );
    },
    failure(error, what) {
      if (error instanceof StoreUnavailableError) return error;
      if (isDamaged(error)) {
        const damaged = new StoreDamagedError(damagedMessage(path, messageOf(error)), { cause: error });
        onError(damaged);
        return damaged;
      }
      // A failed statement is rolled back: nothing of it was written.
      return new StoreUnavailableError(`${what} failed: ${messageOf(error)}`, 'not-done', { cause: error });
    },
  };

  function keyvFor(namespace: Namespace): Keyv {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      const plain = new Keyv({ store: adapterFor(namespace), namespace, throwOnErrors: true });
      plain.on('error', () => {}); // thrown to the caller as well (throwOnErrors); not reported twice
      keyv = guardedKeyv(plain, namespace, guard);
      keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  const incrementSql = `INSERT INTO keyv (key, value) VALUES (?1, json_object('value', 1, 'expires', ?2))
    ON CONFLICT(key) DO UPDATE SET value = CASE
      WHEN json_extract(keyv.value, '$.expires') <= ?3 THEN json_object('value', 1, 'expires', ?2)
      ELSE json_set(keyv.value, '$.value', json_extract(keyv.value, '$.value') + 1)
    END
    RETURNING json_extract(value, '$.value') AS count, json_extract(value, '$.expires') AS expires`;

  return {
    kind: 'sqlite',
    displayUrl: maskStoreUrl(url),
    keyv: <Value>(namespace: Namespace) => keyvFor(namespace) as Keyv<Value>,
    // One statement is one SQLite transaction: the read of the old count and the write of
    // the new one cannot be split by another process. The value is kept in keyv's own
    // format ({"value", "expires"}), so a plain keyv get reads it too.
    async increment(namespace, key, windowMs) {
      return guardedCall(guard, true, `increment in ${namespace}`, timeoutFor(namespace), async () => {
        const now = Date.now();
        const rows = (await adapterFor(namespace).query(incrementSql, [
          `${namespace}:${key}`,
          now + windowMs,
          now,
        ])) as { count: number; expires: number }[];
        const row = rows[0];
        if (!row) throw new Error(`counting ${namespace}:${key} returned nothing`);
        return { count: row.count, resetAt: row.expires };
      });
    },
    async close() {
      clearInterval(fileWatch);
      // Connections closing together may each leave the write-ahead log to another, so that
      // none folds it back: done here, a stopped store is one file that holds everything
      // (what a copy or a damage check of the file alone sees). A failure leaves the log,
      // which the next open reads as usual.
      if (path !== ':memory:')
        await adapterFor('index')
          .query('PRAGMA wal_checkpoint(TRUNCATE)')
          .catch(() => undefined);
      const results = await Promise.allSettled([...adapters.values()].map((adapter) => adapter.disconnect()));
      adapters.clear();
      keyvs.clear();
      for (const result of results) if (result.status === 'rejected') onError(result.reason as Error);
    },
  };
}

/** INCR then, for a new counter, its expiry: in one script, so nothing can come between. */
const redisIncrementScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** node-redis's errors for a command it never sent: the client is disconnected or closed. */
const redisNotSentErrors = new Set(['ClientOfflineError', 'ClientClosedError']);

async function openRedis(url: string, onError: (error: Error) => void): Promise<Store> {
  // Loaded only for Redis: the client takes ~350 ms to import, a third of a SQLite restart.
  const { default: KeyvRedis, createClient, defaultReconnectStrategy } = await import('@keyv/redis');
  let connected = false;
  let lastError: Error | undefined;
  const client = createClient({
    url,
    // While reconnecting, a command fails at once rather than waiting in a queue until Redis
    // is back: the user hears now that it was not saved, and it is not applied minutes later.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: redisConnectTimeoutMs,
      // At start-up a few tries, then a clear error; once running, keep reconnecting so that
      // a restarted Redis does not take the bot down with it.
      reconnectStrategy: (retries: number, cause: Error) =>
        !connected && retries >= redisStartupAttempts ? cause : defaultReconnectStrategy(retries),
    },
  });
  client.on('error', (error: Error) => {
    lastError = error;
    if (connected) onError(error);
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw openError(url, messageOf(lastError ?? error) || messageOf(error));
  }

  const guard: Guard = {
    async beforeWrite() {},
    failure(error, what) {
      if (error instanceof StoreUnavailableError) return error;
      const name = error instanceof Error ? error.constructor.name : '';
      // A command lost with its connection may have run on the server before the connection went.
      const outcome = redisNotSentErrors.has(name) ? 'not-done' : 'unknown';
      return new StoreUnavailableError(`${what} failed: ${messageOf(error)}`, outcome, { cause: error });
    },
  };

  const keyvs = new Map<Namespace, Keyv>();
  function keyvFor(namespace: Namespace): Keyv {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
      // The adapter prefixes keys with its namespace itself (`namespace::key`).
      const plain = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
      plain.on('error', () => {});
      keyv = guardedKeyv(plain, namespace, guard);
      keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  return {
    kind: 'redis',
    displayUrl: maskStoreUrl(url),
    keyv: <Value>(namespace: Namespace) => keyvFor(namespace) as Keyv<Value>,
    async increment(namespace, key, windowMs) {
      return guardedCall(guard, true, `increment in ${namespace}`, timeoutFor(namespace), async () => {
        const reply = (await client.eval(redisIncrementScript, {
          keys: [`${namespace}::${key}`],
          arguments: [String(windowMs)],
        })) as [number, number];
        const [count, ttl] = reply;
        return { count, resetAt: Date.now() + Math.max(0, ttl) };
      });
    },
    async close() {
      keyvs.clear();
      connected = false;
      if (client.isOpen) await client.close();
    },
  };
}

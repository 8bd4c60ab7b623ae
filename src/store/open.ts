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
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
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
  /** The keyv holding one kind of data. Errors are thrown, never swallowed. */
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
  /** Where errors after start-up (a dropped Redis connection) are reported. */
  readonly onError?: (error: Error) => void;
}

/** How long a SQLite writer waits for another process's write before failing. */
const sqliteBusyTimeoutMs = 10_000;
/** Rows per page when listing a SQLite namespace (keyv's default, 10, means many round trips). */
const sqliteIterationLimit = 1000;
const redisConnectTimeoutMs = 5_000;
const redisStartupAttempts = 3;

export async function openStore(url: string | undefined = process.env.KEYV_URL, options: OpenStoreOptions = {}): Promise<Store> {
  let location: StoreLocation;
  try {
    location = parseStoreUrl(url);
  } catch (error) {
    throw new StoreOpenError((error as Error).message);
  }
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`store error (${maskStoreUrl(location.url)}): ${error.message}\n`));
  return location.kind === 'sqlite' ? openSqlite(location.path, location.url, onError) : openRedis(location.url, onError);
}

function openError(url: string, reason: string): StoreOpenError {
  return new StoreOpenError(`Cannot open the store at ${maskStoreUrl(url)}: ${reason}. Check KEYV_URL (unset means sqlite://data/citebot.sqlite).`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function openSqlite(path: string, url: string, onError: (error: Error) => void): Promise<Store> {
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
      adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: sqliteBusyTimeoutMs, iterationLimit: sqliteIterationLimit });
      adapters.set(namespace, adapter);
    }
    return adapter;
  }
  function keyvFor(namespace: Namespace): Keyv {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      keyv = new Keyv({ store: adapterFor(namespace), namespace, throwOnErrors: true });
      keyv.on('error', () => {}); // thrown to the caller as well (throwOnErrors); not reported twice
      keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  // Opening one connection proves the file can be created and written; WAL is a property of
  // the file, so setting it once covers every later connection, in this process or another.
  try {
    const rows = (await adapterFor('index').query('PRAGMA journal_mode=WAL')) as { journal_mode: string }[];
    const mode = rows[0]?.journal_mode;
    if (path !== ':memory:' && mode !== 'wal') throw new Error(`the journal mode stayed ${mode ?? 'unknown'}, WAL is needed`);
  } catch (error) {
    await Promise.allSettled([...adapters.values()].map((adapter) => adapter.disconnect()));
    throw openError(url, messageOf(error));
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
      const now = Date.now();
      const rows = (await adapterFor(namespace).query(incrementSql, [`${namespace}:${key}`, now + windowMs, now])) as { count: number; expires: number }[];
      const row = rows[0];
      if (!row) throw new Error(`counting ${namespace}:${key} returned nothing`);
      return { count: row.count, resetAt: row.expires };
    },
    async close() {
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

async function openRedis(url: string, onError: (error: Error) => void): Promise<Store> {
  // Loaded only for Redis: the client takes ~350 ms to import, a third of a SQLite restart.
  const { default: KeyvRedis, createClient, defaultReconnectStrategy } = await import('@keyv/redis');
  let connected = false;
  let lastError: Error | undefined;
  const client = createClient({
    url,
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

  const keyvs = new Map<Namespace, Keyv>();
  function keyvFor(namespace: Namespace): Keyv {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
      // The adapter prefixes keys with its namespace itself (`namespace::key`).
      keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
      keyv.on('error', () => {});
      keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  return {
    kind: 'redis',
    displayUrl: maskStoreUrl(url),
    keyv: <Value>(namespace: Namespace) => keyvFor(namespace) as Keyv<Value>,
    async increment(namespace, key, windowMs) {
      const reply = (await client.eval(redisIncrementScript, { keys: [`${namespace}::${key}`], arguments: [String(windowMs)] })) as [number, number];
      const [count, ttl] = reply;
      return { count, resetAt: Date.now() + Math.max(0, ttl) };
    },
    async close() {
      keyvs.clear();
      connected = false;
      if (client.isOpen) await client.close();
    },
  };
}

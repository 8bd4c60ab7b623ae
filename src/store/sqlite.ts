/**
 * The SQLite store (the default, `data/citebot.sqlite`): a WAL journal, so readers never wait
 * for a writer, and a busy timeout, so two processes writing at once queue instead of
 * failing. Opening refuses a damaged file with what to do about it; a file deleted or
 * replaced while running is noticed (sqliteFile.ts): logged once, and writes are refused
 * rather than written into the deleted file.
 *
 * Each namespace gets its own keyv adapter because keyv 5 keeps the namespace on the adapter
 * (`adapter.namespace`), and listing a namespace reads it from there: one adapter shared by
 * several namespaces would list whichever was set last.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { StoreDamagedError, StoreOpenError, StoreUnavailableError } from './errors.ts';
import { bulkNamespaces, guardedCall, guardedKeyv, messageOf, openError, timeoutFor, type Guard } from './guard.ts';
import {
  damagedMessage,
  fileGoneMessage,
  fileProblem,
  identityOf,
  isDamaged,
  type FileIdentity,
} from './sqliteFile.ts';
import type { Namespace, Store } from './store.ts';
import { maskStoreUrl } from './url.ts';

/**
 * How long a SQLite writer waits for another process's write before failing: below the
 * call's time limit, so that a write given up on is refused by SQLite itself (nothing
 * written) rather than left to finish after the user was told it was not saved.
 */
const sqliteBusyTimeoutMs = 1_500;
const sqliteBulkBusyTimeoutMs = 10_000;
/** Rows per page when listing a SQLite namespace (keyv's default, 10, means many round trips). */
const sqliteIterationLimit = 1000;
export async function openSqlite(
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
  const peekCountSql = `SELECT json_extract(value, '$.value') AS count, json_extract(value, '$.expires') AS expires
    FROM keyv WHERE key = ?1 AND json_extract(value, '$.expires') > ?2`;

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
    async peekCount(namespace, key) {
      return guardedCall(guard, false, `count read in ${namespace}`, timeoutFor(namespace), async () => {
        const rows = (await adapterFor(namespace).query(peekCountSql, [`${namespace}:${key}`, Date.now()])) as {
          count: number;
          expires: number;
        }[];
        const row = rows[0];
        return row ? { count: row.count, resetAt: row.expires } : { count: 0, resetAt: 0 };
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

/**
 * The one place that sets up keyv: `openStore` reads KEYV_URL (url.ts) and opens the Store
 * (store.ts) on its backend:
 * - SQLite (default `data/citebot.sqlite`), sqlite.ts;
 * - Redis, one client shared by all namespaces, redis.ts.
 *
 * A store that fails must not take the bot with it, nor lose a change without saying so:
 * - opening proves the store can be written (a probe key written and deleted), and a damaged
 *   SQLite file is refused with what to do about it;
 * - every call (get, set, delete, increment, peekCount) has a time limit and fails with a
 *   StoreUnavailableError (guard.ts, errors.ts), so the caller can answer without the store
 *   or tell the user that nothing was saved; Redis refuses commands at once while
 *   disconnected instead of queueing them until it comes back;
 * - a SQLite file deleted or replaced while running is noticed (sqliteFile.ts): logged once,
 *   and writes are refused rather than written into the deleted file.
 */
import { existsSync } from 'node:fs';
import { StoreDamagedError, StoreOpenError } from './errors.ts';
import { messageOf } from './guard.ts';
import { openRedis } from './redis.ts';
import { fileCheckIntervalMs } from './sqliteFile.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './store.ts';
import { maskStoreUrl, parseStoreUrl, type StoreLocation } from './url.ts';

/** Thrown by openStore: a store that cannot be opened stops the start, saying why. */
export { StoreOpenError } from './errors.ts';

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

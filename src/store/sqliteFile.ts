/**
 * The SQLite file as a file: whether the path still names the file that was opened, and what
 * to tell an operator when the file is damaged.
 *
 * A file deleted (or replaced) while the bot runs is the quiet failure: SQLite keeps reading
 * and writing the open, now nameless file, and everything written after the deletion is gone
 * at the next restart. Comparing the path's device and inode with the ones opened is what
 * notices it; SQLite itself never does.
 */
import { stat } from 'node:fs/promises';

/** How often the file is looked at between writes, so that a deletion is logged even when nothing is being written. */
export const fileCheckIntervalMs = 10_000;

export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

export async function identityOf(path: string): Promise<FileIdentity> {
  const { dev, ino } = await stat(path);
  return { dev, ino };
}

/** What happened to the file since it was opened, or null when the path still names it. */
export async function fileProblem(path: string, opened: FileIdentity): Promise<string | null> {
  let now: FileIdentity;
  try {
    now = await identityOf(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'was deleted';
    return `can no longer be looked at (${(error as Error).message})`;
  }
  return now.dev === opened.dev && now.ino === opened.ino ? null : 'was replaced by another file';
}

export function fileGoneMessage(path: string, problem: string): string {
  return (
    `The store file ${path} ${problem} while Citebot was running. Citebot refuses changes from now on (settings, votes, ` +
    'server articles), since they would go into the deleted file and be lost at the next restart; answers go on. ' +
    'Restart Citebot to start with a new, empty store: the articles folder is read again, and what the deleted file held ' +
    '(articles added with /admin add, server settings, votes) is gone unless you restore the file before restarting.'
  );
}

/** SQLite's codes for a file that is not (or no longer) a sound database. */
const damagedCodes = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

export function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && damagedCodes.has(code);
}

export function damagedMessage(path: string, reason: string): string {
  return (
    `The store ${path} is damaged (${reason}). Stop Citebot and move the file aside, with its -wal and -shm files if there ` +
    `are any (mv ${path} ${path}.damaged); Citebot then starts with an empty store. The articles folder is read again, ` +
    'but the articles servers added with /admin add, their settings and the votes were kept in the damaged file: ' +
    `to save what can be saved, try sqlite3 ${path}.damaged ".recover" | sqlite3 ${path} before starting.`
  );
}

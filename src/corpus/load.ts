/**
 * Reads an articles folder. Every file that cannot be used is skipped with a warning naming it
 * and saying why; it never stops the others from loading.
 *
 * Only regular files directly in the folder are read. Symbolic links are skipped, never
 * followed: a link can point anywhere the process can read (`/etc/passwd`), and whatever it
 * names would be quoted to anyone who asks. FIFOs, sockets and devices are skipped too: reading
 * one can block forever or never end.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { assignArticleKeys } from './citation.ts';
import { parseArticle } from './parse.ts';
import { segmentArticle, type AnalysedArticle } from './segment.ts';
import type { ArticleKey, LoadWarning } from './types.ts';
import { decodeArticleBytes, defaultMaxArticleBytes, formatBytes } from './validate.ts';

export interface LoadOptions {
  readonly maxBytes?: number;
}

export interface SourceFile {
  readonly file: string;
  /** sha-256 of the file's bytes: what a stored index is checked against. */
  readonly digest: string;
  readonly text: string;
}

export interface LoadedCorpus {
  readonly articles: AnalysedArticle[];
  readonly warnings: LoadWarning[];
}

export class ArticlesFolderError extends Error {}

/** Reads and validates the folder's article files, without analysing them. */
export async function readArticleFiles(
  dir: string,
  options: LoadOptions = {},
): Promise<{ files: SourceFile[]; warnings: LoadWarning[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'ENOTDIR'
          ? 'is not a folder'
          : `cannot be read (${code ?? String(error)})`;
    throw new ArticlesFolderError(`The articles folder ${dir} ${why}.`);
  }
  const files: SourceFile[] = [];
  const warnings: LoadWarning[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const maxBytes = options.maxBytes ?? defaultMaxArticleBytes;
    const read = await readRegularFile(path, maxBytes);
    if (!read.ok) {
      warnings.push({ file: name, reason: read.reason });
      continue;
    }
    const bytes = read.bytes;
    const decoded = decodeArticleBytes(name, bytes, options.maxBytes);
    if (!decoded.ok) {
      warnings.push({ file: name, reason: decoded.reason });
      continue;
    }
    files.push({ file: name, digest: createHash('sha256').update(bytes).digest('hex'), text: decoded.text });
  }
  return { files, warnings };
}

type FileRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const symbolicLinkReason = 'it is a symbolic link; links are not followed, so put the article itself in the folder';

/** Why a directory entry that is not a regular file is skipped. */
function notRegularReason(info: Stats): string {
  if (info.isSymbolicLink()) return symbolicLinkReason;
  if (info.isDirectory()) return 'it is a folder; articles are read from the top level only';
  if (info.isFIFO()) return 'it is a named pipe, not a regular file';
  if (info.isSocket()) return 'it is a socket, not a regular file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device, not a regular file';
  return 'it is not a regular file';
}

/**
 * Opened without following a link (O_NOFOLLOW) and without waiting for a writer (O_NONBLOCK, so
 * a FIFO put in place after the lstat cannot hang the open), then checked again on the open
 * handle: what is read is what was checked, even if the name was swapped in between.
 */
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A regular file's bytes, at most maxBytes of them; anything else is refused with why. */
async function readRegularFile(path: string, maxBytes: number): Promise<FileRead> {
  let handle: FileHandle | undefined;
  try {
    const entry = await lstat(path);
    if (!entry.isFile()) return { ok: false, reason: notRegularReason(entry) };
    // Checked before reading, so a huge file is never loaded into memory.
    if (entry.size > maxBytes)
      return { ok: false, reason: `the file is ${formatBytes(entry.size)}, over the ${formatBytes(maxBytes)} limit` };
    handle = await open(path, openFlags);
    const opened = await handle.stat();
    if (!opened.isFile()) return { ok: false, reason: notRegularReason(opened) };
    return await readAtMost(handle, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // O_NOFOLLOW refuses a link that replaced the file after the lstat with ELOOP.
    if (code === 'ELOOP') return { ok: false, reason: symbolicLinkReason };
    return { ok: false, reason: `it cannot be read (${code ?? String(error)})` };
  } finally {
    await handle?.close();
  }
}

/** Read in pieces of this size: a whole article in one or two reads, no maxBytes buffer per file. */
const readChunkBytes = 1024 * 1024;

/** Reads to the end, or refuses once more than maxBytes arrived (the file grew since its lstat). */
async function readAtMost(handle: FileHandle, maxBytes: number): Promise<FileRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(readChunkBytes, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return { ok: false, reason: `the file is over the ${formatBytes(maxBytes)} limit` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** Parses and segments files whose keys are already assigned. */
export function analyseArticleFiles(files: readonly SourceFile[], keys: ReadonlyMap<string, ArticleKey>): LoadedCorpus {
  const articles: AnalysedArticle[] = [];
  const warnings: LoadWarning[] = [];
  for (const source of files) {
    const parsed = parseArticle(source.file, source.text);
    if (!parsed.ok) {
      warnings.push({ file: source.file, reason: parsed.reason });
      continue;
    }
    for (const note of parsed.notes) warnings.push({ file: source.file, reason: note, kept: true });
    articles.push(segmentArticle(keys.get(source.file)!, source.file, parsed.article));
  }
  return { articles, warnings };
}

export async function loadArticles(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const { files, warnings } = await readArticleFiles(dir, options);
  const keys = assignArticleKeys(files.map((source) => source.file));
  const analysed = analyseArticleFiles(files, keys);
  return { articles: analysed.articles, warnings: [...warnings, ...analysed.warnings] };
}

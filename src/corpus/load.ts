/**
 * Reads an articles folder. Every file that cannot be used is skipped with a warning naming it
 * and saying why; it never stops the others from loading.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
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
export async function readArticleFiles(dir: string, options: LoadOptions = {}): Promise<{ files: SourceFile[]; warnings: LoadWarning[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? String(error)})`;
    throw new ArticlesFolderError(`The articles folder ${dir} ${why}.`);
  }
  const files: SourceFile[] = [];
  const warnings: LoadWarning[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        warnings.push({ file: name, reason: 'it is a folder; articles are read from the top level only' });
        continue;
      }
      const maxBytes = options.maxBytes ?? defaultMaxArticleBytes;
      if (info.size > maxBytes) {
        // Checked before reading, so a huge file is never loaded into memory.
        warnings.push({ file: name, reason: `the file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit` });
        continue;
      }
      bytes = await readFile(path);
    } catch (error) {
      warnings.push({ file: name, reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    const decoded = decodeArticleBytes(name, bytes, options.maxBytes);
    if (!decoded.ok) {
      warnings.push({ file: name, reason: decoded.reason });
      continue;
    }
    files.push({ file: name, digest: createHash('sha256').update(bytes).digest('hex'), text: decoded.text });
  }
  return { files, warnings };
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

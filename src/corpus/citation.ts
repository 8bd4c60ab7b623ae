/**
 * Citation ids. An id must survive restarts and other articles coming and going, so the
 * article part is derived from the article's own file name, never from load order:
 *
 * - a file named with a leading number (`003_860f66c1.txt`, `12-kadhimi.md`) gets `a` and the
 *   number without leading zeros: `a3`, `a12`;
 * - any other file gets `k` and four base-36 characters of a hash of its name: `k7f2q`.
 *
 * Two files whose keys collide (`3.txt` and `003_x.txt`) are told apart by a longer hash for
 * the one whose name sorts later; that is the only case where another file matters.
 */
import { createHash } from 'node:crypto';
import type { ArticleKey, CitationId } from './types.ts';

const numberedFile = /^0*(\d{1,6})(?:[_\-. ]|$)/;

function nameHash(fileName: string, length: number): string {
  const digest = createHash('sha256').update(fileName).digest();
  return BigInt(`0x${digest.subarray(0, 8).toString('hex')}`)
    .toString(36)
    .padStart(length, '0')
    .slice(0, length);
}

export function articleKeyFor(fileName: string): ArticleKey {
  const base = fileName.split('/').pop() ?? fileName;
  const numbered = numberedFile.exec(base);
  if (numbered) return `a${Number(numbered[1])}` as ArticleKey;
  return `k${nameHash(base, 4)}` as ArticleKey;
}

/** Keys for a set of files, collisions resolved deterministically (see above). */
export function assignArticleKeys(fileNames: readonly string[]): Map<string, ArticleKey> {
  const keys = new Map<string, ArticleKey>();
  const taken = new Set<string>();
  for (const fileName of [...fileNames].sort()) {
    let key: string = articleKeyFor(fileName);
    for (let length = 6; taken.has(key); length += 2) key = `k${nameHash(fileName, length)}`;
    taken.add(key);
    keys.set(fileName, key as ArticleKey);
  }
  return keys;
}

export function formatCitationId(articleKey: ArticleKey, paragraph: number, position: number): CitationId {
  return `${articleKey}:${paragraph}.${position}` as CitationId;
}

export interface CitationParts {
  readonly articleKey: ArticleKey;
  readonly paragraph: number;
  readonly position: number;
}

const citationPattern = /^\s*\[?\s*([ak][0-9a-z]{1,12}):(\d{1,5})\.(\d{1,4})\s*\]?\s*$/i;

/** Reads an id as a user may type it (`a3:4.2`, `[a3:4.2]`, `A3:4.2`); null when it is not one. */
export function parseCitationId(input: string): CitationParts | null {
  const match = citationPattern.exec(input);
  if (!match) return null;
  return {
    articleKey: match[1]!.toLowerCase() as ArticleKey,
    paragraph: Number(match[2]),
    position: Number(match[3]),
  };
}

export function normaliseCitationId(input: string): CitationId | null {
  const parts = parseCitationId(input);
  return parts && formatCitationId(parts.articleKey, parts.paragraph, parts.position);
}

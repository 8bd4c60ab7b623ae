/**
 * What a server's own article must be: a file name that is safe to keep, an article key no
 * other article takes, and a share of the server's budgets of articles, bytes and sentences.
 */
import { createHash } from 'node:crypto';
import { articleKeyFor } from '../corpus/citation.ts';
import type { ArticleKey } from '../corpus/types.ts';
import { defaultMaxArticleBytes, formatBytes } from '../corpus/validate.ts';

export interface ServerArticleLimits {
  /** Bytes of one attachment. */
  readonly maxBytes: number;
  /** Articles per server: each is indexed with the shared ones for that server. */
  readonly maxArticles: number;
  /** Sentences of one article: what one add can make the bot hold. */
  readonly maxArticleSentences: number;
  /** Sentences across a server's own articles: what its index adds to the shared one's. */
  readonly maxServerSentences: number;
  /** Bytes across a server's own articles, as kept in the store. */
  readonly maxServerBytes: number;
}

/** What a server's own articles take of its budgets. */
export interface ServerArticleUsage {
  readonly sentences: number;
  readonly bytes: number;
  readonly maxSentences: number;
  readonly maxBytes: number;
}

export const defaultServerArticleLimits: ServerArticleLimits = {
  maxBytes: defaultMaxArticleBytes,
  maxArticles: 200,
  // A long news article has a few hundred sentences; 10,000 is a book. Without this, 2 MiB
  // of tiny sentences is 138,000 of them, and four such adds took the bot from 180 MB to 1 GB.
  maxArticleSentences: 10_000,
  // Room for a hundred long articles per server. Servers' indexes are held in memory within
  // their own sentence budget (serverLibraries.ts), so this bounds one server, not all.
  maxServerSentences: 20_000,
  // Four attachments of the largest size, or a few hundred ordinary articles.
  maxServerBytes: 8 * 1024 * 1024,
};

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Why a server's articles would take too many bytes, or null when they fit. */
export function overByteBudget(serverBytes: number, limits: ServerArticleLimits): string | null {
  if (serverBytes <= limits.maxServerBytes) return null;
  return `this server's articles would take ${formatBytes(serverBytes)}, over its ${formatBytes(limits.maxServerBytes)} limit; remove an article first`;
}

/** Why a server's articles would hold too many sentences, or null when they fit. */
export function overSentenceBudget(serverSentences: number, limits: ServerArticleLimits): string | null {
  if (serverSentences <= limits.maxServerSentences) return null;
  return `this server's articles would hold ${count(serverSentences)} sentences, over its ${count(limits.maxServerSentences)} limit; remove an article first`;
}

/** Letters, digits and . _ - space; no path separators, nothing hidden. */
export const safeFileName = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,119}$/u;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A key for a server article that no shared article and no other of its articles uses. */
export function keyFor(guildId: string, file: string, taken: ReadonlySet<string>): ArticleKey {
  const natural = articleKeyFor(file);
  if (!taken.has(natural)) return natural;
  const digest = BigInt(`0x${sha256(`${guildId}/${file}`).slice(0, 15)}`).toString(36);
  for (let length = 5; length <= 12; length += 1) {
    const key = `k${digest.padStart(12, '0').slice(0, length)}`;
    if (!taken.has(key)) return key as ArticleKey;
  }
  throw new Error(`no free article key for ${file}`);
}

/**
 * The keys a server's articles are indexed under: each as listed, unless a shared article
 * added later has taken it, in which case the server's article gives way.
 */
export function indexKeysFor(
  guildId: string,
  listed: ReadonlyMap<string, ArticleKey>,
  sharedKeys: ReadonlySet<string>,
): Map<string, ArticleKey> {
  const keys = new Map<string, ArticleKey>();
  for (const [file, key] of listed)
    keys.set(file, sharedKeys.has(key) ? keyFor(guildId, file, new Set([...sharedKeys, ...listed.values()])) : key);
  return keys;
}

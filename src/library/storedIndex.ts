/**
 * The index, kept in the store so that a restart with unchanged articles loads it in
 * milliseconds instead of reading every article with wink again.
 *
 * - A built index is stored under a hash of its scope (an articles folder, or one server's
 *   articles), of the corpus (each file's name, article key and sha-256) and of the analysis
 *   (`analysisVersion` and a fingerprint of the code that reads articles): any changed, added
 *   or removed file, or a change to the analysis, gives another hash, and so a rebuild.
 *   Nothing has to be invalidated by hand.
 * - Each analysed article is also kept, under a hash of its scope, its own file, key and
 *   analysis, so a rebuild reads with wink only the files that changed.
 * - A scope remembers its current hash, so the index and analysed articles it no longer uses
 *   are deleted rather than left to pile up. Every record belongs to one scope: two servers
 *   that add the same file each keep their own, so one removing it never deletes what the
 *   other still reads. (Records written before the scope was part of the key are not read:
 *   each scope rebuilds once, as after a change to the analysis, and deletes them.)
 *
 * Every record is written whole under a key derived from its scope and content, and the
 * scope's pointer last: a crash between two writes leaves an unused record at worst, never an
 * index that disagrees with its articles.
 */
import { createHash } from 'node:crypto';
import type { SourceFile } from '../corpus/load.ts';
import type { ArticleKey, LoadWarning } from '../corpus/types.ts';
import { deserialiseIndex, IndexFormatError, indexFormatVersion } from '../index/serialise.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { inProcessAnalyser, unpack, type CorpusAnalyser, type IndexJob } from './analysisJobs.ts';
import type { Store } from '../store/store.ts';
import { linkKey } from './storedLink.ts';
import { sourcesFingerprint } from './sourcesFingerprint.ts';

/**
 * Bump when the analysis changes in a way the source fingerprint below cannot see (a change
 * of wink model data with the same package version, say).
 */
export const analysisVersion = 1;

/** The code that turns article text into index terms: a change to any of it changes indexes. */
export const analysisSources = [
  'nlp/analyse.ts',
  'nlp/overLongRuns.ts',
  'nlp/wink.ts',
  'nlp/irregular.ts',
  'corpus/parse.ts',
  'corpus/frontMatter.ts',
  'corpus/clean.ts',
  'corpus/segment.ts',
  'corpus/lineKinds.ts',
  'corpus/citation.ts',
  'index/build.ts',
  'index/terms.ts',
  'index/places.ts',
  'index/nearDuplicates.ts',
  // How an analysed article is written to the store and read back.
  'library/analysedArticles.ts',
] as const;
const analysisPackages = ['wink-nlp', 'wink-eng-lite-web-model'] as const;

let fingerprint: string | undefined;

/**
 * A hash of analysisVersion, the analysis code and wink's versions: what an analysed article
 * depends on. The index format is not part of it (an index's key adds it, corpusHash), so a
 * new format rebuilds each index from its scope's analysed articles without reading any with
 * wink again.
 */
export function analysisFingerprint(): string {
  fingerprint ??= sourcesFingerprint(`analysis ${analysisVersion}`, analysisSources, analysisPackages);
  return fingerprint;
}

/** Files to index, with the article key each is cited by. */
export interface CorpusSources {
  readonly files: readonly SourceFile[];
  readonly keys: ReadonlyMap<string, ArticleKey>;
}

/** What a corpus's stored index is found by: its files' names and digests and their keys, not their text. */
export interface CorpusIdentity {
  readonly files: readonly Pick<SourceFile, 'file' | 'digest'>[];
  readonly keys: ReadonlyMap<string, ArticleKey>;
}

/** The key of a scope's index of this corpus: no other scope's index is stored under it. */
export function corpusHash(scope: string, corpus: CorpusIdentity): string {
  const hash = createHash('sha256').update(
    `${analysisFingerprint()}\nindex format ${indexFormatVersion}\n${scope}\0\n`,
  );
  for (const source of corpus.files)
    hash.update(`${source.file}\0${corpus.keys.get(source.file) ?? ''}\0${source.digest}\n`);
  return hash.digest('hex');
}

function analysedArticleKey(scope: string, source: SourceFile, key: ArticleKey | undefined): string {
  return createHash('sha256')
    .update(`${analysisFingerprint()}\n${scope}\0\n${source.file}\0${key ?? ''}\0${source.digest}`)
    .digest('hex');
}

/** What is kept per scope, per corpus hash. */
interface StoredIndexRecord {
  /** The gzipped serialised index. */
  readonly gzippedIndex: Buffer;
  /** Files that could not be parsed: reported again on every start, as a fresh load would. */
  readonly warnings: LoadWarning[];
}

/**
 * An analysed file: its article (with what was left out of it, `notes`), or why it could not
 * be parsed.
 */
type StoredAnalysis =
  { readonly gzippedArticle: Buffer; readonly notes?: readonly string[] } | { readonly warning: string };

interface ScopePointer {
  readonly corpusHash: string;
  readonly analysedKeys: string[];
}

export interface IndexedCorpus {
  readonly index: SentenceIndex;
  /** Parse warnings (files unreadable as articles, and what was left out of those read); read warnings are the caller's. */
  readonly warnings: readonly LoadWarning[];
  /** 'stored': loaded whole; 'built': built, with `analysedCount` files read with wink. */
  readonly source: 'stored' | 'built';
  readonly analysedCount: number;
  readonly corpusHash: string;
}

/** A Buffer over the same bytes (keyv stores a Buffer as such; a plain Uint8Array it would not). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Keeps an article analysed ahead of its index (an admin's attachment, read to count its
 * sentences), so that building the index does not read it with wink again.
 */
export async function keepAnalysedArticle(
  store: Store,
  scope: string,
  source: SourceFile,
  key: ArticleKey,
  gzippedArticle: Uint8Array,
  notes: readonly string[] = [],
): Promise<void> {
  await store
    .keyv<StoredAnalysis>('analysed-articles')
    .set(analysedArticleKey(scope, source, key), { gzippedArticle: asBuffer(gzippedArticle), notes });
}

export interface IndexBuildOptions {
  /** Where the reading and building run (a worker thread in the bot); in this thread by default. */
  readonly analyser?: CorpusAnalyser;
  /** Whose job it is, so that one server's builds queue behind its own, not everyone's. */
  readonly queue?: string;
  /**
   * Other scopes whose analysed files may be read for files this scope has not analysed: only
   * read, never written or deleted (the earlier design's servers, kept for `npm run
   * bench:servers`, analysed no shared file again).
   */
  readonly reuseAnalysesOf?: readonly string[];
}

/**
 * The index of a corpus: from the store when it holds one for exactly these files and this
 * analysis, else built (reading with wink only the files not analysed before) and stored.
 */
export async function loadOrBuildIndex(
  store: Store,
  scope: string,
  corpus: CorpusSources,
  options: IndexBuildOptions = {},
): Promise<IndexedCorpus> {
  return (await storedIndexOf(store, scope, corpus)) ?? buildAndStoreIndex(store, scope, corpus, options);
}

/**
 * Builds a corpus's index (reading with wink only the files not analysed before) and stores it
 * under its scope: for a caller that has already looked for it (storedIndexOf) and not found it.
 */
export async function buildAndStoreIndex(
  store: Store,
  scope: string,
  corpus: CorpusSources,
  options: IndexBuildOptions = {},
): Promise<IndexedCorpus> {
  const indexes = store.keyv<StoredIndexRecord | ScopePointer>('index');
  const hash = corpusHash(scope, corpus);

  const analysedStore = store.keyv<StoredAnalysis>('analysed-articles');
  const cacheKeys = corpus.files.map((source) => analysedArticleKey(scope, source, corpus.keys.get(source.file)));
  // A record in another shape (written by an older version) counts as not analysed.
  const usable = (hit: StoredAnalysis | undefined) =>
    hit && ('warning' in hit || Buffer.isBuffer(hit.gzippedArticle)) ? hit : undefined;
  const cached = (cacheKeys.length === 0 ? [] : await analysedStore.get(cacheKeys)).map(usable);
  for (const other of options.reuseAnalysesOf ?? []) {
    const missing = corpus.files.flatMap((source, i) => (cached[i] === undefined ? [i] : []));
    if (missing.length === 0) break;
    const found = await analysedStore.get(
      missing.map((i) => analysedArticleKey(other, corpus.files[i]!, corpus.keys.get(corpus.files[i]!.file))),
    );
    missing.forEach((i, k) => (cached[i] = usable(found[k])));
  }
  const job: IndexJob = {
    entries: corpus.files.map((source, i) => {
      const hit = cached[i];
      return hit === undefined ? { file: source.file, source } : { file: source.file, stored: hit };
    }),
    keys: corpus.keys,
  };
  const built = await (options.analyser ?? inProcessAnalyser).indexCorpus(options.queue ?? scope, job);
  for (const { entry, analysis } of built.fresh) {
    await analysedStore.set(
      cacheKeys[entry]!,
      'warning' in analysis
        ? analysis
        : { gzippedArticle: asBuffer(analysis.gzippedArticle), notes: analysis.notes ?? [] },
    );
  }

  await indexes.set(hash, { gzippedIndex: asBuffer(built.gzippedIndex), warnings: built.warnings });
  await replaceScopePointer(store, scope, { corpusHash: hash, analysedKeys: cacheKeys });
  const index = built.index ?? deserialiseIndex(built.serialisedIndex);
  return {
    index,
    warnings: built.warnings,
    source: 'built',
    analysedCount: job.entries.filter((entry) => 'source' in entry).length,
    corpusHash: hash,
  };
}

/**
 * The scope's stored index of exactly these files and this analysis, found without their text;
 * undefined when the store has none, or one it cannot read (loadOrBuildIndex then builds it).
 */
export async function storedIndexOf(
  store: Store,
  scope: string,
  corpus: CorpusIdentity,
  /** corpusHash(scope, corpus), when the caller has it already. */
  hash = corpusHash(scope, corpus),
): Promise<IndexedCorpus | undefined> {
  const stored = (await store.keyv<StoredIndexRecord>('index').get(hash)) as StoredIndexRecord | undefined;
  if (!stored || !Buffer.isBuffer(stored.gzippedIndex)) return undefined;
  try {
    return {
      index: deserialiseIndex(unpack(stored.gzippedIndex)),
      warnings: stored.warnings,
      source: 'stored',
      analysedCount: 0,
      corpusHash: hash,
    };
  } catch (error) {
    // Unreadable (another format, or damaged): to be rebuilt and overwritten.
    if (!(error instanceof IndexFormatError) && !isZlibError(error)) throw error;
    return undefined;
  }
}

/** The scope of a server's own index: its own articles alone. */
export function serverScope(guildId: string): string {
  return `server-articles:${guildId}`;
}

/**
 * The scope where earlier versions kept a server's index of the shared articles plus its own
 * (as large as the shared index): forgotten once the server's own index is built.
 */
export function legacyServerScope(guildId: string): string {
  return `server:${guildId}`;
}

/** The index a scope points at in the store, undefined when it has none: what a restart loads. */
export async function storedScopeIndex(
  store: Store,
  scope: string,
): Promise<{ index: SentenceIndex; bytes: number } | undefined> {
  const hash = await scopeIndexHash(store, scope);
  const record =
    hash === undefined ? undefined : ((await store.keyv<StoredIndexRecord>('index').get(hash)) as StoredIndexRecord);
  if (!record || !Buffer.isBuffer(record.gzippedIndex)) return undefined;
  return { index: deserialiseIndex(unpack(record.gzippedIndex)), bytes: record.gzippedIndex.byteLength };
}

/** zlib refused the record, or it inflates past largestUnpacked (analysisJobs.ts). */
function isZlibError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    error instanceof Error && typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_BUFFER_TOO_LARGE')
  );
}

function pointerKey(scope: string): string {
  return `scope:${scope}`;
}

/** Points the scope at its new index, then deletes what only the old one used. */
async function replaceScopePointer(store: Store, scope: string, next: ScopePointer): Promise<void> {
  const indexes = store.keyv<ScopePointer>('index');
  const previous = await indexes.get(pointerKey(scope));
  await indexes.set(pointerKey(scope), next);
  if (!previous || !previous.corpusHash) return;
  if (previous.corpusHash !== next.corpusHash) await indexes.delete(previous.corpusHash);
  const kept = new Set(next.analysedKeys);
  const unused = previous.analysedKeys.filter((key) => !kept.has(key));
  if (unused.length > 0) await store.keyv('analysed-articles').delete(unused);
}

/**
 * Forgets a scope (a server whose articles were all removed, or a server's legacy scope):
 * deletes its pointer, then the index record and analysed articles the pointer names, which
 * no other scope reads, and its link to the shared index (storedLink.ts).
 */
export async function forgetScope(store: Store, scope: string): Promise<void> {
  const indexes = store.keyv<ScopePointer>('index');
  const previous = await indexes.get(pointerKey(scope));
  if (!previous) return;
  await indexes.delete(pointerKey(scope));
  await indexes.delete(previous.corpusHash);
  if (previous.analysedKeys.length > 0) await store.keyv('analysed-articles').delete(previous.analysedKeys);
  await indexes.delete(linkKey(scope));
}

/** The hash of the index a scope points at now, undefined when it has none (forgotten). */
export async function scopeIndexHash(store: Store, scope: string): Promise<string | undefined> {
  const pointer = (await store.keyv<ScopePointer>('index').get(pointerKey(scope))) as ScopePointer | undefined;
  return typeof pointer?.corpusHash === 'string' ? pointer.corpusHash : undefined;
}

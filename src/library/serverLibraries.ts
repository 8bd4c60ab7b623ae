/**
 * The engine each server asks: the shared engine for a server that added no articles, else
 * an engine over the shared index with the server's own index appended (src/index/append.ts:
 * one set of statistics over both, so answers rank as if the server's articles were in the
 * shared folder).
 *
 * Only the server's own articles are indexed and stored for it (its scope in the store), so
 * the store grows with what servers add, not with the shared library; a change to the shared
 * articles rebuilds the shared index alone, and each server's small index is appended to the
 * new one when next asked.
 *
 * Which shared articles a server has turned off is a filter at question time
 * (`searchableArticleKeys` below, as `ask`'s articleKeys), not another index.
 */
import type { StoredLibrary } from './folder.ts';
import type { AppendLink } from '../index/append.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { QuoteEngine, type EngineOptions } from '../retrieval/engine.ts';
import { withOwnArticles } from '../retrieval/layered.ts';
import { inProcessAnalyser, type CorpusAnalyser } from './analysisJobs.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import type { ServerSettings } from '../store/serverSettings.ts';
import type { Store } from '../store/store.ts';
import type { ServerArticle, ServerArticles } from './serverArticles.ts';
import {
  buildAndStoreIndex,
  corpusHash,
  forgetScope,
  legacyServerScope,
  scopeIndexHash,
  serverScope,
  storedIndexOf,
} from './storedIndex.ts';
import { forgetLink, keepLink, storedLinkOf } from './storedLink.ts';
import { PendingWrites } from './pendingWrites.ts';
import { Recent } from './recent.ts';

/** The article keys a server may be answered from: its enabled shared articles and its own. */
export function searchableArticleKeys<Key extends string>(
  settings: ServerSettings,
  sharedKeys: Iterable<Key>,
  serverKeys: Iterable<Key> = [],
): Set<Key> {
  const disabled = new Set(settings.disabledSharedArticles);
  return new Set([...[...sharedKeys].filter((key) => !disabled.has(key)), ...serverKeys]);
}

function signatureOf(articles: readonly ServerArticle[]): string {
  return articles.map((article) => `${article.file}\0${article.key}\0${article.digest}`).join('\n');
}

/**
 * Engines of servers with their own articles kept in memory. Each holds the server's index
 * and what it adds to the shared one, not a copy of anything kept per shared sentence or term
 * (src/index/append.ts, mergedArrays.ts): for a server of about 640 sentences over SQuAD dev,
 * about 0.8 MB once asked, with its index (0.4 MB the index, 0.2 MB the engine, 0.2 MB what its
 * answers keep; 1.2 MB while every engine copied the shared per-sentence arrays and lists). The
 * least recently asked is dropped, and made again
 * from its small index (a millisecond or two) when next asked. At 1,000 servers with articles
 * (`npm run bench:servers -- --full`) most misses are a server's first question, and more
 * engines spare few store loads: of its 20,000 questions, 7.4% miss with 64 engines, 6.4%
 * with 128 and 5.3% with 256 (its questions replayed through a plain LRU of that size).
 */
export const defaultCachedServerEngines = 64;
/**
 * ...holding up to this many of the servers' own sentences together: 64 servers at their
 * 20,000-sentence budget would be close to a gigabyte (about 0.7 KB a sentence held), while 64
 * servers with a few news articles each take a tenth of this.
 */
export const cachedServerEngineSentences = 100_000;

/**
 * Servers' own small indexes kept in memory besides the engines, so that a server whose
 * engine was dropped is appended again without reading the store: up to this many servers...
 */
export const defaultCachedServerIndexes = 128;
/**
 * ...holding up to this many sentences together. A few news articles are a few hundred
 * sentences, so most servers fit many times over; a server at its 20,000-sentence budget
 * (serverArticles.ts) takes two thirds of it. A sentence held costs about 0.6 KB of memory (its
 * text, objects and arrays), the largest part of what servers' articles add to the process:
 * at 1,000 servers with articles (`npm run bench:servers -- --full`), 100,000 sentences here
 * peaked about 40 MB higher than 30,000, for no faster answers, as the engines hold their own.
 * One dropped is loaded from the store again (gunzip and deserialise: a millisecond or two for
 * a few articles).
 */
export const cachedServerIndexSentences = 30_000;

/** How much of the servers' own articles is held in memory: engines, and small indexes besides. */
export interface ServerCacheLimits {
  readonly engines: number;
  readonly engineSentences: number;
  readonly indexes: number;
  readonly indexSentences: number;
}

const defaultServerCacheLimits: ServerCacheLimits = {
  engines: defaultCachedServerEngines,
  engineSentences: cachedServerEngineSentences,
  indexes: defaultCachedServerIndexes,
  indexSentences: cachedServerIndexSentences,
};

/** A server's own index, the hash it is stored under, and its link to the shared index once known. */
interface OwnIndex {
  readonly index: SentenceIndex;
  readonly corpusHash: string;
  /** Read from the store with the index, or worked out by its first append (and then kept there too). */
  link: AppendLink | undefined;
}

interface Signed<T> {
  readonly signature: string;
  readonly value: Promise<T>;
  /** The value once it has resolved: what may be used without waiting. */
  ready?: T;
}

/** How a ServerLibraries answers and builds, each part optional. */
export interface ServerLibrariesSetup {
  /** Options of every server's engine. */
  readonly engine?: EngineOptions;
  /** Builds a server's index (the bot's worker thread; this thread by default). */
  readonly analyser?: CorpusAnalyser;
  readonly caches?: Partial<ServerCacheLimits>;
  /** Where its link writes are tracked: one for the ServerLibraries a process makes in turn. */
  readonly writes?: PendingWrites;
}

export class ServerLibraries {
  private readonly engines: Recent<Signed<QuoteEngine>>;
  private readonly indexes: Recent<Signed<OwnIndex>>;
  private readonly options: EngineOptions;
  private readonly analyser: CorpusAnalyser;
  private readonly writes: PendingWrites;

  constructor(
    private readonly store: Store,
    private readonly shared: Pick<StoredLibrary, 'engine' | 'corpusHash'>,
    private readonly articles: ServerArticles,
    setup: ServerLibrariesSetup = {},
  ) {
    this.options = setup.engine ?? {};
    this.analyser = setup.analyser ?? inProcessAnalyser;
    this.writes = setup.writes ?? new PendingWrites();
    const limits = { ...defaultServerCacheLimits, ...setup.caches };
    this.engines = new Recent(limits.engines, limits.engineSentences);
    this.indexes = new Recent(limits.indexes, limits.indexSentences);
  }

  /** Resolves once the link writes started so far have finished (before the store is closed). */
  settled(): Promise<void> {
    return this.writes.settled();
  }

  /** The server's engine if one is built and held here, without waiting or asking the store (autocomplete). */
  heldEngine(guildId: string): QuoteEngine | undefined {
    return this.engines.peek(guildId)?.ready;
  }

  /** The server's engine as last built here, without asking the store: what answers use while it is down. */
  lastBuilt(guildId: string): Promise<QuoteEngine> | undefined {
    return this.engines.peek(guildId)?.value;
  }

  /**
   * The engine for a server. Reads the server's article list (one small record) on each call,
   * so that an article added through another process is seen; the server's index is rebuilt
   * only when the list has changed.
   */
  async engineFor(guildId: string, listed?: readonly ServerArticle[]): Promise<QuoteEngine> {
    // `listed`: the server's list, when the caller has just read it.
    const own = listed ?? (await this.articles.list(guildId));
    if (own.length === 0) {
      this.engines.delete(guildId);
      this.indexes.delete(guildId);
      return this.shared.engine;
    }
    const signature = signatureOf(own);
    const cached = this.engines.get(guildId);
    if (cached?.signature === signature) return cached.value;
    const ownIndex = this.ownIndex(guildId, signature, own);
    const engine = ownIndex.then((loaded) => {
      const { index, link, linkGiven } = withOwnArticles(this.shared.engine.index, loaded.index, loaded.link);
      if (!linkGiven) {
        loaded.link = link;
        this.keepLinkFor(guildId, loaded.corpusHash, link);
      }
      return new QuoteEngine(index, { ...this.options, appendedTo: this.shared.engine });
    });
    const entry: Signed<QuoteEngine> = { signature, value: engine };
    this.engines.set(guildId, entry);
    engine.then(
      (built) => (entry.ready = built),
      () => undefined,
    );
    ownIndex.then(
      (loaded) => this.engines.weigh(guildId, entry, loaded.index.sentences.length),
      () => this.engines.delete(guildId, entry),
    );
    return engine;
  }

  /**
   * The server's own articles' index: from memory, else the store, else built and stored. Its
   * link to the shared index is read from the store with it.
   */
  private ownIndex(guildId: string, signature: string, own: readonly ServerArticle[]): Promise<OwnIndex> {
    const cached = this.indexes.get(guildId);
    if (cached?.signature === signature) return cached.value;
    const scope = serverScope(guildId);
    const index = (async (): Promise<OwnIndex> => {
      // Found by the list alone when stored: the articles' texts are read only to build it.
      const identity = this.articles.corpusIdentity(guildId, own);
      const linked = { serverIndex: corpusHash(scope, identity), sharedIndex: this.shared.corpusHash };
      const [stored, link] = await Promise.all([
        storedIndexOf(this.store, scope, identity, linked.serverIndex),
        storedLinkOf(this.store, scope, linked),
      ]);
      if (stored) return { index: stored.index, corpusHash: stored.corpusHash, link };
      const corpus = await this.articles.corpusFor(guildId, own);
      const indexed = await buildAndStoreIndex(this.store, scope, corpus, {
        analyser: this.analyser,
        queue: guildId,
      });
      // The index an earlier version kept for this server (the shared articles and its own) is no longer read.
      if (indexed.source === 'built')
        await forgetScope(this.store, legacyServerScope(guildId)).catch(unlessStoreFailed);
      return { index: indexed.index, corpusHash: indexed.corpusHash, link: undefined };
    })();
    const entry = { signature, value: index };
    this.indexes.set(guildId, entry);
    index.then(
      (loaded) => this.indexes.weigh(guildId, entry, loaded.index.sentences.length),
      () => this.indexes.delete(guildId, entry),
    );
    return index;
  }

  /**
   * Keeps a link worked out, for the server's next load. Not waited for: the answer needs none
   * of it, and a link that fails to be kept is only worked out again on that load.
   */
  private keepLinkFor(guildId: string, serverIndex: string, link: AppendLink): void {
    const scope = serverScope(guildId);
    const kept = async () => {
      await keepLink(this.store, scope, { serverIndex, sharedIndex: this.shared.corpusHash }, link);
      // The server's articles may have been removed or changed meanwhile (forgetScope deleting
      // the link before this wrote it): no link is left behind for an index no longer there.
      if ((await scopeIndexHash(this.store, scope)) !== serverIndex) await forgetLink(this.store, scope, serverIndex);
    };
    this.writes.add(kept());
  }
}

/** Tidying up after a build: a store that fails then leaves a stale record behind, no more. */
function unlessStoreFailed(error: unknown): void {
  if (!(error instanceof StoreUnavailableError)) throw error;
}

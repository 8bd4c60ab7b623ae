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
 * (`searchableArticleKeys` in serverSettings.ts as `ask`'s articleKeys), not another index.
 */
import type { StoredLibrary } from '../library.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { QuoteEngine, type EngineOptions } from '../retrieval/engine.ts';
import { withOwnArticles } from '../retrieval/layered.ts';
import { inProcessAnalyser, type CorpusAnalyser } from './analysisJobs.ts';
import { StoreUnavailableError } from './errors.ts';
import type { Store } from './open.ts';
import type { ServerArticle, ServerArticles } from './serverArticles.ts';
import { forgetScope, legacyServerScope, loadOrBuildIndex, serverScope } from './storedIndex.ts';

function signatureOf(articles: readonly ServerArticle[]): string {
  return articles.map((article) => `${article.file}\0${article.key}\0${article.digest}`).join('\n');
}

/**
 * Engines of servers with their own articles kept in memory. Each carries a copy of the shared
 * index's arrays with the server's slotted in (about the shared index's size), so they are not
 * kept for every server: the least recently asked is dropped, and made again from its small
 * index (a copy, milliseconds) when next asked.
 */
export const defaultCachedServerEngines = 32;

/**
 * Servers' own small indexes kept in memory: a server's articles only (a few kB to a few
 * hundred kB each), so many more than engines; one dropped is loaded from the store again.
 */
export const defaultCachedServerIndexes = 1_000;

/** A map kept to `limit` entries, the least recently used dropped first. */
class Recent<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map order is insertion order: moving it to the end marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }
  delete(key: string, only?: T): void {
    if (only === undefined || this.entries.get(key) === only) this.entries.delete(key);
  }
  peek(key: string): T | undefined {
    return this.entries.get(key);
  }
}

interface Signed<T> {
  readonly signature: string;
  readonly value: Promise<T>;
}

export class ServerLibraries {
  private readonly engines: Recent<Signed<QuoteEngine>>;
  private readonly indexes: Recent<Signed<SentenceIndex>>;

  constructor(
    private readonly store: Store,
    private readonly shared: Pick<StoredLibrary, 'engine'>,
    private readonly articles: ServerArticles,
    private readonly options: EngineOptions = {},
    maxCachedEngines = defaultCachedServerEngines,
    /** Builds a server's index (the bot's worker thread; this thread by default). */
    private readonly analyser: CorpusAnalyser = inProcessAnalyser,
    maxCachedIndexes = defaultCachedServerIndexes,
  ) {
    this.engines = new Recent(maxCachedEngines);
    this.indexes = new Recent(Math.max(maxCachedIndexes, maxCachedEngines));
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
    const ownIndex = this.ownIndex(guildId, signature);
    const engine = ownIndex.then((index) => new QuoteEngine(withOwnArticles(this.shared.engine.index, index), this.options));
    const entry = { signature, value: engine };
    this.engines.set(guildId, entry);
    engine.catch(() => this.engines.delete(guildId, entry));
    return engine;
  }

  /** The server's own articles' index: from memory, else the store, else built and stored. */
  private ownIndex(guildId: string, signature: string): Promise<SentenceIndex> {
    const cached = this.indexes.get(guildId);
    if (cached?.signature === signature) return cached.value;
    const index = (async () => {
      const corpus = await this.articles.corpusFor(guildId);
      const indexed = await loadOrBuildIndex(this.store, serverScope(guildId), corpus, { analyser: this.analyser, queue: guildId });
      // The index an earlier version kept for this server (the shared articles and its own) is no longer read.
      if (indexed.source === 'built') await forgetScope(this.store, legacyServerScope(guildId)).catch(unlessStoreFailed);
      return indexed.index;
    })();
    const entry = { signature, value: index };
    this.indexes.set(guildId, entry);
    index.catch(() => this.indexes.delete(guildId, entry));
    return index;
  }
}

/** Tidying up after a build: a store that fails then leaves a stale record behind, no more. */
function unlessStoreFailed(error: unknown): void {
  if (!(error instanceof StoreUnavailableError)) throw error;
}

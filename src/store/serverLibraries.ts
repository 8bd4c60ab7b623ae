/**
 * The engine each server asks: the shared engine for a server that added no articles, else
 * an engine over the shared articles plus the server's own, its index kept in the store
 * under its own scope (so a restart loads it, and only the server's new files are read
 * with wink: the shared ones are already analysed).
 *
 * Which shared articles a server has turned off is a filter at question time
 * (`searchableArticleKeys` in serverSettings.ts as `ask`'s articleKeys), not another index.
 */
import type { StoredLibrary } from '../library.ts';
import { QuoteEngine, type EngineOptions } from '../retrieval/engine.ts';
import { inProcessAnalyser, type CorpusAnalyser } from './analysisJobs.ts';
import type { Store } from './open.ts';
import type { ServerArticle, ServerArticles } from './serverArticles.ts';
import { loadOrBuildIndex, serverScope } from './storedIndex.ts';

function signatureOf(articles: readonly ServerArticle[]): string {
  return articles.map((article) => `${article.file}\0${article.key}\0${article.digest}`).join('\n');
}

/**
 * Engines of servers with their own articles kept in memory. Each holds the shared articles
 * too, so they are not kept for every server: the least recently asked is dropped, and loads
 * from the store again (milliseconds) when next asked.
 */
export const defaultCachedServerEngines = 32;

export class ServerLibraries {
  private readonly engines = new Map<string, { signature: string; engine: Promise<QuoteEngine> }>();

  constructor(
    private readonly store: Store,
    private readonly shared: Pick<StoredLibrary, 'engine'>,
    private readonly articles: ServerArticles,
    private readonly options: EngineOptions = {},
    private readonly maxCachedEngines = defaultCachedServerEngines,
    /** Builds a server's index (the bot's worker thread; this thread by default). */
    private readonly analyser: CorpusAnalyser = inProcessAnalyser,
  ) {}

  /** The server's engine as last built here, without asking the store: what answers use while it is down. */
  lastBuilt(guildId: string): Promise<QuoteEngine> | undefined {
    return this.engines.get(guildId)?.engine;
  }

  /**
   * The engine for a server. Reads the server's article list (one small record) on each call,
   * so that an article added through another process is seen; the index is rebuilt only when
   * the list has changed.
   */
  async engineFor(guildId: string, listed?: readonly ServerArticle[]): Promise<QuoteEngine> {
    // `listed`: the server's list, when the caller has just read it.
    const own = listed ?? (await this.articles.list(guildId));
    if (own.length === 0) {
      this.engines.delete(guildId);
      return this.shared.engine;
    }
    const signature = signatureOf(own);
    const cached = this.engines.get(guildId);
    if (cached?.signature === signature) {
      // Map order is insertion order: moving it to the end marks it most recently used.
      this.engines.delete(guildId);
      this.engines.set(guildId, cached);
      return cached.engine;
    }
    const engine = (async () => {
      const corpus = await this.articles.corpusFor(guildId);
      const indexed = await loadOrBuildIndex(this.store, serverScope(guildId), corpus, { analyser: this.analyser, queue: guildId });
      return new QuoteEngine(indexed.index, this.options);
    })();
    this.engines.delete(guildId);
    this.engines.set(guildId, { signature, engine });
    for (const oldest of this.engines.keys()) {
      if (this.engines.size <= this.maxCachedEngines) break;
      this.engines.delete(oldest);
    }
    engine.catch(() => {
      if (this.engines.get(guildId)?.engine === engine) this.engines.delete(guildId);
    });
    return engine;
  }
}

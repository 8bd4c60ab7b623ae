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
import type { Store } from './open.ts';
import type { ServerArticle, ServerArticles } from './serverArticles.ts';
import { loadOrBuildIndex, serverScope } from './storedIndex.ts';

function signatureOf(articles: readonly ServerArticle[]): string {
  return articles.map((article) => `${article.file}\0${article.key}\0${article.digest}`).join('\n');
}

export class ServerLibraries {
  private readonly engines = new Map<string, { signature: string; engine: Promise<QuoteEngine> }>();

  constructor(
    private readonly store: Store,
    private readonly shared: Pick<StoredLibrary, 'engine'>,
    private readonly articles: ServerArticles,
    private readonly options: EngineOptions = {},
  ) {}

  /**
   * The engine for a server. Reads the server's article list (one small record) on each call,
   * so that an article added through another process is seen; the index is rebuilt only when
   * the list has changed.
   */
  async engineFor(guildId: string): Promise<QuoteEngine> {
    const own = await this.articles.list(guildId);
    if (own.length === 0) {
      this.engines.delete(guildId);
      return this.shared.engine;
    }
    const signature = signatureOf(own);
    const cached = this.engines.get(guildId);
    if (cached?.signature === signature) return cached.engine;
    const engine = (async () => {
      const corpus = await this.articles.corpusFor(guildId);
      const indexed = await loadOrBuildIndex(this.store, serverScope(guildId), corpus);
      return new QuoteEngine(indexed.index, this.options);
    })();
    this.engines.set(guildId, { signature, engine });
    engine.catch(() => {
      if (this.engines.get(guildId)?.engine === engine) this.engines.delete(guildId);
    });
    return engine;
  }
}

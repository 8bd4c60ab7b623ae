/**
 * The design before per-server indexes of their own, kept for `npm run bench:servers` to
 * compare against: a server with articles gets one whole index of the shared articles plus its
 * own, stored under its scope and rebuilt when either changes; the 32 most recently asked are
 * held in memory.
 */
import type { StoredLibrary } from '../library/folder.ts';
import { QuoteEngine } from '../retrieval/engine.ts';
import type { Store } from '../store/store.ts';
import type { ServerArticles } from '../library/serverArticles.ts';
import { legacyServerScope, loadOrBuildIndex, serverScope } from '../library/storedIndex.ts';

const cachedEngines = 32;

export class LegacyServerLibraries {
  private readonly engines = new Map<string, { signature: string; engine: Promise<QuoteEngine> }>();

  constructor(
    private readonly store: Store,
    private readonly shared: Pick<StoredLibrary, 'engine' | 'corpus' | 'scope'>,
    private readonly articles: ServerArticles,
  ) {}

  async engineFor(guildId: string): Promise<QuoteEngine> {
    const own = await this.articles.list(guildId);
    if (own.length === 0) return this.shared.engine;
    const signature = own.map((article) => `${article.file}\0${article.key}\0${article.digest}`).join('\n');
    const cached = this.engines.get(guildId);
    this.engines.delete(guildId);
    if (cached?.signature === signature) {
      this.engines.set(guildId, cached);
      return cached.engine;
    }
    const engine = (async () => {
      const ownCorpus = await this.articles.corpusFor(guildId);
      const corpus = {
        files: [...this.shared.corpus.files, ...ownCorpus.files],
        keys: new Map([...this.shared.corpus.keys, ...ownCorpus.keys]),
      };
      return new QuoteEngine(
        (
          await loadOrBuildIndex(this.store, legacyServerScope(guildId), corpus, {
            queue: guildId,
            // As the earlier design did, no file the shared library or the server read is read again.
            reuseAnalysesOf: [this.shared.scope, serverScope(guildId)],
          })
        ).index,
      );
    })();
    this.engines.set(guildId, { signature, engine });
    for (const oldest of this.engines.keys()) {
      if (this.engines.size <= cachedEngines) break;
      this.engines.delete(oldest);
    }
    return engine;
  }
}

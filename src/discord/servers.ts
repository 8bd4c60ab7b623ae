/**
 * What each server sees: the shared articles (ARTICLES_DIR) less the ones it turned off, plus
 * the articles its admins added, and its settings. Every command asks for a server's view and
 * answers from it alone, so that one server's articles never reach another.
 */
import type { Article, ArticleKey, Sentence } from '../corpus/types.ts';
import { openLibraryWithStore, type StoredLibrary } from '../library/folder.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import type { Answer, Quote } from '../retrieval/types.ts';
import { StoreUnavailableError, withTimeout } from '../store/errors.ts';
import { inProcessAnalyser, type CorpusAnalyser } from '../library/analysisJobs.ts';
import type { Store } from '../store/store.ts';
import { ServerArticles } from '../library/serverArticles.ts';
import { PendingWrites } from '../library/pendingWrites.ts';
import { searchableArticleKeys, ServerLibraries } from '../library/serverLibraries.ts';
import { defaultServerSettings, ServerSettingsStore, type ServerSettings } from '../store/serverSettings.ts';
import { Catalogue, type ArticleVisibility } from './catalogue.ts';

export class ServerView {
  /** Undefined when every article the engine has is visible (nothing turned off). */
  readonly visible: ArticleVisibility;
  private readonly visibleKeys: ReadonlySet<ArticleKey> | undefined;

  constructor(
    readonly guildId: string | null,
    readonly engine: QuoteEngine,
    /**
     * The autocomplete catalogue of `engine`, built when first read (by autocomplete or an
     * article named by its title), not for every question.
     */
    private readonly catalogue: () => Catalogue,
    readonly settings: ServerSettings,
    sharedKeys: ReadonlySet<string>,
  ) {
    // Only shared articles can be turned off; a server's own are always on.
    if (!settings.disabledSharedArticles.some((key) => sharedKeys.has(key))) return;
    const engineKeys = engine.articles.map((article) => article.key);
    this.visibleKeys = searchableArticleKeys(
      settings,
      engineKeys.filter((key) => sharedKeys.has(key)),
      engineKeys.filter((key) => !sharedKeys.has(key)),
    );
    const keys: ReadonlySet<string> = this.visibleKeys;
    this.visible = (key) => keys.has(key);
  }

  /** The articles this server can be answered from, in the engine's order. */
  get articles(): readonly Article[] {
    return this.visible ? this.engine.articles.filter((article) => this.visible!(article.key)) : this.engine.articles;
  }

  /** Options for QuoteEngine.ask and .search that keep answers to this server's articles. */
  get scope(): { articleKeys?: Set<ArticleKey> } {
    return this.visibleKeys ? { articleKeys: new Set(this.visibleKeys) } : {};
  }

  /**
   * The server's answer to a question: ranked within its articles, and without "also in"
   * sources from shared articles it turned off (near-duplicates are grouped across articles).
   */
  ask(question: string, options: { top: number; offset: number; articleKey?: ArticleKey }): Answer {
    const answer = this.engine.ask(question, { ...options, ...this.scope });
    const visible = this.visible;
    if (!answer.answered || !visible) return answer;
    const withVisibleSources = (quote: Quote): Quote => ({
      ...quote,
      sources: quote.sources.filter((source) => visible(source.article.key)),
    });
    const [first, ...rest] = answer.quotes;
    return { ...answer, quotes: [withVisibleSources(first), ...rest.map(withVisibleSources)] };
  }

  /** A sentence by citation id, if it is in an article this server sees. */
  sentence(id: string): Sentence | undefined {
    const sentence = this.engine.sentence(id);
    return sentence && (!this.visible || this.visible(sentence.articleKey)) ? sentence : undefined;
  }

  articleChoices(typed: string) {
    return this.catalogue().articleChoices(typed, this.visible);
  }

  sentenceChoices(typed: string) {
    return this.catalogue().sentenceChoices(typed, this.visible);
  }

  findArticle(typed: string): Article | undefined {
    return this.catalogue().findArticle(typed, this.visible);
  }
}

/**
 * How long a view waits for the server's article list and settings (two small records) before
 * answering from memory: with the rate limit's 500 ms (router.ts) this leaves more than a
 * second of Discord's 3 for the answer to be acknowledged, where the store's own 2 s limit
 * would not.
 */
export const viewReadTimeoutMs = 1_000;

/** A catch handler: the fallback when the store failed, any other error passed on. */
function unlessStoreFailed<T>(fallback: () => T): (error: unknown) => T {
  return (error) => {
    if (error instanceof StoreUnavailableError) return fallback();
    throw error;
  };
}

interface Libraries {
  readonly shared: StoredLibrary;
  readonly sharedKeys: ReadonlySet<string>;
  readonly articles: ServerArticles;
  readonly engines: ServerLibraries;
}

/** How often autocomplete may start loading one server's view from the store: twice a minute. */
const backgroundLoadIntervalMs = 30_000;
/** Servers whose last background load is remembered; older ones are forgotten first. */
const maxBackgroundLoadsRemembered = 10_000;

export class ServerDirectory {
  readonly settings: ServerSettingsStore;
  private libraries: Libraries;
  private readonly catalogues = new WeakMap<QuoteEngine, Catalogue>();
  /** When autocomplete last started loading each server's view (loadInBackground). */
  private readonly backgroundLoads = new Map<string, number>();
  private reloading: Promise<unknown> = Promise.resolve();
  /** Store writes the servers' engines started without waiting, across reloads. */
  private readonly writes = new PendingWrites();

  private constructor(
    private readonly store: Store,
    private readonly articlesDir: string,
    private readonly analyser: CorpusAnalyser,
    shared: StoredLibrary,
  ) {
    this.settings = new ServerSettingsStore(store);
    this.libraries = this.librariesFor(shared);
  }

  /**
   * Reads ARTICLES_DIR (its index from the store when the files are unchanged). Articles are
   * read with wink, and indexes built, on `analyser`: the bot gives it a worker thread, so
   * that one server's new article does not hold up the others' interactions.
   */
  static async open(
    store: Store,
    articlesDir: string,
    analyser: CorpusAnalyser = inProcessAnalyser,
  ): Promise<ServerDirectory> {
    return new ServerDirectory(
      store,
      articlesDir,
      analyser,
      await openLibraryWithStore(articlesDir, store, {}, analyser),
    );
  }

  private librariesFor(shared: StoredLibrary): Libraries {
    const articles = new ServerArticles(this.store, shared.corpus, {}, this.analyser);
    return {
      shared,
      sharedKeys: new Set(shared.engine.articles.map((article) => article.key)),
      articles,
      engines: new ServerLibraries(this.store, shared, articles, { analyser: this.analyser, writes: this.writes }),
    };
  }

  /** The shared library as last read. */
  get shared(): StoredLibrary {
    return this.libraries.shared;
  }

  /** Adds, removes and lists a server's own articles. */
  get articles(): ServerArticles {
    return this.libraries.articles;
  }

  /**
   * The catalogue of `engine`, built on first read and then kept as long as the engine is; a
   * server's over `shared` (the shared engine when its view was made) looks in the shared
   * catalogue first and holds only its own articles' entries.
   */
  private catalogueFor(engine: QuoteEngine, shared: QuoteEngine): Catalogue {
    let catalogue = this.catalogues.get(engine);
    if (!catalogue) {
      catalogue = new Catalogue(engine, engine === shared ? undefined : this.catalogueFor(shared, shared));
      this.catalogues.set(engine, catalogue);
    }
    return catalogue;
  }

  /** A server's settings, read as viewFor reads them: as last read (else the defaults) while the store is slow or down. */
  async settingsOf(guildId: string | null): Promise<ServerSettings> {
    if (guildId === null) return defaultServerSettings;
    return withTimeout(this.settings.get(guildId), viewReadTimeoutMs, "a server's settings").catch(
      unlessStoreFailed(() => this.settings.lastKnown(guildId) ?? defaultServerSettings),
    );
  }

  /** Outside a server (a DM): the shared articles with default settings. */
  private directMessageView(): ServerView {
    const { shared, sharedKeys } = this.libraries;
    return new ServerView(
      null,
      shared.engine,
      () => this.catalogueFor(shared.engine, shared.engine),
      defaultServerSettings,
      sharedKeys,
    );
  }

  /**
   * What a server sees; outside a server (a DM), the shared articles with default settings.
   * While the store is down or slow (its two small records not read within viewReadTimeoutMs),
   * what this process last saw: the server's engine as last built (else the shared one) and
   * its settings as last read (else the defaults), so that questions are still answered from
   * memory, within Discord's 3 seconds.
   */
  async viewFor(guildId: string | null): Promise<ServerView> {
    const { shared, engines, articles, sharedKeys } = this.libraries;
    if (guildId === null) return this.directMessageView();
    const fromMemory = (): QuoteEngine | Promise<QuoteEngine> => engines.lastBuilt(guildId) ?? shared.engine;
    const [own, settings] = await Promise.all([
      withTimeout(articles.list(guildId), viewReadTimeoutMs, "a server's article list").catch(
        unlessStoreFailed(() => undefined),
      ),
      this.settingsOf(guildId),
    ]);
    const engine = await (own === undefined
      ? fromMemory()
      : engines.engineFor(guildId, own).catch(unlessStoreFailed(fromMemory)));
    return new ServerView(guildId, engine, () => this.catalogueFor(engine, shared.engine), settings, sharedKeys);
  }

  /**
   * What a server sees, for autocomplete: from memory only, with no store read and no index
   * load, since it runs on every keystroke and is not rate limited. A server whose engine is
   * not held gets the shared articles now, and its own engine is loaded for the next keystroke
   * (or its next question) without waiting.
   */
  viewFromMemory(guildId: string | null): ServerView {
    const { shared, engines, sharedKeys } = this.libraries;
    if (guildId === null) return this.directMessageView();
    const held = engines.heldEngine(guildId);
    if (held === undefined) this.loadInBackground(guildId);
    const engine = held ?? shared.engine;
    const settings = this.settings.lastKnown(guildId) ?? defaultServerSettings;
    return new ServerView(guildId, engine, () => this.catalogueFor(engine, shared.engine), settings, sharedKeys);
  }

  /**
   * Starts loading a server's view for autocomplete, at most once per guild every
   * backgroundLoadIntervalMs: a server without articles of its own never has an engine held,
   * and its keystrokes must not each read the store.
   */
  private loadInBackground(guildId: string): void {
    const now = Date.now();
    const last = this.backgroundLoads.get(guildId);
    if (last !== undefined && now - last < backgroundLoadIntervalMs) return;
    this.backgroundLoads.delete(guildId);
    this.backgroundLoads.set(guildId, now);
    // Map order is insertion order: the oldest goes first, so the map stays bounded.
    if (this.backgroundLoads.size > maxBackgroundLoadsRemembered)
      this.backgroundLoads.delete(this.backgroundLoads.keys().next().value!);
    // Its failure is the next question's to report.
    this.viewFor(guildId).catch(() => undefined);
  }

  /** Resolves once the store writes started without waiting (servers' links) have finished: before the store is closed. */
  settled(): Promise<void> {
    return this.writes.settled();
  }

  /**
   * Reads ARTICLES_DIR again (an admin's /admin reload after changing the files). Servers'
   * own indexes are kept: each is appended to the new shared index when next asked. One reload at a
   * time; an add or remove already under way finishes against the articles it started with.
   */
  async reload(): Promise<StoredLibrary> {
    const next = this.reloading.then(async () => {
      const shared = await openLibraryWithStore(this.articlesDir, this.store, {}, this.analyser);
      this.libraries = this.librariesFor(shared);
      return shared;
    });
    this.reloading = next.catch(() => {});
    return next;
  }
}

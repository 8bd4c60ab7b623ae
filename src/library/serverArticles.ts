/**
 * Articles a server's admins added from Discord. A server sees the shared articles plus its
 * own; no other server sees them.
 *
 * An attachment is held to the same rules as a file in the articles folder
 * (decodeArticleBytes, then parseArticle), so a refusal gives the same reasons; and a server
 * has budgets of bytes and sentences across its articles (ServerArticleLimits), since each
 * of its articles is held in memory with its index. Counting sentences means reading the
 * article with wink, which the analyser does (a worker thread in the bot) before anything is
 * written; the analysis is kept, so the index build does not read the article again.
 *
 * Kept as two kinds of record:
 * - each article's text, under the server and the text's sha-256 (`guild/digest`): written
 *   first, and harmless on its own;
 * - the server's list of articles (one record per server): writing it is the moment the
 *   change happens. A crash before it leaves the old list, after it the new one; either way
 *   every listed article's text is there. The server's index is derived from the list
 *   (see serverLibraries.ts) and rebuilt when it does not match, so it cannot be left broken.
 */
import type { SourceFile } from '../corpus/load.ts';
import type { ArticleKey } from '../corpus/types.ts';
import { decodeArticleBytes } from '../corpus/validate.ts';
import type { PageRead } from '../corpus/web/readPage.ts';
import { AnalysisTimeoutError, inProcessAnalyser, type CorpusAnalyser, type PageJob } from './analysisJobs.ts';
import {
  forgetScope,
  keepAnalysedArticle,
  legacyServerScope,
  serverScope,
  type CorpusIdentity,
  type CorpusSources,
} from './storedIndex.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import { KeyedQueue } from '../store/keyedQueue.ts';
import type { Store } from '../store/store.ts';
import {
  defaultServerArticleLimits,
  indexKeysFor,
  keyFor,
  overByteBudget,
  overSentenceBudget,
  safeFileName,
  sha256,
  type ServerArticleLimits,
  type ServerArticleUsage,
} from './serverArticleRules.ts';

/** Where the bot's start-up reads the attachment size limit. */
export { defaultServerArticleLimits } from './serverArticleRules.ts';

export interface ServerArticle {
  /** The attachment's file name, as the article's file. */
  readonly file: string;
  readonly key: ArticleKey;
  readonly title: string;
  readonly digest: string;
  readonly bytes: number;
  /** Sentences it was read into (title included); absent for articles added before they were counted. */
  readonly sentences?: number;
  readonly addedBy: string;
  readonly addedAt: number;
}

interface ServerArticleList {
  readonly articles: ServerArticle[];
}

interface StoredArticleText {
  readonly file: string;
  readonly text: string;
}

export type AddArticleResult =
  | {
      readonly ok: true;
      readonly article: ServerArticle;
      readonly replaced: boolean;
      /** What was changed to keep it (a title cut, a url left out), to tell whoever added it. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export class ServerArticles {
  private readonly queue = new KeyedQueue();

  private readonly limits: ServerArticleLimits;

  constructor(
    private readonly store: Store,
    /** The shared folder's files and keys: names and keys a server article may not take. */
    private readonly shared: CorpusSources,
    limits: Partial<ServerArticleLimits> = {},
    /** Reads attachments with wink (the bot's worker thread; this thread by default). */
    private readonly analyser: CorpusAnalyser = inProcessAnalyser,
  ) {
    this.limits = { ...defaultServerArticleLimits, ...limits };
  }

  private get records() {
    return this.store.keyv<ServerArticleList | StoredArticleText>('server-articles');
  }

  async list(guildId: string): Promise<ServerArticle[]> {
    const list = (await this.records.get(guildId)) as ServerArticleList | undefined;
    return list?.articles ?? [];
  }

  /**
   * Adds (or, under the same file name, replaces) an article from an attachment. Refused with
   * a reason a server admin can act on when the file would be refused from the folder too, or
   * would take the server past its budgets; a refused add writes nothing.
   */
  async add(
    guildId: string,
    fileName: string,
    bytes: Uint8Array,
    addedBy: string,
    now = Date.now(),
  ): Promise<AddArticleResult> {
    const file = fileName.trim();
    if (!safeFileName.test(file)) {
      return {
        ok: false,
        reason: `the file name "${fileName}" is not usable; use letters, digits, spaces, dots, dashes and underscores`,
      };
    }
    const decoded = decodeArticleBytes(file, bytes, this.limits.maxBytes);
    if (!decoded.ok) return { ok: false, reason: decoded.reason };

    return this.queue.run(guildId, async () => {
      const current = await this.list(guildId);
      const existing = current.find((article) => article.file === file);
      if (!existing && current.length >= this.limits.maxArticles) {
        return {
          ok: false,
          reason: `this server already has ${current.length} articles, the most it may add; remove one first`,
        };
      }
      // A replaced article's share of the budgets is freed by its replacement.
      const others = current.filter((article) => article.file !== file);
      const serverBytes = others.reduce((sum, article) => sum + article.bytes, 0) + bytes.byteLength;
      const tooManyBytes = overByteBudget(serverBytes, this.limits);
      if (tooManyBytes !== null) return { ok: false, reason: tooManyBytes };
      const taken = new Set<string>([...this.shared.keys.values(), ...others.map((article) => article.key)]);
      const key = existing && !taken.has(existing.key) ? existing.key : keyFor(guildId, file, taken);
      const source = { file, digest: sha256(bytes), text: decoded.text };

      let analysed;
      try {
        analysed = await this.analyser.analyseArticle(guildId, {
          source,
          key,
          maxSentences: this.limits.maxArticleSentences,
        });
      } catch (error) {
        if (error instanceof AnalysisTimeoutError)
          return { ok: false, reason: `${error.message}, the most one article may take` };
        throw error;
      }
      if (!analysed.ok) return { ok: false, reason: analysed.reason };
      // After reading, so that a file that is no article says so first, as it would in the folder.
      if (this.shared.files.some((shared) => shared.file === file)) {
        return { ok: false, reason: `a shared article is already called ${file}; rename the file` };
      }
      // Articles added before sentences were counted count as none: their bytes still count.
      const serverSentences = others.reduce((sum, article) => sum + (article.sentences ?? 0), 0) + analysed.sentences;
      const tooManySentences = overSentenceBudget(serverSentences, this.limits);
      if (tooManySentences !== null) return { ok: false, reason: tooManySentences };

      const article: ServerArticle = {
        file,
        key,
        title: analysed.title,
        digest: source.digest,
        bytes: bytes.byteLength,
        sentences: analysed.sentences,
        addedBy,
        addedAt: now,
      };
      await keepAnalysedArticle(this.store, serverScope(guildId), source, key, analysed.gzippedArticle, analysed.notes);
      await this.records.set(textKey(guildId, article.digest), { file, text: decoded.text });
      const articles = [...others, article].sort((a, b) => a.file.localeCompare(b.file));
      await this.records.set(guildId, { articles });
      if (
        existing &&
        existing.digest !== article.digest &&
        !articles.some((entry) => entry.digest === existing.digest)
      ) {
        await tidyUp(this.records.delete(textKey(guildId, existing.digest)));
      }
      return { ok: true, article, replaced: existing !== undefined, notes: analysed.notes };
    });
  }

  /**
   * The article in a page downloaded for this server, as a file for `add`: read by the
   * analyser (the bot's worker thread), in this server's turn, since Readability takes seconds
   * on a large page. Nothing is stored.
   */
  async readPage(guildId: string, page: PageJob): Promise<PageRead> {
    try {
      return await this.analyser.readPage(guildId, page);
    } catch (error) {
      if (error instanceof AnalysisTimeoutError)
        return {
          ok: false,
          reason: `finding the article in the page took longer than ${Math.ceil(error.timeoutMs / 1000)} s`,
        };
      throw error;
    }
  }

  /** How much of its budgets of sentences and bytes a server's articles take. */
  async usage(guildId: string): Promise<ServerArticleUsage> {
    const articles = await this.list(guildId);
    return {
      sentences: articles.reduce((sum, article) => sum + (article.sentences ?? 0), 0),
      bytes: articles.reduce((sum, article) => sum + article.bytes, 0),
      maxSentences: this.limits.maxServerSentences,
      maxBytes: this.limits.maxServerBytes,
    };
  }

  /** Removes an article by file name or article key; undefined when the server has no such article. */
  async remove(guildId: string, fileOrKey: string): Promise<ServerArticle | undefined> {
    return this.queue.run(guildId, async () => {
      const current = await this.list(guildId);
      const wanted = fileOrKey.trim();
      const removed = current.find((article) => article.file === wanted || article.key === wanted.toLowerCase());
      if (!removed) return undefined;
      const articles = current.filter((article) => article !== removed);
      if (articles.length === 0) {
        await this.records.delete(guildId);
        await tidyUp(forgetScope(this.store, serverScope(guildId)));
        await tidyUp(forgetScope(this.store, legacyServerScope(guildId)));
      } else {
        await this.records.set(guildId, { articles });
      }
      // The list no longer names it, so its text can go; a crash before this leaves only an
      // unlisted text behind, never a listed article without one.
      if (!articles.some((article) => article.digest === removed.digest))
        await tidyUp(this.records.delete(textKey(guildId, removed.digest)));
      return removed;
    });
  }

  /** The server's articles as files to index, with their texts. */
  async sourceFiles(
    guildId: string,
    listed?: readonly ServerArticle[],
  ): Promise<{ files: SourceFile[]; keys: Map<string, ArticleKey> }> {
    // The list a caller has just read (and made its signature from), else read now.
    const articles = listed ?? (await this.list(guildId));
    const texts =
      articles.length === 0
        ? []
        : ((await this.records.get(articles.map((article) => textKey(guildId, article.digest)))) as (
            StoredArticleText | undefined
          )[]);
    const files: SourceFile[] = [];
    const keys = new Map<string, ArticleKey>();
    articles.forEach((article, i) => {
      const stored = texts[i];
      if (!stored) throw new Error(`the text of ${article.file} (server ${guildId}) is missing from the store`);
      files.push({ file: article.file, digest: article.digest, text: stored.text });
      keys.set(article.file, article.key);
    });
    return { files, keys };
  }

  /** The server's own articles as a corpus to index on their own, under keys no shared article uses. */
  async corpusFor(guildId: string, listed?: readonly ServerArticle[]): Promise<CorpusSources> {
    const own = await this.sourceFiles(guildId, listed);
    return { files: own.files, keys: indexKeysFor(guildId, own.keys, new Set(this.shared.keys.values())) };
  }

  /** What finds the server's own index in the store (corpusHash): its listed articles, not their texts. */
  corpusIdentity(guildId: string, articles: readonly ServerArticle[]): CorpusIdentity {
    const listed = new Map(articles.map((article) => [article.file, article.key]));
    return { files: articles, keys: indexKeysFor(guildId, listed, new Set(this.shared.keys.values())) };
  }
}

/**
 * Clearing up after the list was written: the change has happened by then, so a store that
 * fails here must not make it look as if it had not. What is left is an unlisted record,
 * as after a crash at the same point.
 */
async function tidyUp(cleanUp: Promise<unknown>): Promise<void> {
  try {
    await cleanUp;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
  }
}

function textKey(guildId: string, digest: string): string {
  return `${guildId}/${digest}`;
}

/**
 * The corpus model: article -> paragraph -> sentence. Everything above the corpus (index,
 * retrieval, presentation, Discord) speaks of these types.
 */

/**
 * A sentence's citation, `a3:4.2`: article key, paragraph number, sentence number within the
 * paragraph. Paragraph 0 is the title. Short enough to type; stable because the key comes from
 * the file name and the numbers from the file's own text.
 */
export type CitationId = string & { readonly __brand: 'CitationId' };

/** A short key derived from an article's file name, unique within a corpus (`a3`, `k7f2`). */
export type ArticleKey = string & { readonly __brand: 'ArticleKey' };

/**
 * What a line of an article is. Only `prose` is quoted as an answer on its own; the others
 * are kept (for citations, context and the article's details) but never stand as a quote.
 */
export type LineKind = 'title' | 'prose' | 'heading' | 'caption' | 'byline' | 'bio' | 'boilerplate';

export interface ArticleMeta {
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  /** As the article gives it (ISO date when it came from front matter). */
  readonly published: string | null;
  readonly outlet: string | null;
}

export interface Sentence {
  readonly id: CitationId;
  readonly articleKey: ArticleKey;
  /** Paragraph number within the article, 0 for the title. */
  readonly paragraph: number;
  /** Sentence number within the paragraph, from 1. */
  readonly position: number;
  /**
   * Verbatim text, cut from the article file as read: bidi and control characters are taken
   * out when an article is read (see clean.ts), so it is the article's words less those.
   */
  readonly text: string;
  readonly kind: LineKind;
}

export interface Paragraph {
  readonly number: number;
  readonly kind: LineKind;
  readonly text: string;
  readonly sentences: readonly Sentence[];
}

export interface Article extends ArticleMeta {
  readonly key: ArticleKey;
  /** File name relative to the articles folder (`003_860f66c1847e927d.txt`). */
  readonly file: string;
  readonly paragraphs: readonly Paragraph[];
}

/**
 * Something that went wrong with one file; it is skipped and the rest still load. With `kept`,
 * the file did load, and the reason names what was left out or shortened (a url that is not a
 * web address, an over-long title).
 */
export interface LoadWarning {
  readonly file: string;
  readonly reason: string;
  readonly kept?: true;
}

export function sentencesOf(article: Article): Sentence[] {
  return article.paragraphs.flatMap((paragraph) => paragraph.sentences);
}

/** The first prose sentences of an article, for `/article` and summaries. */
export function leadOf(article: Article, sentenceCount = 2): Sentence[] {
  return sentencesOf(article)
    .filter((sentence) => sentence.kind === 'prose')
    .slice(0, sentenceCount);
}

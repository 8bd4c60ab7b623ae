/**
 * What retrieval hands to presentation. An answer that found nothing is a different shape
 * from one that found quotes, so no caller can print an empty quote list as an answer.
 */
import type { Article, ArticleKey, CitationId, Sentence } from '../corpus/types.ts';
import type { Highlight } from './highlight.ts';

/** One article that carries a quote (near-duplicates are carried by several). */
export interface QuoteSource {
  readonly article: Article;
  /** The ids of this article's copy of the quoted sentence(s), in article order. */
  readonly citationIds: readonly CitationId[];
  /** Verbatim text of this article's copy. */
  readonly text: string;
  /**
   * `same`: this article's copy has the quote's very words (after folding case, whitespace and
   * quote marks), so the quote may be cited to it. `similar`: a near-duplicate in other words
   * ("about 2,500" / "2,500"), shown as similar wording, never as the same citation.
   */
  readonly wording: 'same' | 'similar';
}

export interface Quote {
  /** The best-matching sentence: its id is the quote's citation. */
  readonly main: Sentence;
  /**
   * The quoted sentences in article order: the main one, plus a neighbour when the main one
   * cannot stand alone ("He said ...", a quotation that began a sentence earlier).
   */
  readonly sentences: readonly Sentence[];
  /** The sentences joined: the text to show, verbatim from the article. */
  readonly text: string;
  readonly score: number;
  /**
   * Spans of `text` that answer the kind of question asked (the number, date, name, place or
   * amount the question does not hold), to show in bold; empty for a search.
   */
  readonly highlights: readonly Highlight[];
  /** Every article carrying this quote or a near-duplicate; the first is the one `main` comes from. */
  readonly sources: readonly QuoteSource[];
}

/** A misspelt question word and the word of the articles it was taken for ("trops" -> "troops"). */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

export interface FoundAnswer {
  readonly answered: true;
  readonly question: string;
  /** At least one: an answer that found nothing is a NoAnswer. */
  readonly quotes: readonly [Quote, ...Quote[]];
  /** 0..1: how sure Citebot is that the first quote answers (see retrieval/confidence.ts). */
  readonly confidence: number;
  /** Spelling corrections made to the question, to show the user ("searched for: troops"); absent when none. */
  readonly corrections?: readonly Correction[];
}

/**
 * Why nothing was quoted as an answer:
 * - `no-direct-answer`: the articles are on the topic but no sentence answers; `closest`
 *   holds the closest quotes, to be shown as the closest, not as an answer (none when paging
 *   went past the last quote);
 * - `off-topic`: nothing in the articles is about the question; `closest` is empty.
 */
export type NoAnswerReason = 'no-direct-answer' | 'off-topic';

export interface NoAnswer {
  readonly answered: false;
  readonly question: string;
  readonly confidence: number;
  readonly reason: NoAnswerReason;
  /** The closest quotes when the articles are on the topic; empty when off-topic. */
  readonly closest: readonly Quote[];
  readonly corrections?: readonly Correction[];
}

export type Answer = FoundAnswer | NoAnswer;

export interface AskOptions {
  /** Number of quotes wanted (default 3). */
  readonly top?: number;
  /** Skip this many quotes first: for "More" buttons and paging. */
  readonly offset?: number;
  /** Only quote from this article. */
  readonly articleKey?: ArticleKey;
  /** Only quote from these articles (a server's enabled set). */
  readonly articleKeys?: ReadonlySet<ArticleKey>;
}

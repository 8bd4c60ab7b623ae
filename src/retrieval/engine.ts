/**
 * QuoteEngine: the one object the CLI, the bot and the benchmark talk to. It owns an index
 * and answers questions, looks sentences up by citation id and gives their context.
 */
import { normaliseCitationId } from '../corpus/citation.ts';
import type { Article, CitationId, Sentence } from '../corpus/types.ts';
import { sentenceAt, sentenceCountOf, type SentenceIndex } from '../index/sentenceIndex.ts';
import { assembleQuotes } from './assemble.ts';
import { answerHighlighter } from './highlight.ts';
import { analyseQuestion, type AnalysedQuestion } from './question.ts';
import {
  confidenceInputsOf,
  confidenceOf,
  defaultAnswerThreshold,
  defaultTopicThreshold,
  topicalShare,
  type ConfidenceInputs,
} from './confidence.ts';
import { defaultRankingParameters, type RankingParameters } from './rank/parameters.ts';
import { rankQuestion, type RankedQuestion, type RankedSentence } from './rank/rank.ts';
import type { Answer, AskOptions, Quote } from './types.ts';

/** Below this confidence Citebot shows the closest quotes as such, not as an answer. */
export const defaultMinimumConfidence = defaultAnswerThreshold;
export const defaultQuoteCount = 3;
/** Sentences shown before and after a cited one as its context (the Context button, `npm run quote -- --context`). */
export const contextRadius = 2;
/**
 * Ranked sentences asked for per quote wanted: near-duplicates and sentences drawn into a
 * neighbour's quote are skipped while quotes are assembled.
 */
const candidatesPerQuote = 4;

export interface EngineOptions {
  readonly parameters?: RankingParameters;
  /** Below this confidence the closest quotes are not an answer (default defaultAnswerThreshold). */
  readonly minimumConfidence?: number;
  /** Below this topical share the question is off the articles' topic (default defaultTopicThreshold). */
  readonly topicThreshold?: number;
  /**
   * An engine over the first sentences and articles of `index` (the shared index, when
   * `index` is it with a server's articles appended): its lookups by citation id and article
   * key are reused, not made again, so that an appended engine costs only its own articles'.
   */
  readonly appendedTo?: QuoteEngine;
}

export class QuoteEngine {
  readonly index: SentenceIndex;
  readonly parameters: RankingParameters;
  readonly minimumConfidence: number;
  readonly topicThreshold: number;
  private readonly sentenceNumberById = new Map<CitationId, number>();
  private readonly articleNumberByKey = new Map<string, number>();
  private readonly base: QuoteEngine | undefined;

  constructor(index: SentenceIndex, options: EngineOptions = {}) {
    this.index = index;
    this.parameters = options.parameters ?? defaultRankingParameters;
    this.minimumConfidence = options.minimumConfidence ?? defaultMinimumConfidence;
    this.topicThreshold = options.topicThreshold ?? defaultTopicThreshold;
    this.base = options.appendedTo;
    const count = sentenceCountOf(index);
    for (let s = this.base?.sentenceCount ?? 0; s < count; s += 1)
      this.sentenceNumberById.set(sentenceAt(index, s)!.id, s);
    for (let a = this.base?.articles.length ?? 0; a < index.articles.length; a += 1)
      this.articleNumberByKey.set(index.articles[a]!.key, a);
  }

  private sentenceNumberOf(id: CitationId): number | undefined {
    return this.base?.sentenceNumberOf(id) ?? this.sentenceNumberById.get(id);
  }

  private articleNumberOf(key: string): number | undefined {
    return this.base?.articleNumberOf(key) ?? this.articleNumberByKey.get(key);
  }

  get articles(): readonly Article[] {
    return this.index.articles;
  }

  get sentenceCount(): number {
    return sentenceCountOf(this.index);
  }

  /** Ranked sentence numbers for a question, before grouping: for the benchmark. */
  rank(
    question: string,
    limit: number,
    options: Pick<AskOptions, 'articleKey' | 'articleKeys'> = {},
  ): RankedSentence[] {
    return this.ranked(question, limit, options).slice(0, limit);
  }

  /**
   * The quotes that answer a question; or, when none does, the closest quotes said to be the
   * closest (the articles are on the topic) or nothing (they are not).
   */
  ask(question: string, options: AskOptions = {}): Answer {
    const top = options.top ?? defaultQuoteCount;
    const offset = options.offset ?? 0;
    const analysed = analyseQuestion(question);
    const {
      ranked,
      corrections: made,
      absent,
      countedWord,
    } = this.rankAnalysed(analysed, (offset + top) * candidatesPerQuote, options);
    const corrections = made.length > 0 ? { corrections: made } : {};
    const inputs = confidenceInputsOf(this.index, analysed, ranked, absent);
    if (!inputs || topicalShare(ranked[0]!, absent) < this.topicThreshold) {
      return {
        answered: false,
        question,
        confidence: inputs ? confidenceOf(inputs) : 0,
        reason: 'off-topic',
        closest: [],
        ...corrections,
      };
    }
    const confidence = confidenceOf(inputs);
    const quotes = assembleQuotes(this.index, ranked, offset, top);
    if (confidence < this.minimumConfidence)
      return { answered: false, question, confidence, reason: 'no-direct-answer', closest: quotes, ...corrections };
    // The closest quotes are no answer, so nothing in them is marked as one.
    const highlightsIn = answerHighlighter(analysed, countedWord);
    const [first, ...rest] = quotes.map((quote) => ({ ...quote, highlights: highlightsIn(quote.text) }));
    // Paging (offset) can go past the last quote: nothing left is no answer.
    if (first === undefined)
      return { answered: false, question, confidence, reason: 'no-direct-answer', closest: [], ...corrections };
    return { answered: true, question, quotes: [first, ...rest], confidence, ...corrections };
  }

  /** Confidence and topic evidence for a question, for calibrating them (src/bench/fitConfidence.ts). */
  assess(question: string): { inputs: ConfidenceInputs | undefined; topical: number } {
    const analysed = analyseQuestion(question);
    const { ranked, absent } = this.rankAnalysed(analysed, defaultQuoteCount * candidatesPerQuote, {});
    return {
      inputs: confidenceInputsOf(this.index, analysed, ranked, absent),
      topical: ranked[0] ? topicalShare(ranked[0], absent) : 0,
    };
  }

  /** Matching sentences for search terms, best first, without the confidence cut-off. */
  search(terms: string, options: AskOptions = {}): Quote[] {
    const top = options.top ?? 10;
    const offset = options.offset ?? 0;
    return assembleQuotes(this.index, this.ranked(terms, (offset + top) * candidatesPerQuote, options), offset, top);
  }

  private ranked(
    text: string,
    limit: number,
    options: Pick<AskOptions, 'articleKey' | 'articleKeys'>,
  ): RankedSentence[] {
    return this.rankAnalysed(analyseQuestion(text), limit, options).ranked;
  }

  private rankAnalysed(
    question: AnalysedQuestion,
    limit: number,
    options: Pick<AskOptions, 'articleKey' | 'articleKeys'>,
  ): RankedQuestion {
    return rankQuestion(this.index, question, {
      limit,
      accept: this.articleFilter(options),
      parameters: this.parameters,
    });
  }

  /** A sentence by its citation id, as typed by a user (`a3:4.2`, `[A3:4.2]`). */
  sentence(id: string): Sentence | undefined {
    const normalised = normaliseCitationId(id);
    const s = normalised === null ? undefined : this.sentenceNumberOf(normalised);
    return s === undefined ? undefined : sentenceAt(this.index, s);
  }

  articleOf(sentence: Sentence): Article {
    return this.index.articles[this.articleNumberOf(sentence.articleKey)!]!;
  }

  article(key: string): Article | undefined {
    const a = this.articleNumberOf(key.toLowerCase());
    return a === undefined ? undefined : this.index.articles[a];
  }

  /** The sentences around a cited one within its article: `radius` before and after. */
  context(id: string, radius = contextRadius): Sentence[] {
    const sentence = this.sentence(id);
    if (!sentence) return [];
    const s = this.sentenceNumberOf(sentence.id)!;
    const article = this.index.sentenceArticle[s];
    const out: Sentence[] = [];
    for (let other = Math.max(0, s - radius); other <= Math.min(this.sentenceCount - 1, s + radius); other += 1) {
      if (this.index.sentenceArticle[other] === article) out.push(sentenceAt(this.index, other)!);
    }
    return out;
  }

  private articleFilter(options: Pick<AskOptions, 'articleKey' | 'articleKeys'>): ((s: number) => boolean) | undefined {
    const wanted = new Set<number>();
    if (options.articleKey !== undefined) {
      const a = this.articleNumberOf(options.articleKey.toLowerCase());
      if (a === undefined) return () => false;
      wanted.add(a);
    }
    if (options.articleKeys !== undefined) {
      const keys = [...options.articleKeys]
        .map((key) => this.articleNumberOf(key))
        .filter((a): a is number => a !== undefined);
      if (options.articleKey === undefined) for (const a of keys) wanted.add(a);
      else if (!keys.some((a) => wanted.has(a))) return () => false;
      if (wanted.size === 0) return () => false;
    }
    if (wanted.size === 0) return undefined;
    // Read once: the filter is made and used within one ranking, which does not yield, so the
    // array stays this index's (mergedArrays.ts).
    const sentenceArticle = this.index.sentenceArticle;
    return (s) => wanted.has(sentenceArticle[s]!);
  }
}

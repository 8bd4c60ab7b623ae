/**
 * QuoteEngine: the one object the CLI, the bot and the benchmark talk to. It owns an index
 * and answers questions, looks sentences up by citation id and gives their context.
 */
import { normaliseCitationId } from '../corpus/citation.ts';
import type { Article, CitationId, Sentence } from '../corpus/types.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { assembleQuotes } from './assemble.ts';
import { answerHighlights } from './highlight.ts';
import { analyseQuestion } from './question.ts';
import { defaultRankingParameters, rankSentences, type RankedSentence, type RankingParameters } from './rank.ts';
import type { Answer, AskOptions, Quote } from './types.ts';

/** Below this share of the question covered by the best quote, Citebot says it found nothing. */
export const defaultMinimumConfidence = 0.4;
export const defaultQuoteCount = 3;
/** Sentences shown before and after a cited one as its context (the Context button, `npm run quote -- --context`). */
export const contextRadius = 2;
/**
 * Ranked sentences asked for per quote wanted: near-duplicates and sentences drawn into a
 * neighbour's quote are skipped while quotes are assembled.
 */
const candidatesPerQuote = 4;

/**
 * How sure Citebot is that the best sentence answers the question: the share of the question
 * it covers, less when the question wants a kind of answer (a number, a date) it lacks.
 */
function confidenceOf(best: RankedSentence): number {
  return Math.min(1, best.coverage) * (best.lacksAnswerType ? 0.75 : 1);
}

export interface EngineOptions {
  readonly parameters?: RankingParameters;
  readonly minimumConfidence?: number;
}

export class QuoteEngine {
  readonly index: SentenceIndex;
  readonly parameters: RankingParameters;
  readonly minimumConfidence: number;
  private readonly sentenceNumberById = new Map<CitationId, number>();
  private readonly articleNumberByKey = new Map<string, number>();

  constructor(index: SentenceIndex, options: EngineOptions = {}) {
    this.index = index;
    this.parameters = options.parameters ?? defaultRankingParameters;
    this.minimumConfidence = options.minimumConfidence ?? defaultMinimumConfidence;
    index.sentences.forEach((sentence, s) => this.sentenceNumberById.set(sentence.id, s));
    index.articles.forEach((article, a) => this.articleNumberByKey.set(article.key, a));
  }

  get articles(): readonly Article[] {
    return this.index.articles;
  }

  get sentenceCount(): number {
    return this.index.sentences.length;
  }

  /** Ranked sentence numbers for a question, before grouping: for the benchmark. */
  rank(question: string, limit: number, options: Pick<AskOptions, 'articleKey' | 'articleKeys'> = {}): RankedSentence[] {
    return this.ranked(question, limit, options).slice(0, limit);
  }

  /** The quotes that answer a question, or a NoAnswer when nothing in the articles does. */
  ask(question: string, options: AskOptions = {}): Answer {
    const top = options.top ?? defaultQuoteCount;
    const offset = options.offset ?? 0;
    const ranked = this.ranked(question, (offset + top) * candidatesPerQuote, options);
    const best = ranked[0];
    if (!best) return { answered: false, question, confidence: 0, reason: 'no-matching-terms' };
    const confidence = confidenceOf(best);
    if (confidence < this.minimumConfidence) return { answered: false, question, confidence, reason: 'low-confidence' };
    const quotes = assembleQuotes(this.index, ranked, offset, top).map((quote) => ({ ...quote, highlights: answerHighlights(question, quote.text) }));
    return { answered: true, question, quotes, confidence };
  }

  /** Matching sentences for search terms, best first, without the confidence cut-off. */
  search(terms: string, options: AskOptions = {}): Quote[] {
    const top = options.top ?? 10;
    const offset = options.offset ?? 0;
    return assembleQuotes(this.index, this.ranked(terms, (offset + top) * candidatesPerQuote, options), offset, top);
  }

  private ranked(text: string, limit: number, options: Pick<AskOptions, 'articleKey' | 'articleKeys'>): RankedSentence[] {
    return rankSentences(this.index, analyseQuestion(text), { limit, accept: this.articleFilter(options), parameters: this.parameters });
  }

  /** A sentence by its citation id, as typed by a user (`a3:4.2`, `[A3:4.2]`). */
  sentence(id: string): Sentence | undefined {
    const normalised = normaliseCitationId(id);
    const s = normalised === null ? undefined : this.sentenceNumberById.get(normalised);
    return s === undefined ? undefined : this.index.sentences[s];
  }

  articleOf(sentence: Sentence): Article {
    return this.index.articles[this.articleNumberByKey.get(sentence.articleKey)!]!;
  }

  article(key: string): Article | undefined {
    const a = this.articleNumberByKey.get(key.toLowerCase());
    return a === undefined ? undefined : this.index.articles[a];
  }

  /** The sentences around a cited one within its article: `radius` before and after. */
  context(id: string, radius = contextRadius): Sentence[] {
    const sentence = this.sentence(id);
    if (!sentence) return [];
    const s = this.sentenceNumberById.get(sentence.id)!;
    const article = this.index.sentenceArticle[s];
    const out: Sentence[] = [];
    for (let other = Math.max(0, s - radius); other <= Math.min(this.index.sentences.length - 1, s + radius); other += 1) {
      if (this.index.sentenceArticle[other] === article) out.push(this.index.sentences[other]!);
    }
    return out;
  }

  private articleFilter(options: Pick<AskOptions, 'articleKey' | 'articleKeys'>): ((s: number) => boolean) | undefined {
    const wanted = new Set<number>();
    if (options.articleKey !== undefined) {
      const a = this.articleNumberByKey.get(options.articleKey.toLowerCase());
      if (a === undefined) return () => false;
      wanted.add(a);
    }
    if (options.articleKeys !== undefined) {
      const keys = [...options.articleKeys].map((key) => this.articleNumberByKey.get(key)).filter((a): a is number => a !== undefined);
      if (options.articleKey === undefined) for (const a of keys) wanted.add(a);
      else if (!keys.some((a) => wanted.has(a))) return () => false;
      if (wanted.size === 0) return () => false;
    }
    if (wanted.size === 0) return undefined;
    const sentenceArticle = this.index.sentenceArticle;
    return (s) => wanted.has(sentenceArticle[s]!);
  }
}

/**
 * BM25, the stage-1 relevance formula (Robertson & Zaragoza, "The Probabilistic Relevance
 * Framework: BM25 and Beyond", Foundations and Trends in Information Retrieval 3(4), 2009),
 * with a sentence as the document. Pure functions: numbers in, a number out, as
 * MiniSearch's `calcBM25Score`.
 */
import type { SentenceIndex } from '../../index/sentenceIndex.ts';

export interface BM25Parameters {
  /**
   * Term-frequency saturation (0.6 by default; 1.2 is the textbook value for documents). Low:
   * a sentence rarely repeats a word, and when it does the repeat says little. Values here
   * were chosen on half of SQuAD dev and checked on the other half and on the seed questions
   * (see README, "How quality and speed are measured").
   */
  readonly k1: number;
  /**
   * Length normalisation (0.3 by default): sentences vary less in length than documents, so
   * lower than the textbook 0.75.
   */
  readonly b: number;
}

/**
 * The Robertson/Spärck Jones weight adds 0.5 to the counts of documents with and without the
 * term, so that a term in none or in all of them has a finite weight (Robertson & Zaragoza
 * 2009, on the idf of BM25).
 */
const idfSmoothing = 0.5;

/**
 * Inverse document frequency of a term found in `documentFrequency` of the index's
 * searchable sentences. The 1 inside the logarithm (as Lucene's BM25Similarity has it) keeps a
 * word in more than half of the sentences from weighing less than nothing.
 */
export function idfOf(index: SentenceIndex, documentFrequency: number): number {
  const n = index.searchableCount;
  return Math.log(1 + (n - documentFrequency + idfSmoothing) / (documentFrequency + idfSmoothing));
}

/**
 * One term's BM25 contribution to one sentence. `termWeight` is the term's idf times its
 * weight in the question (1 for the question's own word; less for a synonym or correction).
 */
export function bm25TermScore(
  termWeight: number,
  termFrequency: number,
  sentenceLength: number,
  averageSentenceLength: number,
  { k1, b }: BM25Parameters,
): number {
  const lengthNorm = b / averageSentenceLength;
  return (termWeight * termFrequency * (k1 + 1)) / (termFrequency + k1 * (1 - b + lengthNorm * sentenceLength));
}

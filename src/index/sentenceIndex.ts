/**
 * The inverted index over sentences, in typed arrays so that it stays compact at hundreds of
 * thousands of sentences and serialises as a handful of buffers:
 *
 * - postings in CSR form: the sentences of term t are
 *   `postingSentence[postingStart[t] .. postingStart[t + 1]]`, with their term frequencies in
 *   `postingFrequency`;
 * - each sentence's content terms in order (for phrase and proximity matches and for
 *   neighbours' context) in `sentenceTerms[sentenceTermStart[s] .. sentenceTermStart[s + 1]]`,
 *   with the per-token question-type flags of terms.ts alongside;
 * - the corpus structure as sentence -> paragraph -> article numbers.
 *
 * Sentence numbers are positions in `sentences` (article order, then paragraph, then
 * sentence); they are internal and never shown: citation ids are what users see.
 */
import type { Article, Sentence } from '../corpus/types.ts';

export interface SentenceIndex {
  /** Articles in index order, with their paragraphs and sentences. */
  readonly articles: readonly Article[];
  /** All sentences, in article order. */
  readonly sentences: readonly Sentence[];

  readonly vocabulary: readonly string[];
  readonly termIds: ReadonlyMap<string, number>;
  /** Number of searchable sentences containing each term. */
  readonly documentFrequency: Uint32Array;
  readonly postingStart: Uint32Array;
  readonly postingSentence: Uint32Array;
  readonly postingFrequency: Uint16Array;

  readonly sentenceTermStart: Uint32Array;
  readonly sentenceTerms: Uint32Array;
  readonly sentenceTermFlags: Uint8Array;

  readonly sentenceArticle: Uint32Array;
  /** Global paragraph number (over all articles) of each sentence. */
  readonly sentenceParagraph: Uint32Array;
  /** 1 when the sentence may be quoted on its own (prose), 0 otherwise. */
  readonly sentenceQuotable: Uint8Array;
  /**
   * Near-duplicate group of each sentence: the number of the group's first sentence. A sentence
   * that has no near-duplicate is its own group.
   */
  readonly sentenceGroup: Uint32Array;
  /** Mean number of terms per searchable sentence (BM25's avgdl). */
  readonly averageSentenceLength: number;
  /** Number of searchable sentences (BM25's N). */
  readonly searchableCount: number;
}

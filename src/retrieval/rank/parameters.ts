/**
 * The ranker's parameters and their defaults: BM25's, the weights of context and of
 * stand-in words in stage 1, and the fitted weights of stage 2.
 */
import type { BM25Parameters } from './bm25.ts';
import type { RerankWeights } from './features.ts';

export interface RankingParameters extends BM25Parameters {
  /** Weight of question terms found in the sentence's neighbours (same paragraph). */
  readonly neighbourWeight: number;
  /** Weight of question terms found elsewhere in the sentence's paragraph. */
  readonly paragraphWeight: number;
  /** Weight of question terms found elsewhere in the sentence's article. */
  readonly articleWeight: number;
  /** Weight of a synonym relative to the question's own word. */
  readonly synonymWeight: number;
  /** Weight of a spelling correction relative to the question's own word. */
  readonly typoWeight: number;
  /**
   * Weight of a word the lexicon relates to a question word (WordNet synonym or derivation,
   * word-vector neighbour), relative to the question's own word, times how related it is.
   */
  readonly relatedWeight: number;
  /** How many stage-1 sentences stage 2 re-scores. */
  readonly rerankDepth: number;
  /** Stage 2: the weight of each feature (see CandidateFeatures). */
  readonly rerank: RerankWeights;
}

export const defaultRankingParameters: RankingParameters = {
  k1: 0.6,
  b: 0.3,
  neighbourWeight: 0.15,
  paragraphWeight: 0.1,
  articleWeight: 0.1,
  synonymWeight: 0.5,
  typoWeight: 0.8,
  // Off: looking related words up in stage 1 added nothing on the fit halves (SQuAD Recall@1
  // 0.729 at 0.3, 0.730 at 0; seed-chat equal) and cost seed-dev a question; stage 2's
  // softCoverage gives related words their credit instead.
  relatedWeight: 0,
  // 20, not 30: the same Recall on the fit halves (SQuAD 0.730 / 0.858 against 0.731 / 0.859;
  // seed-chat equal) for a third less of stage 2's work.
  rerankDepth: 20,
  // Fitted by `npm run fit-ranker` on the fit halves of SQuAD v1.1 dev and seed-chat
  // (held-out halves, re-ranking the shortlist: SQuAD Recall@1 0.731, Recall@3 0.861;
  // seed-chat 0.750 and 0.846).
  rerank: {
    firstPass: 3.351,
    bm25: 2.201,
    coverage: 3.141,
    neighbours: 3.492,
    paragraph: 1.051,
    article: -1.988,
    phrase: 1.878,
    countMissing: -2.341,
    dateMissing: -1.557,
    nameMissing: -0.609,
    causeMissing: 0.03,
    novelty: -0.529,
    length: -0.163,
    leading: -0.056,
    softCoverage: 3.499,
    meanSimilarity: 2.382,
  },
};

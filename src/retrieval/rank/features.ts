/**
 * What stage 2 of the ranker knows of a shortlisted sentence, and which of it the linear
 * model weighs. Computed by secondPass.ts; the weights are fitted by `npm run fit-ranker`.
 */

/**
 * What stage 2 knows of a shortlisted sentence. Every feature is scaled to about 0..1 so that
 * the weights compare; shares of the question are of its idf mass.
 */
export interface CandidateFeatures {
  /** Stage-1 score over the best stage-1 score of the shortlist. */
  readonly firstPass: number;
  /** BM25 of the sentence alone over the best of the shortlist. */
  readonly bm25: number;
  /** Share of the question the sentence itself covers. */
  readonly coverage: number;
  /** Share covered only by the neighbouring sentences. */
  readonly neighbours: number;
  /** Share covered only elsewhere in the paragraph. */
  readonly paragraph: number;
  /** Share covered only elsewhere in the article. */
  readonly article: number;
  /** Adjacent question-word pairs found adjacent in the sentence, as a share of the question. */
  readonly phrase: number;
  /** 1 when the question wants a kind of answer (number, date, name) and the sentence has one. */
  readonly typeMatch: number;
  /** 1 when the question wants a kind of answer and the sentence has none. */
  readonly typeMissing: number;
  /** typeMissing for a count or amount (how many, how much, how long, what share). */
  readonly countMissing: number;
  /** typeMissing for a date (when, what year). */
  readonly dateMissing: number;
  /** typeMissing for a name (who, which outlet, where). */
  readonly nameMissing: number;
  /** typeMissing for a cause or manner (why, how did): no wording of cause or means. */
  readonly causeMissing: number;
  /** Share of the sentence's terms that are not in the question: where an answer can be. */
  readonly novelty: number;
  /** log(1 + number of terms) / lengthFeatureScale (secondPass.ts). */
  readonly length: number;
  /** 1 for the first sentence of its paragraph. */
  readonly leading: number;
  /**
   * Share of the question the sentence lacks literally but says in related words (lexicon
   * relations and word vectors), each word at its best related word's strength.
   */
  readonly softCoverage: number;
  /** Cosine of the question's and the sentence's idf-weighted mean word vectors. */
  readonly meanSimilarity: number;
  /**
   * Not a ranking feature (the confidence's): the share of the question of its weightiest
   * word that neither the sentence nor its paragraph has, in any form, related words
   * included. A question that swaps one name or number for another looks answerable by
   * every other measure.
   */
  readonly missingMax: number;
}

/** The features stage 2 weighs, in the order the fitted weights are printed and summed. */
export const featureNames = [
  'firstPass',
  'bm25',
  'coverage',
  'neighbours',
  'paragraph',
  'article',
  'phrase',
  'countMissing',
  'dateMissing',
  'nameMissing',
  'causeMissing',
  'novelty',
  'length',
  'leading',
  'softCoverage',
  'meanSimilarity',
] as const satisfies readonly (keyof CandidateFeatures)[];

export type RerankWeights = Readonly<Record<(typeof featureNames)[number], number>>;

/**
 * How sure Citebot is that its best quote answers the question, 0..1, and which of three
 * states an answer is in:
 *
 *   - answered: a quote answers;
 *   - no-direct-answer: the articles are on the topic (the best sentence and its paragraph
 *     carry enough of the question's words or their meaning) but nothing answers it; the
 *     closest quotes are shown as such;
 *   - off-topic: nothing in the articles is about it.
 *
 * The confidence is a logistic model (Platt scaling of the ranker's evidence; Platt, "Probabilistic
 * outputs for support vector machines", 1999) over the features of ConfidenceInputs, fitted by
 * `npm run fit-confidence` (src/bench/fitConfidence.ts) on the fit halves of SQuAD 2.0 dev
 * (answerable against unanswerable questions written to look answerable) and seed-chat.
 */
import { sentenceAt, type SentenceIndex } from '../index/sentenceIndex.ts';
import { isNegated, type AnalysedQuestion } from './question.ts';
import type { RankedSentence } from './rank/rank.ts';

/** What the confidence is worked out from: the best sentence's evidence and the question's. */
export interface ConfidenceInputs {
  /** The best sentence's stage-2 score, over 10 (scores run to about 20). */
  readonly score: number;
  /** How far the best sentence leads the second, over 10. */
  readonly margin: number;
  /** Share of the question the best sentence covers literally. */
  readonly coverage: number;
  /** Share its neighbours cover, that it lacks. */
  readonly neighbours: number;
  /** Share it covers in related words (lexicon). */
  readonly softCoverage: number;
  /** Cosine of the question's and its mean word vectors. */
  readonly meanSimilarity: number;
  /** 1 when the question wants a kind of answer (a count, a date, a cause) it lacks. */
  readonly typeMissing: number;
  /** 1 when the question asks "how many" of something and the best sentence has no number of it. */
  readonly countMissing: number;
  /** Share of the question's weight in words the articles lack entirely (no form, no correction, no related word). */
  readonly absent: number;
  /** Share of the question's weightiest word that the best sentence and its paragraph lack in every form. */
  readonly missingMax: number;
  /**
   * 1 when the question negates and the best sentence does not ("which troops did not
   * leave" against "the troops left"): SQuAD 2.0's writers made questions unanswerable by
   * inserting a negation (Rajpurkar, Jia & Liang, "Know What You Don't Know", ACL 2018).
   */
  readonly negationUnmatched: number;
}

export const confidenceInputNames = [
  'score',
  'margin',
  'coverage',
  'neighbours',
  'softCoverage',
  'meanSimilarity',
  'typeMissing',
  'countMissing',
  'absent',
  'missingMax',
  'negationUnmatched',
] as const satisfies readonly (keyof ConfidenceInputs)[];

export type ConfidenceWeights = Readonly<Record<(typeof confidenceInputNames)[number] | 'bias', number>>;

/**
 * Fitted by `npm run fit-confidence` (held-out halves: SQuAD 2.0 AUC 0.571, seed-chat 0.589).
 * Two inputs carry weight: the best sentence's score, and countMissing: a "how many"
 * question whose best sentence has no number of the thing asked is seldom answered by it
 * (beside the score alone, seed-chat's held-out AUC 0.579 -> 0.589, its unanswerable
 * questions declined 0.375 -> 0.500, answerable ones declined 0.096 either way; seed-dev's
 * four declined either way). negationUnmatched on top lifted SQuAD 2.0's held-out AUC to
 * 0.628 (its unanswerable questions declined 0.04 -> 0.14) but declined one more of
 * seed-chat's held-out answerable questions and one fewer of seed-dev's unanswerable ones.
 * With every input the fit did no better on the fit halves and worse on the held-out ones
 * (see fitConfidence.ts for what else was tried).
 */
export const defaultConfidenceWeights: ConfidenceWeights = {
  bias: -0.264,
  score: 0.507,
  margin: 0,
  coverage: 0,
  neighbours: 0,
  softCoverage: 0,
  meanSimilarity: 0,
  typeMissing: 0,
  countMissing: -1.084,
  absent: 0,
  missingMax: 0,
  negationUnmatched: 0,
};

/**
 * Below this confidence the best quotes are shown as the closest, not as an answer: the
 * highest that declines at most 10% of the answerable fit questions of SQuAD 2.0 and
 * seed-chat and at most one of seed-dev's (fitConfidence.ts).
 */
export const defaultAnswerThreshold = 0.526;

/**
 * Below this share of the question found in or around the best sentence (its own words, its
 * neighbours', its paragraph's, and related words; see topicalShare), the articles are not
 * about the question. At 0.25, no answerable fit question of seed-chat falls below it and 0.1%
 * of SQuAD 2.0's; at 0.4, 8% of seed-chat's would.
 */
export const defaultTopicThreshold = 0.25;

export function confidenceInputsOf(
  index: SentenceIndex,
  question: AnalysedQuestion,
  ranked: readonly RankedSentence[],
  absent: number,
): ConfidenceInputs | undefined {
  const best = ranked[0];
  if (!best) return undefined;
  const f = best.features;
  return {
    score: best.score / 10,
    margin: ranked[1] ? (best.score - ranked[1].score) / 10 : best.score / 10,
    coverage: f.coverage,
    neighbours: f.neighbours,
    softCoverage: f.softCoverage,
    meanSimilarity: f.meanSimilarity,
    typeMissing: f.typeMissing,
    countMissing: f.countMissing,
    absent,
    missingMax: f.missingMax,
    negationUnmatched: question.negated && !isNegated(sentenceAt(index, best.sentence)!.text) ? 1 : 0,
  };
}

export function confidenceOf(inputs: ConfidenceInputs, weights: ConfidenceWeights = defaultConfidenceWeights): number {
  let z = weights.bias;
  for (const name of confidenceInputNames) z += weights[name] * inputs[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * When this share of a question's weight or more is in words the articles lack in every form
 * (no spelling of them, no related word), they are not about it: "who won the super bowl",
 * "what did Biden eat for breakfast". On the fit halves no answerable question of seed-chat
 * or seed-dev comes near it (the most, 0.61) and 2 of SQuAD 2.0's 2,934 reach it.
 */
export const offTopicAbsentShare = 0.7;

/**
 * The share of the question found in or around the best sentence: whether the articles are on
 * its topic. It is a share of the words the articles have in some form: a word they lack
 * entirely ("2016" in "Has Baghdad asked Washington for help in 2016?", "weather" in "What's
 * the weather in Baghdad?") says nothing about whether the best sentence is on the topic, only
 * that the articles may not answer, which is the confidence's to judge; but a question mostly
 * of such words is off the topic (offTopicAbsentShare).
 */
export function topicalShare(best: RankedSentence, absent: number): number {
  if (absent >= offTopicAbsentShare) return 0;
  const f = best.features;
  return (f.coverage + f.neighbours + f.paragraph + f.softCoverage) / (1 - absent);
}

/**
 * The sentence ranker. Data in (an index and an analysed question), numbers out.
 *
 * Stage 1 scores every sentence that shares a term with the question:
 *   BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 *   2009) over the sentence's terms, with k1 and b of parameters.ts, plus context: the question's terms
 *   that the sentence lacks but its neighbours, its paragraph or its article carry (the right
 *   paragraph and article make the right sentence likelier; cf. passage-level evidence in
 *   Callan, SIGIR 1994). Context is counted with bit masks built while walking the postings,
 *   so it costs nothing per sentence.
 * Stage 2 re-scores the best `rerankDepth` of them with a linear model over the features of
 *   CandidateFeatures: the stage-1 evidence split into its parts, plus what needs the
 *   sentence's tokens — phrases (question terms side by side in the question and in the
 *   sentence: "temporary duty status"), the answer type (a number for "how many", a date for
 *   "when", a name for "who", that the question does not already contain), novelty, length.
 *   Its weights are fitted by `npm run fit-ranker` (src/bench/fitRanker.ts).
 *
 * Synonyms and spelling corrections enter as extra question terms at `synonymWeight` and
 * `typoWeight`, under the mask bits of the words they stand for, so a paraphrase counts as
 * covering the question's words.
 *
 * This module composes the others: parameters.ts (the defaults), resolveQuestion.ts (the
 * question's terms and their bits), bm25.ts (the formula), workspace.ts (scratch space and
 * match masks), firstPass.ts and shortlist.ts (stage 1), features.ts and secondPass.ts
 * (stage 2).
 */
import type { SentenceIndex } from '../../index/sentenceIndex.ts';
import type { AnalysedQuestion } from '../question.ts';
import { featureNames, type CandidateFeatures } from './features.ts';
import { scorePostings, shortlistByContext } from './firstPass.ts';
import { defaultRankingParameters, type RankingParameters } from './parameters.ts';
import { resolveQuestion, type ResolvedQuestion, type SpellingCorrection } from './resolveQuestion.ts';
import { questionMeaningOf, shortlistFeatures } from './secondPass.ts';
import { countedTermsOf, type CountedTerms } from './countedTerms.ts';
import { cleanWorkspace } from './workspace.ts';

/**
 * How much a question word that only the neighbouring sentences have counts towards a
 * sentence's coverage: a neighbour's word is evidence, weaker than the sentence's own.
 */
const neighbourCoverageShare = 0.5;

export interface RankedSentence {
  readonly sentence: number;
  readonly score: number;
  /** Share of the question's idf mass the sentence covers, its neighbours counted at half. */
  readonly coverage: number;
  /** The question asks for a kind of answer (a number, a date, a name) and the sentence has none. */
  readonly lacksAnswerType: boolean;
  /** What stage 2 scored it on: the confidence is worked out from the best one's. */
  readonly features: CandidateFeatures;
}

/** A question ranked, with what the answer tells the user about how it was read. */
export interface RankedQuestion {
  readonly ranked: RankedSentence[];
  /** Misspelt words and the corpus words they were taken for. */
  readonly corrections: readonly SpellingCorrection[];
  /** Share of the question's weight in words the corpus lacks in every form (no correction, no related word). */
  readonly absent: number;
  /** What a "how many" question counts, for the answer highlights (undefined: nothing in particular). */
  readonly countedWord?: (normal: string) => boolean;
}

export interface RankOptions {
  readonly limit: number;
  /** Sentence filter: only sentences for which this returns true are ranked. */
  readonly accept?: (sentence: number) => boolean;
  readonly parameters?: RankingParameters;
}

export interface Candidates {
  /** Shortlisted sentence numbers, best stage-1 score first. */
  readonly sentences: readonly number[];
  readonly features: readonly CandidateFeatures[];
  /** The question as resolved against the index (absent when it has no term at all). */
  readonly resolved?: ResolvedQuestion;
  /** What a "how many" question counts (countedTerms.ts). */
  readonly counted?: CountedTerms;
}

export function rankQuestion(index: SentenceIndex, question: AnalysedQuestion, options: RankOptions): RankedQuestion {
  const parameters = options.parameters ?? defaultRankingParameters;
  const { sentences, features, resolved, counted } = rankingCandidates(index, question, options);
  const weights = parameters.rerank;
  const ranked = sentences.map((sentence, i) => {
    const f = features[i]!;
    let score = 0;
    for (const name of featureNames) score += weights[name] * f[name];
    return {
      sentence,
      score,
      coverage: f.coverage + neighbourCoverageShare * f.neighbours,
      lacksAnswerType: f.typeMissing === 1,
      features: f,
    };
  });
  ranked.sort((x, y) => y.score - x.score);
  if (!resolved || resolved.totalIdf === 0) return { ranked, corrections: resolved?.corrections ?? [], absent: 1 };
  let foundMask = resolved.relatedBits;
  for (const term of resolved.terms) foundMask |= term.mask;
  let absentIdf = 0;
  for (let bit = 0; bit < resolved.bitCount; bit += 1)
    if ((foundMask & (1 << bit)) === 0) absentIdf += resolved.bitIdf[bit]!;
  return {
    ranked,
    corrections: resolved.corrections,
    absent: absentIdf / resolved.totalIdf,
    ...(counted ? { countedWord: counted.isCountedWord } : {}),
  };
}

/** Stage 1 and the features of stage 2: what rankQuestion scores, and what its weights are fitted on. */
export function rankingCandidates(index: SentenceIndex, question: AnalysedQuestion, options: RankOptions): Candidates {
  const parameters = options.parameters ?? defaultRankingParameters;
  const resolved = resolveQuestion(index, question, parameters);
  if (resolved.terms.length === 0 || resolved.totalIdf === 0) return { sentences: [], features: [], resolved };
  const ws = cleanWorkspace(index);
  scorePostings(index, resolved, parameters, ws);
  const depth = Math.max(options.limit, parameters.rerankDepth);
  const shortlisted = shortlistByContext(index, resolved, parameters, ws, depth, options.accept);
  if (shortlisted.length === 0) return { sentences: [], features: [], resolved };
  const meaning = questionMeaningOf(index, resolved);
  const counted = question.answerType === 'number' ? countedTermsOf(index, resolved, meaning) : undefined;
  return {
    sentences: shortlisted.map((c) => c.sentence),
    features: shortlistFeatures(index, question, resolved, ws, shortlisted, meaning, counted),
    resolved,
    ...(counted ? { counted } : {}),
  };
}

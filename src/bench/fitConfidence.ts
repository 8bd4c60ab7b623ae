/**
 * `npm run fit-confidence`: fits the confidence model of src/retrieval/confidence.ts and
 * chooses its thresholds, on the fit halves (even positions, see isHeldOut in qa.ts) of
 * SQuAD 2.0 dev and seed-chat, and reports the held-out halves, which it never saw.
 *
 * The model is logistic regression (L2-regularised, full-batch Adam) of "the question is
 * answerable" on ConfidenceInputs of the best sentence. A seed-chat question counts as
 * FIT_CHAT_WEIGHT SQuAD questions (default 20): it is the way people ask in a server.
 *
 * The answer threshold is the highest that declines at most 10% of the answerable questions of
 * seed-chat's and SQuAD 2.0's fit halves, and at most one of seed-dev's 36 (declining a
 * question the articles answer is the costlier mistake); the topic threshold is reported for
 * a range, not fitted.
 *
 * Tried and dropped: every input of ConfidenceInputs together. It fitted the fit halves no
 * better and the held-out halves worse (seed-chat held-out AUC 0.51 against 0.57 for the score
 * alone): SQuAD 2.0's unanswerable questions share every word with a real sentence, so
 * coverage and related-word evidence pull the other way there than on seed-chat. The model
 * uses FIT_INPUTS (default: the best sentence's score and countMissing; see
 * defaultConfidenceWeights for what each brought, and what negationUnmatched would).
 *
 * Also tried: fitting on SQuAD v1.1 dev made unanswerable by taking out half of each
 * article's paragraphs (every question asked once where its paragraph is kept and once where
 * it is not: 10,570 pairs, the topic present and the answer gone). The held-out pairs separate
 * well (AUC 0.846 with the score alone, 0.871 with every input), but the fitted models did no
 * better on seed-chat's held-out half (0.553) or SQuAD 2.0's (0.581): a question whose
 * paragraph is gone lacks its words, while the unanswerable questions people and SQuAD 2.0's
 * writers ask share them with the articles.
 *
 * Also tried, one input beside the score, before "how many" asked for a count of its noun and
 * countMissing joined the model (held-out AUC, SQuAD 2.0 and seed-chat; seed-dev's
 * unanswerable questions declined under the same budgets; the score alone: 0.571, 0.567, 3 of
 * 4). Of these only negationUnmatched is an input of ConfidenceInputs (FIT_INPUTS can add it);
 * the others were measured with the same model and budgets outside this script, where
 * seed-dev's count may differ by one:
 *   - the question negates and the best sentence does not (negationUnmatched): 0.628, 0.558,
 *     1 of 4. The only clear gain, on SQuAD 2.0 (12% of its unanswerable questions declined
 *     instead of 2%), but one more seed-chat fit question is declined, so the budget lowers
 *     the threshold below two of seed-dev's unanswerable questions;
 *   - the best sentence's BM25 over the question's idf mass (the score normalised by what
 *     the question could score): 0.522, 0.565, 3 of 4;
 *   - the share of the question's names and numbers that the best sentence's paragraph
 *     lacks: 0.583, 0.558, 0 of 4;
 *   - whether the best sentence has the question's weightiest word: 0.553, 0.538, 3 of 4;
 *   - the share of the question's idf mass the paragraph covers: 0.564, 0.572, 1 of 4;
 *   - the lead over the second sentence relative to the score: 0.571, 0.567, 3 of 4;
 *   - the question's length in words: 0.573, 0.558, 0 of 4;
 *   - question words the sentence lacks but has a word-vector neighbour of (another name,
 *     an antonym): 0.559, 0.421, 1 of 4.
 * Fitted on SQuAD 2.0 alone, negation, normalised BM25, length, missing names and numbers
 * and the paragraph's share together reach 0.683 on its held-out half, and 0.483 on
 * seed-chat's: what tells SQuAD 2.0's written-to-mislead questions apart is not what tells
 * a chat question the articles do not answer.
 */
import { join } from 'node:path';
import { openLibrary } from '../library/folder.ts';
import {
  confidenceInputNames,
  defaultConfidenceWeights,
  defaultTopicThreshold,
  type ConfidenceInputs,
  type ConfidenceWeights,
} from '../retrieval/confidence.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import { requireShared, seedArticlesDir, seedQuestionsPath } from '../testing/paths.ts';
import { fitHalf, heldOutHalf, loadSeedQuestions, rocAuc } from './qa.ts';
import { defaultSquad2Dir, loadSquad2Questions } from './squad2.ts';

requireShared('npm run fit-confidence');

interface Example {
  readonly x: Float64Array;
  readonly answerable: boolean;
  readonly topical: number;
  readonly weight: number;
}

const names = ['bias', ...confidenceInputNames] as const;

function examplesOf(
  engine: QuoteEngine,
  questions: readonly { question: string; answerable: boolean }[],
  weight: number,
): Example[] {
  return questions.map(({ question, answerable }) => {
    const { inputs, topical } = engine.assess(question);
    const x = new Float64Array(names.length);
    x[0] = 1;
    if (inputs) confidenceInputNames.forEach((name, k) => (x[k + 1] = inputs[name as keyof ConfidenceInputs]));
    else x[confidenceInputNames.indexOf('absent') + 1] = 1;
    return { x, answerable, topical, weight };
  });
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const predict = (w: Float64Array, x: Float64Array): number => {
  let z = 0;
  for (let k = 0; k < w.length; k += 1) z += w[k]! * x[k]!;
  return sigmoid(z);
};

/** The inputs the model uses (FIT_INPUTS=score,coverage; default these); the others keep weight 0. */
const defaultInputs = 'score,countMissing';
const usedInputs = new Set((process.env.FIT_INPUTS ?? defaultInputs).split(','));

function fit(examples: readonly Example[], iterations: number, l2: number): Float64Array {
  const dims = names.length;
  const used = names.map((name) => name === 'bias' || usedInputs.has(name));
  const w = Float64Array.from(names.map((name, k) => (used[k] ? defaultConfidenceWeights[name] : 0)));
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const [beta1, beta2, rate] = [0.9, 0.999, 0.05];
  const total = examples.reduce((sum, e) => sum + e.weight, 0);
  for (let t = 1; t <= iterations; t += 1) {
    const gradient = new Float64Array(dims);
    for (const e of examples) {
      const error = predict(w, e.x) - (e.answerable ? 1 : 0);
      for (let k = 0; k < dims; k += 1) gradient[k]! += (e.weight * error * e.x[k]!) / total;
    }
    for (let k = 0; k < dims; k += 1) {
      if (!used[k]) continue;
      const g = gradient[k]! + (k === 0 ? 0 : l2 * w[k]!);
      m[k] = beta1 * m[k]! + (1 - beta1) * g;
      v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
      w[k]! -= (rate * (m[k]! / (1 - beta1 ** t))) / (Math.sqrt(v[k]! / (1 - beta2 ** t)) + 1e-8);
    }
  }
  return w;
}

interface Rates {
  readonly auc: number | null;
  readonly unanswerableDeclined: number;
  readonly answerableDeclined: number;
}

function rates(examples: readonly Example[], w: Float64Array, threshold: number, topicThreshold: number): Rates {
  const confidence = examples.map((e) => predict(w, e.x));
  const declined = examples.map((e, i) => e.topical < topicThreshold || confidence[i]! < threshold);
  const share = (answerable: boolean) => {
    const idx = examples.map((e, i) => (e.answerable === answerable ? i : -1)).filter((i) => i >= 0);
    return idx.length === 0 ? 0 : idx.filter((i) => declined[i]).length / idx.length;
  };
  return {
    auc: rocAuc(
      confidence.filter((_, i) => examples[i]!.answerable),
      confidence.filter((_, i) => !examples[i]!.answerable),
    ),
    unanswerableDeclined: share(false),
    answerableDeclined: share(true),
  };
}

const chatWeight = Number(process.env.FIT_CHAT_WEIGHT ?? 20);
const topicThreshold = Number(process.env.FIT_TOPIC_THRESHOLD ?? defaultTopicThreshold);
const squad2Engine = (await openLibrary(join(defaultSquad2Dir, 'articles'))).engine;
const seedEngine = (await openLibrary(seedArticlesDir)).engine;
const squad2 = loadSquad2Questions(defaultSquad2Dir);
const chat = loadSeedQuestions(seedQuestionsPath('seed-chat'));
const squad2Fit = examplesOf(squad2Engine, fitHalf(squad2), 1);
const squad2HeldOut = examplesOf(squad2Engine, heldOutHalf(squad2), 1);
const chatFit = examplesOf(seedEngine, fitHalf(chat), chatWeight);
const chatHeldOut = examplesOf(seedEngine, heldOutHalf(chat), chatWeight);
const seedDev = examplesOf(seedEngine, loadSeedQuestions(seedQuestionsPath('seed-dev')), 1);

// Rounded to the three decimals printed below before the threshold is chosen and the halves
// are scored, so that the figures are those of the weights confidence.ts carries.
const weights = fit(
  [...squad2Fit, ...chatFit],
  Number(process.env.FIT_ITERATIONS ?? 600),
  Number(process.env.FIT_L2 ?? 0.001),
).map((weight) => Math.round(weight * 1000) / 1000);

// The highest threshold within both decline budgets on the fit halves.
const budgets: [readonly Example[], number][] = [
  [chatFit, 0.1],
  [squad2Fit, 0.1],
  [seedDev, 0.03],
];
let threshold = 0;
for (let t = 0.001; t < 1; t += 0.001) {
  if (budgets.every(([examples, budget]) => rates(examples, weights, t, topicThreshold).answerableDeclined <= budget))
    threshold = Math.round(t * 1000) / 1000;
}
if (process.env.FIT_THRESHOLD !== undefined) threshold = Number(process.env.FIT_THRESHOLD);

const show = (label: string, examples: readonly Example[]) => {
  const r = rates(examples, weights, threshold, topicThreshold);
  console.log(
    `${label.padEnd(18)} AUC ${r.auc?.toFixed(3) ?? '—'}  unanswerable declined ${r.unanswerableDeclined.toFixed(3)}  answerable declined ${r.answerableDeclined.toFixed(3)}`,
  );
};
console.log(`answer threshold ${threshold} (topic threshold ${topicThreshold})`);
show('SQuAD 2.0 fit', squad2Fit);
show('SQuAD 2.0 held-out', squad2HeldOut);
show('seed-chat fit', chatFit);
show('seed-chat held-out', chatHeldOut);
show('seed-dev', seedDev);
for (const t of [0.2, 0.3, 0.4, 0.5, 0.6]) {
  const offTopic = (examples: readonly Example[], answerable: boolean) => {
    const side = examples.filter((e) => e.answerable === answerable);
    return (side.filter((e) => e.topical < t).length / Math.max(1, side.length)).toFixed(3);
  };
  console.log(
    `topic threshold ${t}: seed-chat fit off-topic unanswerable ${offTopic(chatFit, false)} answerable ${offTopic(chatFit, true)}; SQuAD 2.0 fit unanswerable ${offTopic(squad2Fit, false)} answerable ${offTopic(squad2Fit, true)}`,
  );
}
const fitted = Object.fromEntries(
  names.map((name, k) => [name, Math.round(weights[k]! * 1000) / 1000]),
) as ConfidenceWeights;
console.log(JSON.stringify(fitted, null, 2));
if (process.env.FIT_SHOW_INPUTS === '1') {
  const single = (examples: readonly Example[], k: number) =>
    rocAuc(
      examples.filter((e) => e.answerable).map((e) => e.x[k]!),
      examples.filter((e) => !e.answerable).map((e) => e.x[k]!),
    )?.toFixed(3);
  for (let k = 1; k < names.length; k += 1)
    console.log(
      `${names[k]!.padEnd(15)} AUC alone: SQuAD 2.0 fit ${single(squad2Fit, k)}  seed-chat fit ${single(chatFit, k)}  seed-dev ${single(seedDev, k)}`,
    );
  const topical = (examples: readonly Example[]) =>
    rocAuc(
      examples.filter((e) => e.answerable).map((e) => e.topical),
      examples.filter((e) => !e.answerable).map((e) => e.topical),
    )?.toFixed(3);
  console.log(
    `topical share   AUC alone: SQuAD 2.0 fit ${topical(squad2Fit)}  seed-chat fit ${topical(chatFit)}  seed-dev ${topical(seedDev)}`,
  );
}

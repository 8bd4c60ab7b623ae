/**
 * `npm run fit-ranker`: fits the stage-2 weights of the ranker (RankingParameters.rerank) on
 * the even-numbered questions of SQuAD dev and reports Recall@1/3 on the odd-numbered ones,
 * which it never saw, and on the seed questions. The printed weights are what
 * defaultRankingParameters carries; re-run this after changing a feature.
 *
 * The model is linear, fitted with a listwise softmax loss (ListNet with one relevant group,
 * Cao et al., ICML 2007): for each question, the probability the softmax of the scores puts on
 * the shortlisted sentences that hold the answer is pushed up. L2-regularised, full-batch Adam.
 */
import { readFileSync } from 'node:fs';
import { loadArticles } from '../corpus/load.ts';
import { buildIndex } from '../index/build.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { analyseQuestion } from '../retrieval/question.ts';
import { defaultRankingParameters, featureNames, rankingCandidates, type RerankWeights } from '../retrieval/rank.ts';

const squadDir = new URL('../../../shared/bench/squad/dev/', import.meta.url).pathname;
const seedQuestionsPath = new URL('../../../shared/qa/seed-dev.jsonl', import.meta.url).pathname;
const seedsDir = new URL('../../seeds/', import.meta.url).pathname;

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

interface Example {
  readonly features: Float64Array[];
  readonly relevant: boolean[];
}

type Judge = (sentenceText: string) => boolean;

function examplesFor(index: SentenceIndex, questions: readonly { question: string; judge: Judge }[]): Example[] {
  const out: Example[] = [];
  for (const { question, judge } of questions) {
    const candidates = rankingCandidates(index, analyseQuestion(question), { limit: defaultRankingParameters.rerankDepth });
    const relevant = candidates.sentences.map((s) => judge(index.sentences[s]!.text));
    out.push({ features: candidates.features.map((f) => Float64Array.from(featureNames.map((name) => f[name]))), relevant });
  }
  return out;
}

function score(weights: Float64Array, features: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < weights.length; k += 1) sum += weights[k]! * features[k]!;
  return sum;
}

function fit(examples: readonly Example[], iterations: number, l2: number): Float64Array {
  const dims = featureNames.length;
  const weights = new Float64Array(dims);
  weights[featureNames.indexOf('firstPass')] = 1;
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const [beta1, beta2, rate] = [0.9, 0.999, 0.05];
  const usable = examples.filter((e) => e.relevant.some(Boolean) && !e.relevant.every(Boolean));
  for (let t = 1; t <= iterations; t += 1) {
    const gradient = new Float64Array(dims);
    for (const example of usable) {
      const scores = example.features.map((f) => score(weights, f));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const relevantMass = exp.reduce((a, e, i) => (example.relevant[i] ? a + e : a), 0);
      example.features.forEach((f, i) => {
        const p = exp[i]! / all - (example.relevant[i] ? exp[i]! / relevantMass : 0);
        for (let k = 0; k < dims; k += 1) gradient[k]! += (p * f[k]!) / usable.length;
      });
    }
    for (let k = 0; k < dims; k += 1) {
      const g = gradient[k]! + l2 * weights[k]!;
      m[k] = beta1 * m[k]! + (1 - beta1) * g;
      v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
      weights[k]! -= (rate * (m[k]! / (1 - beta1 ** t))) / (Math.sqrt(v[k]! / (1 - beta2 ** t)) + 1e-8);
    }
  }
  return weights;
}

function recall(examples: readonly Example[], weights: Float64Array): [number, number] {
  let r1 = 0;
  let r3 = 0;
  for (const example of examples) {
    const order = example.features.map((f, i) => ({ s: score(weights, f), i })).sort((a, b) => b.s - a.s);
    const first = order.findIndex(({ i }) => example.relevant[i]);
    if (first === 0) r1 += 1;
    if (first >= 0 && first < 3) r3 += 1;
  }
  return [r1 / examples.length, r3 / examples.length];
}

const squadIndex = buildIndex((await loadArticles(`${squadDir}articles`)).articles);
const squadQuestions = readFileSync(`${squadDir}questions.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { question: string; answers: string[] })
  .map((q) => ({ question: q.question, judge: (text: string) => q.answers.some((a) => norm(text).includes(norm(a))) }));
const train = examplesFor(squadIndex, squadQuestions.filter((_, i) => i % 2 === 0));
const heldOut = examplesFor(squadIndex, squadQuestions.filter((_, i) => i % 2 === 1));

const seedIndex = buildIndex((await loadArticles(seedsDir)).articles);
const seedQuestions = readFileSync(seedQuestionsPath, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { question: string; answerable: boolean; gold: { sentence: string }[] })
  .filter((q) => q.answerable)
  .map((q) => ({
    question: q.question,
    judge: (text: string) => q.gold.some((g) => norm(text).includes(norm(g.sentence)) || norm(g.sentence).includes(norm(text))),
  }));
const seeds = examplesFor(seedIndex, seedQuestions);

const current = Float64Array.from(featureNames.map((name) => defaultRankingParameters.rerank[name]));
const iterations = Number(process.env.FIT_ITERATIONS ?? 300);
const l2 = Number(process.env.FIT_L2 ?? 0.001);
const fitted = fit(train, iterations, l2);
const fmt = ([a, b]: [number, number]): string => `R@1 ${a.toFixed(3)}  R@3 ${b.toFixed(3)}`;
console.log(`current weights   train ${fmt(recall(train, current))}  held-out ${fmt(recall(heldOut, current))}  seeds ${fmt(recall(seeds, current))}`);
console.log(`fitted weights    train ${fmt(recall(train, fitted))}  held-out ${fmt(recall(heldOut, fitted))}  seeds ${fmt(recall(seeds, fitted))}`);
const weights = Object.fromEntries(featureNames.map((name, k) => [name, Math.round(fitted[k]! * 1000) / 1000])) as RerankWeights;
console.log(JSON.stringify(weights, null, 2));

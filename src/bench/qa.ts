/**
 * The seed question set (`../shared/qa/seed-dev.jsonl`) and its scoring, exactly as its
 * README defines it: a retrieved text matches a gold sentence when, after collapsing
 * whitespace runs (non-breaking spaces included), trimming and lower-casing, one contains the
 * other. Recall@k counts answerable questions with a gold sentence among the first k results;
 * unanswerable questions are scored apart, by how often they are declined.
 *
 * Exported for the bench, for tests and for tuning the ranker.
 */
import type { QuoteEngine } from '../retrieval/engine.ts';
import { seedQuestionsPath } from '../testing/paths.ts';
import { readJsonLines, rejectLine } from './jsonLines.ts';

export interface GoldSentence {
  /** The seed article's file name. */
  readonly file: string;
  /** The sentence character for character as it stands in the file. */
  readonly sentence: string;
}

export interface SeedQuestion {
  readonly id: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly gold: readonly GoldSentence[];
  /** Informal label of what the question tests: number, paraphrase, typo, unanswerable, ... */
  readonly kind: string;
}

/** Reads a seed question file; a malformed line is an error that names the file and line. */
export function loadSeedQuestions(path: string = seedQuestionsPath('seed-dev')): SeedQuestion[] {
  return readJsonLines(path, (q) =>
    typeof q.id !== 'string' ||
    typeof q.question !== 'string' ||
    typeof q.answerable !== 'boolean' ||
    !Array.isArray(q.gold)
      ? rejectLine('lacks one of id, question, answerable, gold')
      : {
          id: q.id,
          question: q.question,
          answerable: q.answerable,
          gold: q.gold as GoldSentence[],
          kind: (q.kind as string | undefined) ?? 'unlabelled',
        },
  );
}

/** The README's normalisation: whitespace runs (\s covers U+00A0) to one space, trimmed, lower case. */
export function normaliseForMatch(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a retrieved text matches a gold sentence: one contains the other after normalising. */
export function matchesGold(retrieved: string, gold: string): boolean {
  const a = normaliseForMatch(retrieved);
  const b = normaliseForMatch(gold);
  return a.includes(b) || b.includes(a);
}

/** 1-based rank of the first retrieved text that matches any gold sentence, or null. */
export function firstHitRank(retrieved: readonly string[], gold: readonly GoldSentence[], depth = 5): number | null {
  const k = retrieved.slice(0, depth).findIndex((text) => gold.some((g) => matchesGold(text, g.sentence)));
  return k === -1 ? null : k + 1;
}

export interface SeedQuestionResult {
  readonly id: string;
  readonly kind: string;
  readonly question: string;
  readonly answerable: boolean;
  /** Rank (1..5) of the first matching result; null when none of the top 5 matches. */
  readonly hitRank: number | null;
  /** Whether the system declined to answer; null for systems that never decline. */
  readonly declined: boolean | null;
  /** The system's confidence that it answered (0..1); null for systems that have none. */
  readonly confidence: number | null;
  /** The top result, to see at a glance what was quoted instead. */
  readonly topResult: string | null;
  /** Milliseconds the retrieval call took. */
  readonly queryMs: number;
}

export interface RankingScore {
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly recallAt5: number;
  /** Mean reciprocal rank of the first hit within the top 5 (0 when none). */
  readonly mrr: number;
  readonly questionCount: number;
}

export interface SeedDevScore extends RankingScore {
  /** Share of unanswerable questions declined; null for systems that never decline. */
  readonly unanswerableDeclined: number | null;
  /** Share of answerable questions wrongly declined; null for systems that never decline. */
  readonly answerableDeclined: number | null;
  readonly unanswerableCount: number;
  readonly perQuestion: readonly SeedQuestionResult[];
}

/** Recall@1/3/5 and MRR@5 from the 1-based first-hit ranks of a set of questions. */
export function summariseRanks(ranks: readonly (number | null)[]): RankingScore {
  const n = ranks.length;
  const share = (k: number) => (n === 0 ? 0 : ranks.filter((r) => r !== null && r <= k).length / n);
  const mrr = n === 0 ? 0 : ranks.reduce<number>((sum, r) => sum + (r === null ? 0 : 1 / r), 0) / n;
  return { recallAt1: share(1), recallAt3: share(3), recallAt5: share(5), mrr, questionCount: n };
}

/** Anything that retrieves texts for a question, best first, and may decline to answer. */
export interface SeedRetriever {
  /** The top 5 retrieved texts. */
  retrieve(question: string): readonly string[];
  /** Whether the system says it found nothing; omitted for systems that never decline. */
  declines?(question: string): boolean;
  /** How sure the system is that it answers (any scale, higher is surer); omitted for systems without one. */
  confidence?(question: string): number;
}

export function scoreSeedRetriever(retriever: SeedRetriever, questions: readonly SeedQuestion[]): SeedDevScore {
  const perQuestion: SeedQuestionResult[] = questions.map((q) => {
    const started = performance.now();
    const retrieved = retriever.retrieve(q.question);
    const queryMs = performance.now() - started;
    return {
      id: q.id,
      kind: q.kind,
      question: q.question,
      answerable: q.answerable,
      hitRank: q.answerable ? firstHitRank(retrieved, q.gold) : null,
      declined: retriever.declines ? retriever.declines(q.question) : null,
      confidence: retriever.confidence ? retriever.confidence(q.question) : null,
      topResult: retrieved[0] ?? null,
      queryMs,
    };
  });
  const answerable = perQuestion.filter((r) => r.answerable);
  const unanswerable = perQuestion.filter((r) => !r.answerable);
  const declineShare = (rs: readonly SeedQuestionResult[]) =>
    retriever.declines === undefined || rs.length === 0
      ? null
      : rs.filter((r) => r.declined === true).length / rs.length;
  return {
    ...summariseRanks(answerable.map((r) => r.hitRank)),
    unanswerableDeclined: declineShare(unanswerable),
    answerableDeclined: declineShare(answerable),
    unanswerableCount: unanswerable.length,
    perQuestion,
  };
}

/**
 * The two halves of a question set. Weights, thresholds and calibration are fitted on the
 * questions at even positions of a file (0, 2, 4, ...: seed-chat's c001, c003, ...) and
 * reported on those at odd positions, which fitting never sees. Position, not id, so that
 * one rule splits every set (SQuAD ids are hashes).
 */
export function isHeldOut(position: number): boolean {
  return position % 2 === 1;
}

export function heldOutHalf<T>(items: readonly T[]): T[] {
  return items.filter((_, i) => isHeldOut(i));
}

export function fitHalf<T>(items: readonly T[]): T[] {
  return items.filter((_, i) => !isHeldOut(i));
}

/**
 * ROC AUC of a confidence between answerable (positive) and unanswerable (negative)
 * questions: the chance that a random answerable question gets a higher confidence than a
 * random unanswerable one, ties counting half (the Mann-Whitney U statistic over n+ n-).
 * 0.5 is chance; null when either side is empty.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [
    ...positives.map((value) => ({ value, positive: true })),
    ...negatives.map((value) => ({ value, positive: false })),
  ].sort((a, b) => a.value - b.value);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.value === all[i]!.value) j += 1;
    // Tied values share the mean of their ranks (1-based ranks i+1 .. j).
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) if (all[k]!.positive) rankSum += meanRank;
    i = j;
  }
  const n = positives.length;
  return (rankSum - (n * (n + 1)) / 2) / (n * negatives.length);
}

/** One question's outcome for a set with unanswerable questions (seed-chat, SQuAD 2.0). */
export interface JudgedQuestion {
  readonly answerable: boolean;
  readonly hitRank: number | null;
  readonly declined: boolean | null;
  readonly confidence: number | null;
}

export interface AbstentionScore extends RankingScore {
  readonly unanswerableDeclined: number | null;
  readonly answerableDeclined: number | null;
  /** ROC AUC of the confidence, answerable against unanswerable; null without a confidence. */
  readonly auc: number | null;
  readonly unanswerableCount: number;
}

export function summariseAbstention(results: readonly JudgedQuestion[]): AbstentionScore {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const declineShare = (rs: readonly JudgedQuestion[]) =>
    rs.length === 0 || rs.some((r) => r.declined === null) ? null : rs.filter((r) => r.declined).length / rs.length;
  const confidences = (rs: readonly JudgedQuestion[]) =>
    rs.map((r) => r.confidence).filter((c): c is number => c !== null);
  const withConfidence = results.length > 0 && results.every((r) => r.confidence !== null);
  return {
    ...summariseRanks(answerable.map((r) => r.hitRank)),
    unanswerableDeclined: declineShare(unanswerable),
    answerableDeclined: declineShare(answerable),
    auc: withConfidence ? rocAuc(confidences(answerable), confidences(unanswerable)) : null,
    unanswerableCount: unanswerable.length,
  };
}

/** A set scored whole and on its held-out half. */
export interface HalvesScore {
  readonly all: AbstentionScore;
  readonly heldOut: AbstentionScore;
}

export function scoreHalves(results: readonly JudgedQuestion[]): HalvesScore {
  return { all: summariseAbstention(results), heldOut: summariseAbstention(heldOutHalf(results)) };
}

/**
 * Citebot on the seed questions: recall from the quote texts of `engine.search(question,
 * {top: 5})` (a quote may carry a neighbouring sentence; containment gives it credit), and
 * abstention from `engine.ask(question).answered`.
 */
export function scoreSeedDev(
  engine: QuoteEngine,
  questions: readonly SeedQuestion[] = loadSeedQuestions(),
): SeedDevScore {
  return scoreSeedRetriever(
    {
      retrieve: (question) => engine.search(question, { top: 5 }).map((quote) => quote.text),
      declines: (question) => !engine.ask(question).answered,
      confidence: (question) => engine.ask(question).confidence,
    },
    questions,
  );
}

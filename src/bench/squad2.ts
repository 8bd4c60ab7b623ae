/**
 * SQuAD 2.0 dev as open-corpus sentence retrieval with abstention, by the protocol of
 * `../shared/bench/squad2/README.md`: all 35 articles indexed as one collection, every
 * question asked, the top 5 looked at. An answerable question hits when a sentence of the top
 * 5 contains one of its answers (as in SQuAD v1.1), and counts as a miss when declined; an
 * unanswerable one counts only by whether it is declined. The confidence is scored by its ROC
 * AUC between the two kinds, whatever the threshold.
 */
import { join } from 'node:path';
import { sharedDir } from '../testing/paths.ts';
import { readJsonLines, rejectLine } from './jsonLines.ts';
import { heldOutHalf, scoreHalves, type HalvesScore, type JudgedQuestion } from './qa.ts';
import { containsAnswer } from './squad.ts';

export const defaultSquad2Dir = join(sharedDir, 'bench', 'squad2');

export interface Squad2Question {
  readonly id: string;
  readonly question: string;
  readonly answerable: boolean;
  /** Distinct gold answer strings; empty for an unanswerable question. */
  readonly answers: readonly string[];
}

export function loadSquad2Questions(dir: string = defaultSquad2Dir): Squad2Question[] {
  return readJsonLines(join(dir, 'questions.jsonl'), (q) =>
    typeof q.question !== 'string' || typeof q.answerable !== 'boolean' || !Array.isArray(q.answers)
      ? rejectLine('lacks question, answerable or answers')
      : { id: String(q.id), question: q.question, answerable: q.answerable, answers: q.answers as string[] },
  );
}

/** What a system says to one question: its top 5 texts, and whether and how surely it answers. */
export interface Squad2Response {
  readonly texts: readonly string[];
  /** null for a system that never declines. */
  readonly declined: boolean | null;
  /** null for a system without a confidence. */
  readonly confidence: number | null;
}

export interface Squad2Score extends HalvesScore {
  /**
   * Recall@1 of the answerable questions from the ranking alone, declines not counted as
   * misses: what the ranker does, apart from the decision to decline. Whole set and held-out half.
   */
  readonly rankedRecallAt1: { readonly all: number; readonly heldOut: number };
  /** Milliseconds each call took, in question order. */
  readonly queryMs: readonly number[];
}

export function scoreSquad2(
  respond: (question: string) => Squad2Response,
  questions: readonly Squad2Question[],
): Squad2Score {
  const judged: JudgedQuestion[] = [];
  const rankedFirst: (boolean | null)[] = [];
  const queryMs: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    const response = respond(q.question);
    queryMs.push(performance.now() - started);
    const k = q.answerable ? response.texts.slice(0, 5).findIndex((text) => containsAnswer(text, q.answers)) : -1;
    // The protocol: declining an answerable question is a miss.
    const hitRank = k === -1 || response.declined === true ? null : k + 1;
    rankedFirst.push(q.answerable ? k === 0 : null);
    judged.push({ answerable: q.answerable, hitRank, declined: response.declined, confidence: response.confidence });
  }
  const share = (flags: readonly (boolean | null)[]) => {
    const answerable = flags.filter((f) => f !== null);
    return answerable.length === 0 ? 0 : answerable.filter(Boolean).length / answerable.length;
  };
  return {
    ...scoreHalves(judged),
    rankedRecallAt1: { all: share(rankedFirst), heldOut: share(heldOutHalf(rankedFirst)) },
    queryMs,
  };
}

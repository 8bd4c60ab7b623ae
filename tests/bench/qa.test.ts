/**
 * The seed-dev scoring the bench and tuning rely on, held to ../shared/qa/README.md: whole
 * sentences, containment after normalising, unanswerable questions scored apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstHitRank,
  loadSeedQuestions,
  matchesGold,
  scoreSeedRetriever,
  summariseRanks,
  type SeedQuestion,
} from '../../src/bench/qa.ts';
import { seedQuestionsPath } from '../../src/testing/paths.ts';
import { sharedAvailable, temporaryFolder } from '../helpers.ts';

const troopCeiling = 'The approved ceiling is of troops is 4,647.';

describe('matching a retrieved sentence against a gold one', () => {
  it('credits a quote that carries the gold sentence together with its neighbour', () => {
    expect(matchesGold(`${troopCeiling} That number has not changed since.`, troopCeiling)).toBe(true);
  });

  it('credits a sentence split a little shorter than the gold one', () => {
    expect(matchesGold('The approved ceiling is of troops', troopCeiling)).toBe(true);
  });

  it('ignores case, surrounding space and runs of whitespace, non-breaking spaces included', () => {
    expect(matchesGold('  the approved\u00a0ceiling is of   troops is 4,647. ', troopCeiling)).toBe(true);
  });

  it('does not credit a different sentence', () => {
    expect(matchesGold('The US has about 2,500 troops in Iraq.', troopCeiling)).toBe(false);
  });
});

const question = (id: string, answerable: boolean, gold: string[] = []): SeedQuestion => ({
  id,
  question: `question ${id}`,
  answerable,
  gold: gold.map((sentence) => ({ file: 'a.txt', sentence })),
  kind: answerable ? 'keyword' : 'unanswerable',
});

describe('scoring a retriever on seed questions', () => {
  const questions = [
    question('q1', true, ['Alpha is first.']),
    question('q2', true, ['Beta is second.', 'Beta again.']),
    question('q3', true, ['Gamma is third.']),
    question('q4', true, ['Delta is never found.']),
    question('q5', false),
  ];
  // Filler that matches no gold sentence; single letters would (the README's warning about
  // fragments: 'v' is contained in 'never').
  const [a, b, c, d, e] = [
    'Unrelated one.',
    'Unrelated two.',
    'Unrelated three.',
    'Unrelated four.',
    'Unrelated five.',
  ];
  const results: Record<string, string[]> = {
    'question q1': ['Alpha is first.', a, b],
    'question q2': [a, b, 'Beta again.'],
    'question q3': [a, b, c, d, 'Gamma is third.'],
    'question q4': [a, b, c, d, e, 'Delta is never found.'],
    'question q5': [a],
  };

  it('counts recall at 1, 3 and 5 and MRR over the answerable questions only, looking at the top 5', () => {
    const score = scoreSeedRetriever({ retrieve: (q) => results[q] ?? [] }, questions);
    expect(score.questionCount).toBe(4);
    expect(score.recallAt1).toBe(1 / 4);
    expect(score.recallAt3).toBe(2 / 4);
    expect(score.recallAt5).toBe(3 / 4);
    expect(score.mrr).toBeCloseTo((1 + 1 / 3 + 1 / 5 + 0) / 4, 10);
    expect(score.perQuestion.map((r) => r.hitRank)).toEqual([1, 3, 5, null, null]);
  });

  it('reports declining separately for unanswerable and answerable questions', () => {
    const declined = new Set(['question q5', 'question q4']);
    const score = scoreSeedRetriever(
      { retrieve: (q) => results[q] ?? [], declines: (q) => declined.has(q) },
      questions,
    );
    expect(score.unanswerableDeclined).toBe(1);
    expect(score.answerableDeclined).toBe(1 / 4);
  });

  it('leaves declining blank for a system that never declines', () => {
    const score = scoreSeedRetriever({ retrieve: (q) => results[q] ?? [] }, questions);
    expect(score.unanswerableDeclined).toBeNull();
    expect(score.answerableDeclined).toBeNull();
  });

  it('finds the first hit among any of several gold sentences', () => {
    expect(firstHitRank(['no', 'Beta again.'], questions[1]!.gold)).toBe(2);
  });

  it('gives zeros, not NaN, for an empty set', () => {
    expect(summariseRanks([])).toEqual({ recallAt1: 0, recallAt3: 0, recallAt5: 0, mrr: 0, questionCount: 0 });
  });
});

describe('the seed question file', () => {
  it.skipIf(!sharedAvailable(seedQuestionsPath('seed-dev'), 'the seed-dev set check'))(
    'loads the shared seed-dev set with gold sentences for every answerable question',
    () => {
      const questions = loadSeedQuestions(seedQuestionsPath('seed-dev'));
      expect(questions.length).toBe(40);
      expect(questions.filter((q) => !q.answerable).length).toBe(4);
      expect(questions.filter((q) => q.answerable).every((q) => q.gold.length > 0)).toBe(true);
    },
  );

  it('names the file and line of a malformed question', () => {
    const dir = temporaryFolder('citebot-qa-');
    const path = join(dir, 'broken.jsonl');
    writeFileSync(path, `${JSON.stringify(question('q1', false))}\n{"id": "q2", "question": \n`);
    expect(() => loadSeedQuestions(path)).toThrow(`${path}:2 is not valid JSON`);
  });
});

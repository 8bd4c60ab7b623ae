/**
 * Scoring sets with unanswerable questions (seed-chat, SQuAD 2.0): the ROC AUC of a
 * confidence, declines on each side, and the fixed split into a fit half and a held-out half.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitHalf, heldOutHalf, rocAuc, scoreHalves, summariseAbstention } from '../../src/bench/qa.ts';
import { loadSquad2Questions, scoreSquad2 } from '../../src/bench/squad2.ts';
import { temporaryFolder } from '../helpers.ts';

describe('the ROC AUC of a confidence', () => {
  it('is 1 when every answerable question is surer than every unanswerable one', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2, 0.3])).toBe(1);
  });

  it('is 0.5 when the confidence cannot tell them apart, ties counting half', () => {
    expect(rocAuc([0.5, 0.5], [0.5, 0.5])).toBe(0.5);
  });

  it('counts the pairs in the right order', () => {
    // Pairs (p, n): (0.6, 0.4) right, (0.6, 0.7) wrong, (0.3, 0.4) wrong, (0.3, 0.7) wrong.
    expect(rocAuc([0.6, 0.3], [0.4, 0.7])).toBe(0.25);
  });

  it('is null when one side is empty', () => {
    expect(rocAuc([0.6], [])).toBeNull();
  });
});

describe('halves of a question set', () => {
  it('fits on even positions and holds out odd ones', () => {
    expect(fitHalf(['c001', 'c002', 'c003', 'c004'])).toEqual(['c001', 'c003']);
    expect(heldOutHalf(['c001', 'c002', 'c003', 'c004'])).toEqual(['c002', 'c004']);
  });

  it('scores declines apart for answerable and unanswerable questions, and leaves them blank for a system that never declines', () => {
    const judged = [
      { answerable: true, hitRank: 1, declined: false, confidence: 0.9 },
      { answerable: true, hitRank: null, declined: true, confidence: 0.2 },
      { answerable: false, hitRank: null, declined: true, confidence: 0.1 },
      { answerable: false, hitRank: null, declined: false, confidence: 0.5 },
    ];
    const score = summariseAbstention(judged);
    expect(score.recallAt1).toBe(0.5);
    expect(score.answerableDeclined).toBe(0.5);
    expect(score.unanswerableDeclined).toBe(0.5);
    expect(score.auc).toBe(0.75);
    const library = summariseAbstention(judged.map((j) => ({ ...j, declined: null, confidence: null })));
    expect(library.unanswerableDeclined).toBeNull();
    expect(library.auc).toBeNull();
    expect(scoreHalves(judged).heldOut.questionCount).toBe(1);
  });
});

describe('SQuAD 2.0 scoring', () => {
  it('counts a declined answerable question as a miss, but not in the ranking-only recall', () => {
    const dir = temporaryFolder('citebot-squad2-');
    mkdirSync(join(dir, 'articles'));
    const questions = [
      {
        id: 'a',
        question: 'When did the harbour open?',
        answerable: true,
        answers: ['1851'],
        plausible_answers: [],
        article: 'x.txt',
      },
      {
        id: 'b',
        question: 'When did the harbour close?',
        answerable: false,
        answers: [],
        plausible_answers: ['1851'],
        article: 'x.txt',
      },
      {
        id: 'c',
        question: 'Where did ships come from?',
        answerable: true,
        answers: ['Lisbon'],
        plausible_answers: [],
        article: 'x.txt',
      },
    ];
    writeFileSync(join(dir, 'questions.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n'));
    const loaded = loadSquad2Questions(dir);
    expect(loaded.map((q) => q.answerable)).toEqual([true, false, true]);
    const score = scoreSquad2(
      (question) => ({
        texts: question.startsWith('When') ? ['The harbour opened in 1851.'] : ['Ships from Lisbon arrived weekly.'],
        declined: question.startsWith('Where'),
        confidence: question.startsWith('Where') ? 0.1 : 0.8,
      }),
      loaded,
    );
    expect(score.all.recallAt1).toBe(0.5);
    expect(score.rankedRecallAt1.all).toBe(1);
    expect(score.all.unanswerableDeclined).toBe(0);
    expect(score.all.answerableDeclined).toBe(0.5);
  });
});

/**
 * The quality floor on the seed question set, scored as ../shared/qa/README.md says (with the
 * bench's matching, src/bench/qa.ts): a retrieved quote matches a gold sentence when one
 * contains the other after whitespace is collapsed and case folded. A change that makes answers worse fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/folder.ts';
import type { QuoteEngine } from '../../src/retrieval/engine.ts';
import { loadSeedQuestions, matchesGold } from '../../src/bench/qa.ts';
import { seedQuestionsPath } from '../../src/testing/paths.ts';
import { seedsDir, sharedAvailable } from '../helpers.ts';

const haveQuestions = sharedAvailable(seedQuestionsPath('seed-dev'), 'the seed-dev quality floor');
const questions = haveQuestions ? loadSeedQuestions(seedQuestionsPath('seed-dev')) : [];
const answerable = questions.filter((q) => q.answerable);
const unanswerable = questions.filter((q) => !q.answerable);

let engine: QuoteEngine;
beforeAll(async () => {
  engine = (await openLibrary(seedsDir)).engine;
});

function recallAt(k: number): number {
  const hits = answerable.filter((q) =>
    engine.search(q.question, { top: k }).some((quote) => q.gold.some((g) => matchesGold(quote.text, g.sentence))),
  );
  return hits.length / answerable.length;
}

describe.skipIf(!haveQuestions)('quality on the seed questions', () => {
  it('has the question set it is meant to score', () => {
    expect(answerable.length).toBeGreaterThanOrEqual(30);
    expect(unanswerable.length).toBeGreaterThanOrEqual(3);
  });

  it('finds a gold sentence in the top 3 for at least 90% of answerable questions', () => {
    expect(recallAt(3)).toBeGreaterThanOrEqual(0.9);
  });

  it('puts a gold sentence first for at least 85% of answerable questions', () => {
    expect(recallAt(1)).toBeGreaterThanOrEqual(0.85);
  });

  it('declines at least 3 of the 4 questions the articles cannot answer', () => {
    expect(unanswerable.filter((q) => !engine.ask(q.question).answered).length).toBeGreaterThanOrEqual(3);
  });

  it('declines at most one question the articles do answer', () => {
    const declined = answerable.filter((q) => !engine.ask(q.question).answered).map((q) => q.id);
    expect(declined.length, `declined: ${declined.join(', ')}`).toBeLessThanOrEqual(1);
  });
});

/**
 * The SQuAD open-corpus protocol (../shared/bench/squad/README.md) and the scale corpus built
 * from it, on small folders written here.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile, summariseLatency } from '../../src/bench/measure.ts';
import { shuffleWords, writeScaleCorpus } from '../../src/bench/scaleCorpus.ts';
import {
  containsAnswer,
  loadSquadQuestions,
  scoreSquad,
  splitSquadSentences,
  squadParagraphs,
  type SquadQuestion,
} from '../../src/bench/squad.ts';
import { scoreHighlights } from '../../src/bench/highlights.ts';
import { openLibrary } from '../../src/library/folder.ts';
import { temporaryFolder } from '../helpers.ts';

function squadFolder(): string {
  const dir = temporaryFolder('citebot-squad-');
  mkdirSync(join(dir, 'articles'));
  writeFileSync(
    join(dir, 'articles', '000-harbour.txt'),
    'Harbour Town\n\nThe harbour opened in 1851. Ships from Lisbon arrived weekly.\n\nA lighthouse was built on the cape in 1902.\n',
  );
  writeFileSync(join(dir, 'articles', '001-mill.txt'), 'Old Mill\n\nThe mill ground wheat until 1960.\n');
  writeFileSync(
    join(dir, 'questions.jsonl'),
    [
      { id: 'a', question: 'When did the harbour open?', answers: ['1851'], article: '000-harbour.txt' },
      {
        id: 'b',
        question: 'Where did ships come from?',
        answers: ['Lisbon', 'from Lisbon'],
        article: '000-harbour.txt',
      },
    ]
      .map((q) => JSON.stringify(q))
      .join('\n') + '\n',
  );
  return dir;
}

describe('the SQuAD protocol', () => {
  it('splits every paragraph but not the title line into sentences with wink', () => {
    const sentences = splitSquadSentences(squadFolder());
    expect(sentences.map((s) => s.text)).toEqual([
      'The harbour opened in 1851.',
      'Ships from Lisbon arrived weekly.',
      'A lighthouse was built on the cape in 1902.',
      'The mill ground wheat until 1960.',
    ]);
    expect(sentences.map((s) => `${s.article}#${s.paragraph}`)).toEqual([
      '000-harbour.txt#0',
      '000-harbour.txt#0',
      '000-harbour.txt#1',
      '001-mill.txt#0',
    ]);
  });

  it('reads paragraphs as the blocks between blank lines after the title', () => {
    expect(squadParagraphs('Title\n\nOne.\n\nTwo.\n')).toEqual(['One.', 'Two.']);
  });

  it('counts a sentence as a hit when it contains a gold answer, ignoring case and whitespace runs', () => {
    expect(containsAnswer('Ships from  LISBON arrived weekly.', ['from Lisbon'])).toBe(true);
    expect(containsAnswer('The harbour opened in 1851.', ['Lisbon'])).toBe(false);
  });

  it('scores recall and MRR over the top 5 of every question', () => {
    const questions: SquadQuestion[] = loadSquadQuestions(squadFolder());
    const ranked: Record<string, string[]> = {
      'When did the harbour open?': ['A lighthouse was built on the cape in 1902.', 'The harbour opened in 1851.'],
      'Where did ships come from?': ['The mill ground wheat until 1960.'],
    };
    const score = scoreSquad((q) => ranked[q] ?? [], questions);
    expect(score.questionCount).toBe(2);
    expect(score.recallAt1).toBe(0);
    expect(score.recallAt3).toBe(0.5);
    expect(score.mrr).toBe(0.25);
    expect(score.queryMs).toHaveLength(2);
  });
});

describe('the scale corpus', () => {
  it('shuffles the words of a sentence but keeps every word and the last one in place', () => {
    let state = 0;
    const random = () => (state = (state * 9301 + 49297) % 233280) / 233280;
    const sentence = 'The quick brown fox jumps over the lazy dog.';
    const shuffled = shuffleWords(sentence, random);
    expect(shuffled.split(' ').sort()).toEqual(sentence.split(' ').sort());
    expect(shuffled.endsWith('dog.')).toBe(true);
  });

  it('writes the original as the first copy and shuffled copies after it, one file per article and copy', () => {
    const squad = splitSquadSentences(squadFolder());
    const out = temporaryFolder('citebot-scale-');
    const corpus = writeScaleCorpus(squad, 3, out);
    expect(corpus.sentences).toHaveLength(squad.length * 3);
    expect(corpus.sentences.slice(0, squad.length)).toEqual(squad.map((s) => s.text));
    expect(readdirSync(corpus.articlesDir).sort()).toEqual([
      'c00-000-harbour.txt',
      'c00-001-mill.txt',
      'c01-000-harbour.txt',
      'c01-001-mill.txt',
      'c02-000-harbour.txt',
      'c02-001-mill.txt',
    ]);
    const original = readFileSync(join(corpus.articlesDir, 'c00-000-harbour.txt'), 'utf8').split('\n\n');
    expect(original.slice(1).map((p) => p.trim())).toEqual([
      'The harbour opened in 1851. Ships from Lisbon arrived weekly.',
      'A lighthouse was built on the cape in 1902.',
    ]);
  });
});

describe('highlight scoring', () => {
  it('counts the first-quote hits whose highlighted span holds the gold answer', async () => {
    const dir = squadFolder();
    const engine = (await openLibrary(join(dir, 'articles'))).engine;
    // "When did the harbour open?" -> "The harbour opened in **1851**."
    const whenOpened = loadSquadQuestions(dir).filter((question) => question.id === 'a');
    expect(scoreHighlights(engine, whenOpened)).toEqual({
      questions: 1,
      hitsAtOne: 1,
      highlighted: 1,
      answerHighlighted: 1,
    });
    // A gold answer the highlight does not hold is not counted as one.
    expect(scoreHighlights(engine, [{ ...whenOpened[0]!, answers: ['harbour opened'] }])).toEqual({
      questions: 1,
      hitsAtOne: 1,
      highlighted: 1,
      answerHighlighted: 0,
    });
  });
});

describe('latency summaries', () => {
  it('takes nearest-rank percentiles', () => {
    const durations = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(durations, 50)).toBe(50);
    expect(percentile(durations, 95)).toBe(95);
    expect(summariseLatency([3, 1, 2])).toMatchObject({ count: 3, p50Ms: 2, p95Ms: 3, meanMs: 2 });
  });
});

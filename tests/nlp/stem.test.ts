import { describe, expect, it } from 'vitest';
import { stem } from '../../src/nlp/wink.ts';

describe('stemming', () => {
  it('stems the words of a news story the way the index expects', () => {
    expect(['troops', 'advising', 'agreed', 'operations', 'generously', 'happily', 'iraq’s'].map(stem)).toEqual([
      'troop',
      'advis',
      'agre',
      'oper',
      'generous',
      'happili',
      'iraq',
    ]);
  });

  it('follows Porter2 on its exceptional forms and invariant words', () => {
    expect(['skis', 'skies', 'news', 'dying', 'proceeded', 'inning'].map(stem)).toEqual([
      'ski',
      'sky',
      'news',
      'die',
      'proceed',
      'inning',
    ]);
  });

  it('gives a word the same stem every time it is asked', () => {
    const first = ['withdrawal', 'withdrawals', 'withdrawal'].map(stem);
    expect(first).toEqual(['withdraw', 'withdraw', 'withdraw']);
    expect(stem('withdrawal')).toBe(first[0]);
  });
});

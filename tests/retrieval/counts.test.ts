import { describe, expect, it } from 'vitest';
import { countsAt, formKind, hasSpelledCountIn, type CountWord } from '../../src/retrieval/counts.ts';

/** Content words for these sentences: every word but a few stop words. */
const stopWords = new Set('the of and a was he his with it there'.split(' '));
const isContent = (normal: string) => !stopWords.has(normal);
const spelled = (text: string, isCounted: ((normal: string) => boolean) | undefined, asked: readonly string[] = []) =>
  hasSpelledCountIn(text, { isContent, isCounted, asked: new Set(asked) });
/** Words as a caller that reads figures gives them (the highlights' tokens). */
const words = (text: string): CountWord[] =>
  (text.toLowerCase().match(/\d[\d,.]*\d|\d|[a-z’]+|[;:!?]/g) ?? []).map((normal) => ({
    normal,
    kind: formKind(normal) ?? (isContent(normal) ? 'content' : 'other'),
  }));
const isTeam = (normal: string) => normal === 'teams' || normal === 'team';

describe('a number counts the first content words after it', () => {
  it('finds a count spelt in words before the counted noun, within reach', () => {
    expect(spelled('They joined one of four teams that made it.', isTeam)).toBe(true);
    expect(spelled('Two coaches and three visiting football teams entered.', isTeam)).toBe(true);
    expect(spelled('Hundreds of teams came.', isTeam)).toBe(true);
  });

  it('leaves a noun out of reach, after a clause break, after another number, or after "one of"', () => {
    expect(spelled('Seven players from the big visiting teams came.', isTeam)).toBe(false);
    expect(spelled('They scored seven; teams left.', isTeam)).toBe(false);
    expect(spelled('He was one of the teams’ coaches.', isTeam)).toBe(false);
    expect(spelled('They scored seven goals.', isTeam)).toBe(false);
    expect(spelled('Someone left the teams.', isTeam)).toBe(false);
  });

  it('leaves figures to the caller, and a number the question says', () => {
    expect(spelled('Some 2,000 teams came.', isTeam)).toBe(false);
    expect(spelled('Some three teams came.', isTeam, ['three'])).toBe(false);
  });

  it('reads numbers in words as the highlights give them, a clause break ending a reach', () => {
    expect(countsAt(words('An attack killed 12; teams from the garrison arrived.'), 3, isTeam)).toBe(false);
  });

  it('reads a number within words as the highlights give them', () => {
    const figures = words('Some 2,000 teams and 2.5 million fans came.');
    expect(countsAt(figures, 1, isTeam)).toBe(true);
    expect(countsAt(figures, 4, (normal) => normal === 'fans')).toBe(true);
  });

  it('takes any number but "one of" as a count when the question counts nothing in particular', () => {
    expect(spelled('It closed three times.', undefined)).toBe(true);
    expect(spelled('It was one of the worst years.', undefined)).toBe(false);
  });
});

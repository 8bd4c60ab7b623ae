import { describe, expect, it } from 'vitest';
import { countsAt, countWordsOf, hasSpelledCount } from '../../src/retrieval/counts.ts';

/** Content words for these sentences: every word but a few stop words. */
const stopWords = new Set('the of and a was he his with it there'.split(' '));
const words = (text: string) => countWordsOf(text, (normal) => !stopWords.has(normal));
const isTeam = (normal: string) => normal === 'teams' || normal === 'team';

describe('a number counts the first content words after it', () => {
  it('finds a count spelt in words before the counted noun, within reach', () => {
    expect(hasSpelledCount(words('They joined one of four teams that made it.'), isTeam)).toBe(true);
    expect(hasSpelledCount(words('Two coaches and three visiting football teams entered.'), isTeam)).toBe(true);
    expect(hasSpelledCount(words('Hundreds of teams came.'), isTeam)).toBe(true);
  });

  it('leaves a noun out of reach, after a clause break, after another number, or after "one of"', () => {
    expect(hasSpelledCount(words('Seven players from the big visiting teams came.'), isTeam)).toBe(false);
    expect(hasSpelledCount(words('They scored seven; teams left.'), isTeam)).toBe(false);
    expect(hasSpelledCount(words('He was one of the teams’ coaches.'), isTeam)).toBe(false);
    expect(hasSpelledCount(words('They scored seven goals.'), isTeam)).toBe(false);
    expect(hasSpelledCount(words('Someone left the teams.'), isTeam)).toBe(false);
  });

  it('leaves figures to the caller, which tells a year from a count', () => {
    expect(hasSpelledCount(words('In 2011 teams left.'), isTeam)).toBe(false);
    const figures = words('Some 2,000 teams and 2.5 million fans came.');
    expect(countsAt(figures, 1, isTeam)).toBe(true);
    expect(countsAt(figures, 4, (normal) => normal === 'fans')).toBe(true);
  });

  it('takes any number but "one of" as a count when the question counts nothing in particular', () => {
    expect(hasSpelledCount(words('It closed three times.'), undefined)).toBe(true);
    expect(hasSpelledCount(words('It was one of the worst years.'), undefined)).toBe(false);
  });
});

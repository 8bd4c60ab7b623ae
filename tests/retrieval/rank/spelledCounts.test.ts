import { describe, expect, it } from 'vitest';
import { hasSpelledCountOf } from '../../../src/retrieval/rank/spelledCounts.ts';

const isTeam = (term: string) => term === 'team';

describe('counts spelt in words', () => {
  it('finds a number word before the counted noun, within reach', () => {
    expect(hasSpelledCountOf('They joined one of four teams that made it.', 3, isTeam)).toBe(true);
    expect(hasSpelledCountOf('Two thousand fans and a dozen visiting teams came.', 3, isTeam)).toBe(true);
    expect(hasSpelledCountOf('Seven Teams entered.', 1, isTeam)).toBe(true);
  });

  it('does not take a noun out of reach, across a sentence stop, or a count of something else', () => {
    expect(hasSpelledCountOf('Seven players from the visiting teams came.', 3, isTeam)).toBe(false);
    expect(hasSpelledCountOf('They scored seven. Teams left.', 3, isTeam)).toBe(false);
    expect(hasSpelledCountOf('They scored seven goals.', 3, isTeam)).toBe(false);
    expect(hasSpelledCountOf('The 12 teams met.', 3, isTeam)).toBe(false);
    expect(hasSpelledCountOf('Someone left the teams.', 3, isTeam)).toBe(false);
  });
});

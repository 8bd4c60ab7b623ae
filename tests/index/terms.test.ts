import { describe, expect, it } from 'vitest';
import { TokenFlag, termsOf } from '../../src/index/terms.ts';
import { analyse } from '../../src/nlp/analyse.ts';

function documentTerms(text: string): string[] {
  return termsOf(
    analyse(text).flatMap((sentence) => sentence.tokens),
    'document',
  ).map((occurrence) => occurrence.term);
}

describe('index terms', () => {
  it('indexes a word that is also a property of every JavaScript object ("constructor")', () => {
    expect(documentTerms('The constructor of the bridge went bankrupt.')).toEqual([
      'constructor',
      'bridg',
      'go',
      'bankrupt',
    ]);
  });

  it('meets irregular forms with their base form and keeps the country apart from the pronoun', () => {
    expect(documentTerms('The US withdrew its troops and told us.')).toEqual(['us', 'withdraw', 'troop', 'tell']);
  });

  it("gives a possessive's clitic no term of its own", () => {
    const terms = documentTerms("Iraq’s parliament and Biden's plan met the troops' demands.");
    expect(terms).not.toContain('');
    expect(terms).toEqual(expect.arrayContaining(['iraq', 'parliament', 'biden', 'plan', 'troop']));
  });

  it('marks a country as a place, not as a name a who-question wants', () => {
    const occurrences = termsOf(
      analyse('Politico reported that Iraq and Syria will talk.').flatMap((sentence) => sentence.tokens),
      'document',
    );
    const flagsOf = (term: string) => occurrences.find((occurrence) => occurrence.term === term)!.flags;
    for (const country of ['iraq', 'syria']) {
      expect(flagsOf(country) & TokenFlag.country).toBe(TokenFlag.country);
      expect(flagsOf(country) & TokenFlag.properNoun).toBe(0);
    }
    expect(flagsOf('politico') & TokenFlag.properNoun).toBe(TokenFlag.properNoun);
    expect(flagsOf('politico') & TokenFlag.country).toBe(0);
  });

  it('leaves a country name used as an ordinary word alone', () => {
    const occurrences = termsOf(
      analyse('They ate turkey and rice.').flatMap((sentence) => sentence.tokens),
      'document',
    );
    expect(occurrences.find((occurrence) => occurrence.term === 'turkey')!.flags & TokenFlag.country).toBe(0);
  });
});

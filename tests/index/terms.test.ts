import { describe, expect, it } from 'vitest';
import { termsOf } from '../../src/index/terms.ts';
import { analyse } from '../../src/nlp/analyse.ts';

function documentTerms(text: string): string[] {
  return termsOf(analyse(text).flatMap((sentence) => sentence.tokens), 'document').map((occurrence) => occurrence.term);
}

describe('index terms', () => {
  it('indexes a word that is also a property of every JavaScript object ("constructor")', () => {
    expect(documentTerms('The constructor of the bridge went bankrupt.')).toEqual(['constructor', 'bridg', 'go', 'bankrupt']);
  });

  it('meets irregular forms with their base form and keeps the country apart from the pronoun', () => {
    expect(documentTerms('The US withdrew its troops and told us.')).toEqual(['us', 'withdraw', 'troop', 'tell']);
  });
});

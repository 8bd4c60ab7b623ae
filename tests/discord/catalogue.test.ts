import { beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/discord/catalogue.ts';
import { openLibrary } from '../../src/library/folder.ts';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = new Catalogue((await openLibrary('seeds')).engine);
});

describe('autocomplete catalogue', () => {
  it('offers sentences by id prefix', () => {
    const choices = catalogue.sentenceChoices('a3:10');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((choice) => choice.value.startsWith('a3:10'))).toBe(true);
    expect(choices[0]!.name).toMatch(/^a3:10\.\d+ — /);
  });

  it('offers sentences containing every typed word, at most 25', () => {
    const choices = catalogue.sentenceChoices('troops iraq');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.toLowerCase()).toMatch(/troops/);
  });

  it('finds an article by key, by its exact title, or by words only it contains', () => {
    expect(catalogue.findArticle('a2')?.key).toBe('a2');
    expect(catalogue.findArticle('Report: US Mission in Iraq to Shift to ‘Advisory’ Role')?.key).toBe('a1');
    expect(catalogue.findArticle('reduced us presence')?.key).toBe('a3');
    // Words in several titles pick out none.
    expect(catalogue.findArticle('iraq')).toBeUndefined();
    expect(catalogue.findArticle('')).toBeUndefined();
  });
});

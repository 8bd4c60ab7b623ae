/**
 * The libraries the bench compares Citebot with, as it sets them up: each must find the
 * sentence a question is plainly about, and come back from its serialised form ranking the
 * same (the bench reports their reload time, which means nothing if the reload is broken).
 */
import { describe, expect, it } from 'vitest';
import { createLibrary, libraryNames } from '../../src/bench/libraries.ts';

const sentences = [
  'The approved ceiling of troops is 4,647.',
  'Kadhimi met Biden at the White House on Monday.',
  'The militias threatened to attack American bases.',
  'Rockets struck the airport in Erbil late on Sunday.',
  'The lighthouse keeper counted ships passing the harbour.',
];

describe.each(libraryNames)('%s as the bench sets it up', (name) => {
  it('ranks first the sentence the question is plainly about, even with question punctuation', async () => {
    const library = createLibrary(name);
    await library.build(sentences);
    expect(library.search('Where did the rockets strike the airport?', 5)[0]).toBe(3);
    expect(library.search('what is the troop ceiling', 5)[0]).toBe(0);
  });

  it('returns at most the number of results asked for', async () => {
    const library = createLibrary(name);
    await library.build(sentences);
    expect(library.search('the troops the militias the ships the airport', 2).length).toBeLessThanOrEqual(2);
  });

  it('ranks the same after its index is serialised and loaded again', async () => {
    const library = createLibrary(name);
    await library.build(sentences);
    const reloaded = createLibrary(name);
    await reloaded.load(await library.serialise());
    for (const question of ['Who met Biden at the White House?', 'militias threatened bases', 'harbour ships']) {
      expect(reloaded.search(question, 5)).toEqual(library.search(question, 5));
    }
  });
});

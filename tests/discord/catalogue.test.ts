import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../../src/discord/catalogue.ts';
import { ServerDirectory, ServerView } from '../../src/discord/servers.ts';
import { openLibrary } from '../../src/library/folder.ts';
import type { QuoteEngine } from '../../src/retrieval/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { defaultServerSettings } from '../../src/store/serverSettings.ts';
import type { Store } from '../../src/store/store.ts';
import { seedsDir } from '../helpers.ts';
import { temporaryFolder } from '../store/backends.ts';

let catalogue: Catalogue;
let storeFolder: Awaited<ReturnType<typeof temporaryFolder>>;
let store: Store;
let shared: QuoteEngine;
/** A server's engine: the seed articles, then two of its own. */
let server: QuoteEngine;

beforeAll(async () => {
  catalogue = new Catalogue((await openLibrary('seeds')).engine);
  storeFolder = await temporaryFolder();
  store = await openStore(`sqlite://${join(storeFolder.path, 'citebot.sqlite')}`);
  const servers = await ServerDirectory.open(store, seedsDir);
  const guild = '100000000000000001';
  const own = {
    'troops.txt':
      'Troop levels\n\nThe troops in Iraq will be home by spring, the minister said.\n\nRefuelling starts in March.\n',
    'harbour.txt': 'Harbour works\n\nThe harbour wall will be raised by a metre.\n',
  };
  for (const [name, text] of Object.entries(own))
    expect((await servers.articles.add(guild, name, new TextEncoder().encode(text), 'admin')).ok).toBe(true);
  shared = servers.shared.engine;
  server = (await servers.viewFor(guild)).engine;
  expect(server).not.toBe(shared);
});

afterAll(async () => {
  await store?.close();
  await storeFolder?.remove();
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

describe('a server’s catalogue over the shared one', () => {
  const keyOf = (title: string) => server.articles.find((article) => article.title === title)!.key;

  it('offers what a catalogue of the server’s whole engine offers, in the same order', () => {
    const base = new Catalogue(shared);
    const layered = new Catalogue(server, base);
    const whole = new Catalogue(server);
    const [troops, harbour] = [keyOf('Troop levels'), keyOf('Harbour works')];
    const notA1 = (key: string) => key !== 'a1';
    const typings = ['', 'troops', 'troops iraq', 'harbour', 'a1', 'a3:1', 'the', 'minister said', troops, harbour];
    typings.push(
      `${troops}:`,
      `${troops}:1`,
      `[${harbour}:1.`,
      'refuelling',
      'iraq',
      'Troop levels',
      'harbour works',
      'zzz',
    );
    for (const typed of typings) {
      for (const visible of [undefined, notA1]) {
        expect(layered.sentenceChoices(typed, visible)).toEqual(whole.sentenceChoices(typed, visible));
        expect(layered.articleChoices(typed, visible)).toEqual(whole.articleChoices(typed, visible));
        expect(layered.findArticle(typed, visible)).toBe(whole.findArticle(typed, visible));
      }
    }
    // The server's own entries are found, after the shared ones.
    expect(layered.findArticle('harbour works')?.key).toBe(harbour);
    expect(layered.sentenceChoices(`${troops}:`)).toHaveLength(3);
    const troopsChoices = layered.articleChoices('troop').map((choice) => choice.value);
    expect(troopsChoices.at(-1)).toBe(troops);
    expect(troopsChoices.length).toBeGreaterThan(1);
  });

  it('holds only the server’s own sentences, however many servers share the base', () => {
    const base = new Catalogue(shared);
    expect(base.ownSentenceCount).toBe(shared.sentenceCount);
    const ownSentences = server.sentenceCount - shared.sentenceCount;
    expect(ownSentences).toBe(5);
    const servers = Array.from({ length: 20 }, () => new Catalogue(server, base));
    for (const layered of servers) {
      expect(layered.ownSentenceCount).toBe(ownSentences);
      expect(layered.sentenceCount).toBe(server.sentenceCount);
    }
    // Without the shared catalogue, the server's holds every sentence of its engine.
    expect(new Catalogue(server).ownSentenceCount).toBe(server.sentenceCount);
    // A base the engine does not start with is not looked in.
    const unrelated = new Catalogue(server, new Catalogue(server));
    expect(new Catalogue(shared, unrelated).ownSentenceCount).toBe(shared.sentenceCount);
  });

  it('is built when autocomplete or an article name first needs it, not for a question', () => {
    let built = 0;
    const view = new ServerView(
      '100000000000000001',
      server,
      () => {
        built += 1;
        return new Catalogue(server);
      },
      defaultServerSettings,
      new Set(shared.articles.map((article) => article.key)),
    );
    expect(view.ask('How many troops are going to Iraq?', { top: 3, offset: 0 }).answered).toBe(true);
    expect(view.sentence('a1:1.1')).toBeDefined();
    expect(built).toBe(0);
    expect(view.articleChoices('harbour')).toHaveLength(1);
    expect(built).toBe(1);
  });
});

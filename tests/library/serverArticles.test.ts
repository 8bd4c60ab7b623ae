import { createHash } from 'node:crypto';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openLibraryWithStore, type StoredLibrary } from '../../src/library/folder.ts';
import type { Namespace, Store } from '../../src/store/store.ts';
import { ServerArticles } from '../../src/library/serverArticles.ts';
import { searchableArticleKeys, ServerLibraries } from '../../src/library/serverLibraries.ts';
import { inProcessAnalyser, type CorpusAnalyser } from '../../src/library/analysisJobs.ts';
import {
  legacyServerScope,
  loadOrBuildIndex,
  scopeIndexHash,
  serverScope,
  storedScopeIndex,
} from '../../src/library/storedIndex.ts';
import { keepLink, linkKey, storedLinkOf, type LinkedIndexes } from '../../src/library/storedLink.ts';
import type { AppendLink } from '../../src/index/append.ts';
import { ServerSettingsStore } from '../../src/store/serverSettings.ts';
import { describeEachBackend, temporaryFolder } from '../store/backends.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** A property of `target`, its methods bound to it (for a proxy in front of it). */
function bound(target: object, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
const lighthouse = 'Lighthouse restored\n\nThe Kallur lighthouse was restored by volunteers over three summers.\n';

/** An article of a title and `count - 1` short sentences, one per line: `count` sentences in all. */
function sentences(title: string, count: number): string {
  return [title, '', ...Array.from({ length: count - 1 }, (_, n) => `Ox${n} n ran.`)].join('\n');
}

describeEachBackend('server articles', (backend) => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let store: Store;
  let shared: StoredLibrary;
  let articles: ServerArticles;
  let libraries: ServerLibraries;

  beforeEach(async () => {
    folder = await temporaryFolder();
    await cp('seeds', folder.path, { recursive: true });
    store = await backend.open();
    shared = await openLibraryWithStore(folder.path, store);
    articles = new ServerArticles(store, shared.corpus);
    libraries = new ServerLibraries(store, shared, articles);
  });
  afterEach(async () => {
    await libraries.settled();
    await folder.remove();
  });

  it('answers a server from its own article as well as the shared ones; another server never sees it', async () => {
    const added = await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'admin-1');
    expect(added).toMatchObject({
      ok: true,
      replaced: false,
      article: { file: 'lighthouse.txt', title: 'Lighthouse restored' },
    });
    const g1 = await libraries.engineFor('g1');
    const answer = g1.ask('Who restored the Kallur lighthouse?');
    expect(answer.answered && answer.quotes[0]?.text).toBe(
      'The Kallur lighthouse was restored by volunteers over three summers.',
    );
    expect(g1.articles).toHaveLength(shared.engine.articles.length + 1);
    // Scores shift a little with one more article in the statistics; the quote does not.
    const sharedAnswer = g1.ask('How many American troops will be sent to Iraq?');
    const sharedOnly = shared.engine.ask('How many American troops will be sent to Iraq?');
    expect(sharedAnswer.answered && sharedAnswer.quotes[0]?.main.id).toBe(
      sharedOnly.answered && sharedOnly.quotes[0]?.main.id,
    );
    expect(sharedOnly.answered).toBe(true);

    const g2 = await libraries.engineFor('g2');
    expect(g2).toBe(shared.engine);
    expect(g2.ask('Who restored the Kallur lighthouse?').answered).toBe(false);
  });

  it('keeps shared articles’ citation ids unchanged when a server adds its own', async () => {
    await articles.add('g1', '001-harbour.txt', encode('Harbour news\n\nThe harbour reopened on Monday.\n'), 'admin-1');
    const g1 = await libraries.engineFor('g1');
    for (const sentence of shared.engine.index.sentences) expect(g1.sentence(sentence.id)?.text).toBe(sentence.text);
    const own = (await articles.list('g1'))[0]!;
    expect(shared.engine.article(own.key)).toBeUndefined();
  });

  it('refuses files that would be refused from the folder, and names that clash, saying why', async () => {
    expect(await articles.add('g1', 'notes.pdf', encode('%PDF-1.4'), 'a')).toEqual({
      ok: false,
      reason: expect.stringContaining('unsupported file type ".pdf"'),
    });
    expect(await articles.add('g1', 'empty.txt', new Uint8Array(0), 'a')).toEqual({
      ok: false,
      reason: 'the file is empty',
    });
    expect(await articles.add('g1', 'latin1.txt', Uint8Array.from([0x54, 0xe9, 0x74, 0xe9, 0x0a]), 'a')).toEqual({
      ok: false,
      reason: 'the file is not UTF-8 text',
    });
    expect(await articles.add('g1', '../escape.txt', encode(lighthouse), 'a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not usable'),
    });
    const small = new ServerArticles(store, shared.corpus, { maxBytes: 20, maxArticles: 1 });
    expect(await small.add('g1', 'long.txt', encode(lighthouse), 'a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('over the 20 B limit'),
    });
    const sharedFile = shared.corpus.files[0]!.file;
    expect(await articles.add('g1', sharedFile, encode(lighthouse), 'a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('a shared article is already called'),
    });
    const limited = new ServerArticles(store, shared.corpus, { maxBytes: 100_000, maxArticles: 1 });
    expect((await limited.add('g1', 'one.txt', encode(lighthouse), 'a')).ok).toBe(true);
    expect(await limited.add('g1', 'two.txt', encode(lighthouse), 'a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('remove one first'),
    });
  });

  it('replaces an article added again under the same name, and removes one by name or key', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    const replaced = await articles.add(
      'g1',
      'lighthouse.txt',
      encode('Lighthouse sold\n\nThe Kallur lighthouse was sold to a hotel chain.\n'),
      'a',
    );
    expect(replaced).toMatchObject({ ok: true, replaced: true });
    const engine = await libraries.engineFor('g1');
    const answer = engine.ask('What happened to the Kallur lighthouse?');
    expect(answer.answered && answer.quotes[0]?.text).toBe('The Kallur lighthouse was sold to a hotel chain.');

    await articles.add('g1', 'ferries.txt', encode('Ferries\n\nThe ferry workers ended their strike.\n'), 'a');
    const key = (await articles.list('g1')).find((article) => article.file === 'ferries.txt')!.key;
    expect((await articles.remove('g1', key))?.file).toBe('ferries.txt');
    expect((await articles.remove('g1', 'lighthouse.txt'))?.file).toBe('lighthouse.txt');
    expect(await articles.remove('g1', 'lighthouse.txt')).toBeUndefined();
    expect(await articles.list('g1')).toEqual([]);
    expect(await libraries.engineFor('g1')).toBe(shared.engine);
  });

  it('loads a server’s index from the store after a restart', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await libraries.engineFor('g1');
    const restartedStore = await backend.open();
    const restartedShared = await openLibraryWithStore(folder.path, restartedStore);
    const restartedArticles = new ServerArticles(restartedStore, restartedShared.corpus);
    const restarted = new ServerLibraries(restartedStore, restartedShared, restartedArticles);
    expect(restartedShared.indexSource).toBe('stored');
    const engine = await restarted.engineFor('g1');
    expect(engine.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
  });

  it('finds a server’s stored index after a restart from its article list, without reading the articles’ texts', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await libraries.engineFor('g1');
    const restartedShared = await openLibraryWithStore(folder.path, store);
    const restartedArticles = new ServerArticles(store, restartedShared.corpus);
    const textsRead = vi.spyOn(restartedArticles, 'sourceFiles');
    const engine = await new ServerLibraries(store, restartedShared, restartedArticles).engineFor('g1');
    expect(engine.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
    expect(textsRead).not.toHaveBeenCalled();
  });

  /** An analyser that counts the indexes it builds, by queue (a server's id, or 'shared'). */
  function countingAnalyser(): { analyser: CorpusAnalyser; builds: string[] } {
    const builds: string[] = [];
    return {
      builds,
      analyser: {
        ...inProcessAnalyser,
        indexCorpus: (queue, job) => (builds.push(queue), inProcessAnalyser.indexCorpus(queue, job)),
      },
    };
  }

  /** A ServerLibraries (as another process would make) over `on` and `over`, counting the indexes it builds. */
  function countingLibraries(on: Store, over: StoredLibrary) {
    const counting = countingAnalyser();
    const made = new ServerLibraries(on, over, new ServerArticles(on, over.corpus), { analyser: counting.analyser });
    return { libraries: made, builds: counting.builds };
  }

  it('stores for a server an index of its own articles alone, and loads it after a restart without building', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await libraries.engineFor('g1');
    const stored = await storedScopeIndex(store, serverScope('g1'));
    expect(stored?.index.articles.map((article) => article.file)).toEqual(['lighthouse.txt']);
    const sharedStored = (await storedScopeIndex(store, `shared:${folder.path}`))!;
    expect(stored!.bytes).toBeLessThan(sharedStored.bytes / 10);

    const restartedStore = await backend.open();
    const restartedShared = await openLibraryWithStore(folder.path, restartedStore);
    const counting = countingAnalyser();
    const restartedArticles = new ServerArticles(restartedStore, restartedShared.corpus);
    const restarted = new ServerLibraries(restartedStore, restartedShared, restartedArticles, {
      analyser: counting.analyser,
    });
    const engine = await restarted.engineFor('g1');
    expect(counting.builds).toEqual([]);
    expect(engine.articles).toHaveLength(restartedShared.engine.articles.length + 1);
    const answer = engine.ask('Who restored the Kallur lighthouse?');
    expect(answer.answered && answer.quotes[0]?.text).toBe(
      'The Kallur lighthouse was restored by volunteers over three summers.',
    );
  });

  it('rebuilds only the shared index when a shared article changes; servers keep their own index', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await libraries.engineFor('g1');
    await writeFile(
      join(folder.path, '010-ferries.txt'),
      'Ferries\n\nThe ferry workers of Kallur ended their strike on Friday.\n',
    );
    const counting = countingAnalyser();
    const changed = await openLibraryWithStore(folder.path, store, {}, counting.analyser);
    expect(counting.builds).toEqual(['shared']);
    const after = new ServerLibraries(store, changed, new ServerArticles(store, changed.corpus), {
      analyser: counting.analyser,
    });
    const engine = await after.engineFor('g1');
    expect(counting.builds).toEqual(['shared']);
    const ferries = engine.ask('When did the ferry workers end their strike?');
    expect(ferries.answered && ferries.quotes[0]?.text).toBe(
      'The ferry workers of Kallur ended their strike on Friday.',
    );
    const own = engine.ask('Who restored the Kallur lighthouse?');
    expect(own.answered && own.quotes[0]?.text).toBe(
      'The Kallur lighthouse was restored by volunteers over three summers.',
    );
  });

  /** The two indexes a server's link joins: its own index now, and `sharedIndex`. */
  async function linkedTo(guildId: string, sharedIndex: string): Promise<LinkedIndexes> {
    return { serverIndex: (await scopeIndexHash(store, serverScope(guildId)))!, sharedIndex };
  }

  /** The server's link to `sharedIndex` once kept (kept without being waited for). */
  async function keptLink(guildId: string, sharedIndex: string) {
    const linked = await linkedTo(guildId, sharedIndex);
    const link = await vi.waitFor(
      async () => {
        const kept = await storedLinkOf(store, serverScope(guildId), linked);
        if (!kept) throw new Error(`no link kept for ${guildId} yet`);
        return kept;
      },
      { timeout: 5_000 },
    );
    return { link, linked };
  }

  /** The server's link with its second sentence grouped with its first, as no grouping would. */
  function regrouped(link: AppendLink): AppendLink {
    const groups = link.groups.slice();
    groups[1] = shared.engine.index.sentences.length;
    return { termMap: link.termMap, groups };
  }

  /** The group of the server's second sentence, after a restart. */
  async function secondSentenceGroupAfterRestart(guildId: string): Promise<number> {
    const restartedShared = await openLibraryWithStore(folder.path, store);
    const restarted = new ServerLibraries(store, restartedShared, new ServerArticles(store, restartedShared.corpus));
    return (await restarted.engineFor(guildId)).index.sentenceGroup[shared.engine.index.sentences.length + 1]!;
  }

  it('keeps a server’s link to the shared index, and a restart appends with it rather than working it out', async () => {
    await articles.add('g1', 'oxen.txt', encode(sentences('Oxen', 5)), 'a');
    const g1 = await libraries.engineFor('g1');
    const { link, linked } = await keptLink('g1', shared.corpusHash);
    const own = (await storedScopeIndex(store, serverScope('g1')))!.index;
    expect(link.termMap).toHaveLength(own.vocabulary.length);
    expect(link.groups).toHaveLength(own.sentences.length);
    for (let t = 0; t < own.vocabulary.length; t += 1)
      expect(g1.index.termIds.get(own.vocabulary[t]!), own.vocabulary[t]).toBe(link.termMap[t]);

    // A link that groups otherwise is followed after a restart: it is read, not worked out.
    const first = shared.engine.index.sentences.length;
    expect(g1.index.sentenceGroup[first + 1]).toBe(first + 1);
    await keepLink(store, serverScope('g1'), linked, regrouped(link));
    expect(await secondSentenceGroupAfterRestart('g1')).toBe(first);
  });

  it('uses a kept link only for the server index and shared index it was made for, by this code', async () => {
    await articles.add('g1', 'oxen.txt', encode(sentences('Oxen', 5)), 'a');
    await libraries.engineFor('g1');
    const { link, linked } = await keptLink('g1', shared.corpusHash);
    const first = shared.engine.index.sentences.length;
    const others: Record<string, LinkedIndexes> = {
      'another index of the server': { ...linked, serverIndex: 'another' },
      'another shared index': { ...linked, sharedIndex: 'another' },
    };
    for (const [what, other] of Object.entries(others)) {
      await keepLink(store, serverScope('g1'), other, regrouped(link));
      expect(await storedLinkOf(store, serverScope('g1'), linked), what).toBeUndefined();
      expect(await secondSentenceGroupAfterRestart('g1'), what).toBe(first + 1);
      // The restart worked the link out and keeps it: written before the next one is.
      await keptLink('g1', shared.corpusHash);
    }
    await keepLink(store, serverScope('g1'), linked, regrouped(link));
    const record = (await store.keyv<Record<string, unknown>>('index').get(linkKey(serverScope('g1'))))!;
    await store.keyv('index').set(linkKey(serverScope('g1')), { ...record, madeBy: 'other code' });
    expect(await storedLinkOf(store, serverScope('g1'), linked)).toBeUndefined();
    expect(await secondSentenceGroupAfterRestart('g1')).toBe(first + 1);
  });

  it('works a server’s link out again when the one kept is damaged', async () => {
    await articles.add('g1', 'oxen.txt', encode(sentences('Oxen', 5)), 'a');
    const answer = (await libraries.engineFor('g1')).ask('Which ox ran?');
    const { link, linked } = await keptLink('g1', shared.corpusHash);
    const record = (await store.keyv<Record<string, unknown>>('index').get(linkKey(serverScope('g1'))))!;
    const damaged = [
      { ...record, termMap: 'not bytes' },
      { ...record, groups: Buffer.alloc(3) },
    ];
    for (const bad of damaged) {
      await store.keyv('index').set(linkKey(serverScope('g1')), bad);
      expect(await storedLinkOf(store, serverScope('g1'), linked)).toBeUndefined();
      const restarted = new ServerLibraries(store, shared, new ServerArticles(store, shared.corpus));
      expect((await restarted.engineFor('g1')).ask('Which ox ran?')).toEqual(answer);
      expect((await keptLink('g1', shared.corpusHash)).link).toEqual(link);
    }
  });

  it('works a server’s link out again, and keeps it, once the shared articles change; forgets it with the server’s articles', async () => {
    await articles.add('g1', 'oxen.txt', encode(sentences('Oxen', 5)), 'a');
    await libraries.engineFor('g1');
    const before = await keptLink('g1', shared.corpusHash);
    await writeFile(
      join(folder.path, '010-ferries.txt'),
      'Ferries\n\nThe ferry workers ended their strike on Friday.\n',
    );
    const changed = await openLibraryWithStore(folder.path, store);
    expect(changed.corpusHash).not.toBe(shared.corpusHash);
    const engine = await new ServerLibraries(store, changed, new ServerArticles(store, changed.corpus)).engineFor('g1');
    const { link } = await keptLink('g1', changed.corpusHash);
    const own = (await storedScopeIndex(store, serverScope('g1')))!.index;
    for (let t = 0; t < own.vocabulary.length; t += 1)
      expect(engine.index.termIds.get(own.vocabulary[t]!), own.vocabulary[t]).toBe(link.termMap[t]);
    // One record a server: the new link replaced the old.
    expect(await storedLinkOf(store, serverScope('g1'), before.linked)).toBeUndefined();

    await articles.remove('g1', 'oxen.txt');
    expect(await store.keyv('index').get(linkKey(serverScope('g1')))).toBeUndefined();
  });

  it('leaves no link behind when a server’s articles are removed while its link is being kept', async () => {
    // Link writes held back until released, as a slow store might.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const linkWritten = new Promise<void>((resolve) => (written = resolve));
    const slowLinks = new Proxy(store, {
      get(target, name) {
        if (name !== 'keyv') return bound(target, name);
        return (namespace: Namespace) =>
          new Proxy(target.keyv(namespace), {
            get(keyv, method) {
              if (method !== 'set') return bound(keyv, method);
              return async (key: string, ...rest: unknown[]) => {
                const isLink = key === linkKey(serverScope('g1'));
                if (isLink) await released;
                const result = await (keyv.set as (...args: unknown[]) => Promise<unknown>)(key, ...rest);
                if (isLink) written();
                return result;
              };
            },
          });
      },
    });
    await articles.add('g1', 'oxen.txt', encode(sentences('Oxen', 5)), 'a');
    await new ServerLibraries(slowLinks, shared, articles).engineFor('g1');
    await articles.remove('g1', 'oxen.txt');
    release();
    await linkWritten;
    await vi.waitFor(async () => expect(await store.keyv('index').get(linkKey(serverScope('g1')))).toBeUndefined());
  });

  it('sees, from another process on the same store (another shard), a server’s articles added and removed there, building nothing', async () => {
    const otherStore = await backend.open();
    const otherShared = await openLibraryWithStore(folder.path, otherStore);
    const { libraries: other, builds } = countingLibraries(otherStore, otherShared);
    expect(await other.engineFor('g1')).toBe(otherShared.engine);

    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await libraries.engineFor('g1');
    await keptLink('g1', shared.corpusHash);
    const seen = await other.engineFor('g1');
    const answer = seen.ask('Who restored the Kallur lighthouse?');
    expect(answer.answered && answer.quotes[0]?.text).toBe(
      'The Kallur lighthouse was restored by volunteers over three summers.',
    );
    // Its index was the one stored here: nothing was built there.
    expect(builds).toEqual([]);

    await articles.remove('g1', 'lighthouse.txt');
    expect(await other.engineFor('g1')).toBe(otherShared.engine);
  });

  it('keeps a server’s stored index when another server that added the same article removes it', async () => {
    for (const guild of ['g1', 'g2']) {
      await articles.add(guild, 'lighthouse.txt', encode(lighthouse), 'a');
      await libraries.engineFor(guild);
    }
    await articles.remove('g1', 'lighthouse.txt');
    expect(await libraries.engineFor('g1')).toBe(shared.engine);

    const { libraries: restarted, builds } = countingLibraries(store, shared);
    const engine = await restarted.engineFor('g2');
    expect(builds).toEqual([]);
    expect(engine.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
  });

  it('keeps a server’s analysed articles when another server that added the same article rebuilds without it', async () => {
    const ferries = encode('Ferries\n\nThe ferry workers of Kallur ended their strike on Friday.\n');
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await articles.add('g1', 'ferries.txt', ferries, 'a');
    await articles.add('g2', 'lighthouse.txt', encode(lighthouse), 'a');
    await Promise.all([libraries.engineFor('g1'), libraries.engineFor('g2')]);
    await articles.remove('g1', 'lighthouse.txt');
    await libraries.engineFor('g1');

    // g2 adds an article (analysed as it is added): its rebuild reads nothing with wink again.
    await articles.add('g2', 'ferries.txt', ferries, 'a');
    const built = await loadOrBuildIndex(store, serverScope('g2'), await articles.corpusFor('g2'));
    expect({ source: built.source, analysedCount: built.analysedCount }).toEqual({ source: 'built', analysedCount: 0 });
  });

  it('answers each server from its own articles, never from another server’s', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    await articles.add(
      'g2',
      'ferries.txt',
      encode('Ferries\n\nThe ferry workers of Kallur ended their strike on Friday.\n'),
      'a',
    );
    const [g1, g2] = await Promise.all([libraries.engineFor('g1'), libraries.engineFor('g2')]);
    expect(g1.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
    expect(g2.ask('When did the ferry workers end their strike?').answered).toBe(true);
    for (const [engine, other] of [
      [g1, 'ferry'],
      [g2, 'lighthouse'],
    ] as const) {
      expect(engine.search(`Kallur ${other}`, { top: 50 }).every((quote) => !quote.text.includes(other))).toBe(true);
      expect(engine.articles.map((article) => article.file)).not.toContain(
        other === 'ferry' ? 'ferries.txt' : 'lighthouse.txt',
      );
    }
  });

  it('appends a server whose engine was dropped from its small index in memory, unless that is over the sentence budget', async () => {
    for (const guild of ['g1', 'g2']) await articles.add(guild, 'lighthouse.txt', encode(lighthouse), 'a');
    const ownSentence = (engine: Awaited<ReturnType<ServerLibraries['engineFor']>>) =>
      engine.index.sentences.find((sentence) => sentence.text.includes('Kallur'))!;
    for (const [budget, kept] of [
      [1_000, true],
      [1, false],
    ] as const) {
      const oneEngine = new ServerLibraries(store, shared, articles, {
        caches: { engines: 1, indexes: 128, indexSentences: budget },
      });
      const first = await oneEngine.engineFor('g1');
      await oneEngine.engineFor('g2');
      const again = await oneEngine.engineFor('g1');
      expect(again).not.toBe(first);
      // The same sentence object: the small index was held; another: it was loaded from the store again.
      expect(ownSentence(again) === ownSentence(first)).toBe(kept);
      expect(again.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
    }
  });

  it('forgets the index an earlier version stored for a server (shared articles and its own) once its own is built', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    const own = await articles.corpusFor('g1');
    await loadOrBuildIndex(store, legacyServerScope('g1'), {
      files: [...shared.corpus.files, ...own.files],
      keys: new Map([...shared.corpus.keys, ...own.keys]),
    });
    expect(await storedScopeIndex(store, legacyServerScope('g1'))).toBeDefined();
    await libraries.engineFor('g1');
    expect(await storedScopeIndex(store, legacyServerScope('g1'))).toBeUndefined();
  });

  it('limits a server’s answers to the shared articles it has enabled, plus its own', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    const settings = new ServerSettingsStore(store);
    const [first, ...rest] = shared.engine.articles.map((article) => article.key);
    await settings.setSharedArticleEnabled('g1', first!, false);
    const own = (await articles.list('g1')).map((article) => article.key);
    const keys = searchableArticleKeys(
      await settings.get('g1'),
      shared.engine.articles.map((article) => article.key),
      own,
    );
    expect([...keys].sort()).toEqual([...rest, ...own].sort());
    const engine = await libraries.engineFor('g1');
    const answer = engine.search('Iraq troops', { articleKeys: keys, top: 20 });
    expect(answer.every((quote) => quote.main.articleKey !== first)).toBe(true);
  });

  it('keeps only the most recently asked servers’ engines in memory, reloading others from the store', async () => {
    const few = new ServerLibraries(store, shared, articles, { caches: { engines: 2 } });
    for (const guild of ['g1', 'g2', 'g3']) await articles.add(guild, 'lighthouse.txt', encode(lighthouse), 'a');
    const first = await few.engineFor('g1');
    const second = await few.engineFor('g2');
    expect(await few.engineFor('g1')).toBe(first);
    await few.engineFor('g3');
    // g2 was the least recently asked, so it was dropped; g1 stayed.
    expect(await few.engineFor('g1')).toBe(first);
    const reloaded = await few.engineFor('g2');
    expect(reloaded).not.toBe(second);
    expect(reloaded.ask('Who restored the Kallur lighthouse?').answered).toBe(true);
  });

  it('holds servers’ engines within a budget of their own sentences, however few servers that is', async () => {
    for (const guild of ['g1', 'g2']) await articles.add(guild, 'lighthouse.txt', encode(lighthouse), 'a');
    const own = (await articles.list('g1'))[0]!.sentences!;
    // Room for one server's articles: asking a second drops the first, though 64 engines may be held.
    const budgeted = new ServerLibraries(store, shared, articles, { caches: { engineSentences: own } });
    const first = await budgeted.engineFor('g1');
    expect(await budgeted.engineFor('g1')).toBe(first);
    const second = await budgeted.engineFor('g2');
    expect(await budgeted.engineFor('g2')).toBe(second);
    expect(await budgeted.engineFor('g1')).not.toBe(first);
  });

  /** Everything the store holds for a server's articles: its list and each listed text. */
  async function state(guildId: string) {
    return { list: await articles.list(guildId), files: await articles.sourceFiles(guildId) };
  }

  it('keeps a server within its budgets of sentences and bytes; a refused add changes nothing', async () => {
    const limited = new ServerArticles(store, shared.corpus, {
      maxArticleSentences: 6,
      maxServerSentences: 10,
      maxServerBytes: 400,
    });
    expect(await limited.add('g1', 'first.txt', encode(sentences('First', 4)), 'a')).toMatchObject({
      ok: true,
      article: { sentences: 4 },
    });
    expect(await limited.add('g1', 'second.txt', encode(sentences('Second', 6)), 'a')).toMatchObject({
      ok: true,
      article: { sentences: 6 },
    });
    const before = await state('g1');

    const overSentences = encode(sentences('Third', 2));
    expect(await limited.add('g1', 'third.txt', overSentences, 'a')).toEqual({
      ok: false,
      reason: "this server's articles would hold 12 sentences, over its 10 limit; remove an article first",
    });
    expect(await limited.add('g1', 'long.txt', encode(sentences('Long', 7)), 'a')).toEqual({
      ok: false,
      reason: 'the article has 7 sentences, over the 6 limit for one article',
    });
    const overBytes = encode(
      `Wordy\n\n${'The walrus swam far out into the cold grey sea, past the harbour wall and the lighthouse. '.repeat(4)}`,
    );
    const wouldTake = before.list.reduce((sum, article) => sum + article.bytes, 0) + overBytes.byteLength;
    expect(wouldTake).toBeGreaterThan(400);
    expect(await limited.add('g1', 'wordy.txt', overBytes, 'a')).toEqual({
      ok: false,
      reason: `this server's articles would take ${wouldTake} B, over its 400 B limit; remove an article first`,
    });
    expect(await state('g1')).toEqual(before);
    for (const refused of [overSentences, overBytes]) {
      expect(
        await store.keyv('server-articles').get(`g1/${createHash('sha256').update(refused).digest('hex')}`),
      ).toBeUndefined();
    }
    // Another server has budgets of its own.
    expect((await limited.add('g2', 'third.txt', overSentences, 'a')).ok).toBe(true);

    // Replacing an article frees its share first; up to the budget exactly is allowed.
    expect(await limited.add('g1', 'second.txt', encode(sentences('Second, shorter', 4)), 'a')).toMatchObject({
      ok: true,
      replaced: true,
    });
    expect(await limited.add('g1', 'third.txt', overSentences, 'a')).toMatchObject({
      ok: true,
      article: { sentences: 2 },
    });
    expect((await limited.list('g1')).reduce((sum, article) => sum + (article.sentences ?? 0), 0)).toBe(10);
    expect((await libraries.engineFor('g1')).articles).toHaveLength(shared.engine.articles.length + 3);
  });

  it('holds each server to 20,000 sentences by default, saying so with the numbers', async () => {
    for (const name of ['One', 'Two'])
      expect(await articles.add('g1', `${name}.txt`, encode(sentences(name, 9_000)), 'a')).toMatchObject({
        ok: true,
        article: { sentences: 9_000 },
      });
    const before = await state('g1');
    expect(await articles.add('g1', 'three.txt', encode(sentences('Three', 2_500)), 'a')).toEqual({
      ok: false,
      reason: "this server's articles would hold 20,500 sentences, over its 20,000 limit; remove an article first",
    });
    expect(await articles.add('g1', 'huge.txt', encode(sentences('Huge', 10_001)), 'a')).toEqual({
      ok: false,
      reason: 'the article has 10,001 sentences, over the 10,000 limit for one article',
    });
    expect(await state('g1')).toEqual(before);
    expect((await articles.add('g1', 'three.txt', encode(sentences('Three', 2_000)), 'a')).ok).toBe(true);
  });

  it('keeps the analysis made when an article is added, so building the index reads nothing again', async () => {
    await articles.add('g1', 'lighthouse.txt', encode(lighthouse), 'a');
    const built = await loadOrBuildIndex(store, serverScope('g1'), await articles.corpusFor('g1'));
    expect({ source: built.source, analysedCount: built.analysedCount }).toEqual({ source: 'built', analysedCount: 0 });
    expect(built.index.sentences.map((sentence) => sentence.text)).toContain(
      'The Kallur lighthouse was restored by volunteers over three summers.',
    );
  });
});

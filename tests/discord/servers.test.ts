/**
 * What a server sees (ServerDirectory over a real SQLite store and a real articles folder):
 * the shared articles it has on, plus its own; never another server's, never one it turned off,
 * not even as an "also in" source of a near-duplicate sentence.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerDirectory } from '../../src/discord/servers.ts';
import { createHash } from 'node:crypto';
import { AnalysisWorkerError, WorkerAnalyser } from '../../src/library/analysisWorker.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { keepAnalysedArticle, serverScope } from '../../src/library/storedIndex.ts';
import { articlesFolder } from '../helpers.ts';
import { temporaryFolder } from '../store/backends.ts';

const sharedSentence = 'The Westbrook dam holds 90 million cubic metres of water, the council said.';
let folder: Awaited<ReturnType<typeof articlesFolder>>;
let storeFolder: Awaited<ReturnType<typeof temporaryFolder>>;
let store: Store;
let servers: ServerDirectory;

beforeAll(async () => {
  folder = await articlesFolder({
    '001_dam.txt': `Westbrook dam report\n\n${sharedSentence}\n\nInspectors found no cracks in the wall.\n`,
    '002_council.txt': `Council meeting notes\n\n${sharedSentence}\n\nThe meeting ended at nine.\n`,
  });
  storeFolder = await temporaryFolder();
  store = await openStore(`sqlite://${join(storeFolder.path, 'citebot.sqlite')}`);
  servers = await ServerDirectory.open(store, folder.dir);
});

afterAll(async () => {
  await store?.close();
  await storeFolder?.remove();
  await folder?.cleanup();
});

const question = 'How much water does the Westbrook dam hold?';

describe('a server’s view of the articles', () => {
  it('names every article that carries a near-duplicate sentence, by default', async () => {
    const answer = (await servers.viewFor('100000000000000001')).ask(question, { top: 3, offset: 0 });
    expect(answer.answered && answer.quotes[0]!.sources.map((source) => source.article.key).sort()).toEqual([
      'a1',
      'a2',
    ]);
  });

  it('leaves out a shared article the server turned off, even as an "also in" source', async () => {
    await servers.settings.setSharedArticleEnabled('100000000000000002', 'a2', false);
    const view = await servers.viewFor('100000000000000002');
    const answer = view.ask(question, { top: 3, offset: 0 });
    expect(
      answer.answered && answer.quotes.flatMap((quote) => quote.sources.map((source) => source.article.key)),
    ).toEqual(['a1']);
    expect(view.articles.map((article) => article.key)).toEqual(['a1']);
    expect(view.sentence('a2:1.1')).toBeUndefined();
    expect(view.findArticle('Council meeting notes')).toBeUndefined();
  });

  it('shows a server its own articles and no other server’s', async () => {
    const added = await servers.articles.add(
      '100000000000000003',
      'reservoir.txt',
      new TextEncoder().encode(
        'Reservoir levels\n\nThe Eastfield reservoir is 40 per cent full after the dry summer.\n',
      ),
      'admin',
    );
    expect(added.ok).toBe(true);
    const own = await servers.viewFor('100000000000000003');
    const other = await servers.viewFor('100000000000000001');
    const reservoir = 'How full is the Eastfield reservoir?';
    expect(JSON.stringify(own.ask(reservoir, { top: 3, offset: 0 }))).toContain('40 per cent full');
    expect(JSON.stringify(other.ask(reservoir, { top: 3, offset: 0 }))).not.toContain('40 per cent full');
    expect(other.articleChoices('reservoir')).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('answers from memory on every keystroke: a server’s own articles once its engine is loaded, never another’s', async () => {
    const guild = '100000000000000004';
    const added = await servers.articles.add(
      guild,
      'ferries.txt',
      new TextEncoder().encode('Ferry timetable\n\nThe Kallur ferry leaves the harbour at seven.\n'),
      'admin',
    );
    expect(added.ok).toBe(true);
    // Its engine is not held yet: the shared articles now, its own loaded for the next keystroke.
    expect(servers.viewFromMemory(guild).articleChoices('ferry')).toEqual([]);
    await servers.viewFor(guild);
    expect(
      servers
        .viewFromMemory(guild)
        .articleChoices('ferry')
        .map((choice) => choice.name),
    ).toEqual([`Ferry timetable (${added.ok ? added.article.key : ''})`]);
    expect(servers.viewFromMemory('100000000000000001').articleChoices('ferry')).toEqual([]);
  });
});

describe('with the analysis worker thread, as the bot runs', () => {
  const reservoir = 'Reservoir levels\n\nThe Eastfield reservoir is 40 per cent full after the dry summer.\n';
  let workerStoreFolder: Awaited<ReturnType<typeof temporaryFolder>>;
  let workerStore: Store;
  let analyser: WorkerAnalyser;
  let directory: ServerDirectory;

  beforeAll(async () => {
    workerStoreFolder = await temporaryFolder();
    workerStore = await openStore(`sqlite://${join(workerStoreFolder.path, 'citebot.sqlite')}`);
    analyser = new WorkerAnalyser();
    directory = await ServerDirectory.open(workerStore, folder.dir, analyser);
  });

  afterAll(async () => {
    await analyser?.close();
    await workerStore?.close();
    await workerStoreFolder?.remove();
  });

  it('reads the shared articles and a server’s own in the worker', async () => {
    expect(directory.shared.engine.articles.map((article) => article.key)).toEqual(['a1', 'a2']);
    expect(
      (
        await directory.articles.add(
          '100000000000000005',
          'reservoir.txt',
          new TextEncoder().encode(reservoir),
          'admin',
        )
      ).ok,
    ).toBe(true);
    expect(
      JSON.stringify(
        (await directory.viewFor('100000000000000005')).ask('How full is the Eastfield reservoir?', {
          top: 3,
          offset: 0,
        }),
      ),
    ).toContain('40 per cent full');
  });

  it('gives a failure in the worker back as an error, and goes on serving every server', async () => {
    const guild = '100000000000000006';
    const text = reservoir.replace('40 per cent', '35 per cent');
    const bytes = new TextEncoder().encode(text);
    const added = await directory.articles.add(guild, 'reservoir.txt', bytes, 'admin');
    if (!added.ok) throw new Error(added.reason);
    // The analysis kept for the index build is damaged, so the build fails in the worker.
    const source = { file: 'reservoir.txt', digest: createHash('sha256').update(bytes).digest('hex'), text };
    await keepAnalysedArticle(workerStore, serverScope(guild), source, added.article.key, new Uint8Array([1, 2, 3, 4]));
    await expect(directory.viewFor(guild)).rejects.toThrow(AnalysisWorkerError);

    expect(
      (
        await directory.articles.add(
          '100000000000000007',
          'reservoir.txt',
          new TextEncoder().encode(reservoir.replace('40 per cent', '30 per cent')),
          'admin',
        )
      ).ok,
    ).toBe(true);
    expect((await directory.viewFor('100000000000000007')).engine.articles).toHaveLength(3);
    expect(analyser.threadsStarted).toBe(1);
  });
});

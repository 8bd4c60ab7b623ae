import { createHash } from 'node:crypto';
import { appendFile, cp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibrary, openLibraryWithStore } from '../../src/library/folder.ts';
import { analysisFingerprint, loadOrBuildIndex } from '../../src/library/storedIndex.ts';
import type { Store } from '../../src/store/store.ts';
import { QuoteEngine } from '../../src/retrieval/engine.ts';
import { describeEachBackend, temporaryFolder } from '../store/backends.ts';

const questions = [
  'How many American troops will be sent to Iraq?',
  'Which group controls Mosul?',
  'Who is the prime minister of Iraq?',
];

/** The citation ids and text of every quote, per question: what a user is shown. */
function answersOf(engine: QuoteEngine) {
  return questions.map((question) => {
    const answer = engine.ask(question);
    return answer.answered
      ? answer.quotes.map((quote) => ({ text: quote.text, ids: quote.sources.map((source) => source.citationIds) }))
      : answer.reason;
  });
}

async function namespaceKeys(store: Store, namespace: 'index' | 'analysed-articles'): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of store.keyv(namespace).iterator!(undefined)) keys.push(String(key));
  return keys;
}

describeEachBackend('the stored index', (backend) => {
  let articles: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeEach(async () => {
    articles = await temporaryFolder();
    await cp('seeds', articles.path, { recursive: true });
  });
  afterEach(async () => {
    await articles.remove();
  });

  it('is built on the first start and loaded, without reading the articles with wink, on the next', async () => {
    const store = await backend.open();
    const first = await openLibraryWithStore(articles.path, store);
    expect(first.indexSource).toBe('built');
    expect(first.analysedCount).toBe((await readdir(articles.path)).length);
    const second = await openLibraryWithStore(articles.path, store);
    expect(second.indexSource).toBe('stored');
    expect(second.analysedCount).toBe(0);
    const fresh = await openLibrary(articles.path);
    expect(answersOf(second.engine)).toEqual(answersOf(fresh.engine));
    expect(second.engine.index.sentences.map((sentence) => sentence.id)).toEqual(
      fresh.engine.index.sentences.map((sentence) => sentence.id),
    );
  });

  it('survives a restart of the process: a new connection finds the stored index', async () => {
    const before = await backend.open();
    await openLibraryWithStore(articles.path, before);
    await before.close();
    const after = await backend.open();
    expect((await openLibraryWithStore(articles.path, after)).indexSource).toBe('stored');
  });

  it('re-reads only a changed file, and answers from its new text', async () => {
    const store = await backend.open();
    await openLibraryWithStore(articles.path, store);
    const [firstFile] = (await readdir(articles.path)).sort();
    await appendFile(
      join(articles.path, firstFile!),
      '\n\nThe zeppelin fleet of Lake Constance numbered eleven airships in total.\n',
    );
    const changed = await openLibraryWithStore(articles.path, store);
    expect(changed.indexSource).toBe('built');
    expect(changed.analysedCount).toBe(1);
    const answer = changed.engine.ask('How many airships were in the zeppelin fleet?');
    expect(answer.answered && answer.quotes[0]?.text).toBe(
      'The zeppelin fleet of Lake Constance numbered eleven airships in total.',
    );
    expect(answersOf(changed.engine)).toEqual(answersOf((await openLibrary(articles.path)).engine));
  });

  it('indexes an added file and drops a removed one, reading only the added file', async () => {
    const store = await backend.open();
    await openLibraryWithStore(articles.path, store);
    await writeFile(
      join(articles.path, '050_ferries.txt'),
      'Ferry strike ends\n\nThe ferry workers of Piraeus ended their strike after nine days.\n',
    );
    const added = await openLibraryWithStore(articles.path, store);
    expect(added.analysedCount).toBe(1);
    expect(added.engine.sentence('a50:1.1')?.text).toBe(
      'The ferry workers of Piraeus ended their strike after nine days.',
    );

    const [firstFile] = (await readdir(articles.path)).sort();
    const removedKey = added.engine.articles.find((article) => article.file === firstFile)!.key;
    await rm(join(articles.path, firstFile!));
    const removed = await openLibraryWithStore(articles.path, store);
    expect(removed.indexSource).toBe('built');
    expect(removed.analysedCount).toBe(0);
    expect(removed.engine.article(removedKey)).toBeUndefined();
    expect(removed.engine.sentence('a50:1.1')).toBeDefined();
  });

  it('keeps one index per articles folder, deleting what a changed corpus no longer uses', async () => {
    const store = await backend.open();
    await openLibraryWithStore(articles.path, store);
    const [firstFile] = (await readdir(articles.path)).sort();
    for (let edit = 1; edit <= 3; edit += 1) {
      await appendFile(join(articles.path, firstFile!), `\n\nEdit number ${edit} adds this sentence.\n`);
      await openLibraryWithStore(articles.path, store);
    }
    // The index itself and the folder's pointer to it.
    expect(await namespaceKeys(store, 'index')).toHaveLength(2);
    expect(await namespaceKeys(store, 'analysed-articles')).toHaveLength((await readdir(articles.path)).length);
  });

  it('may read another scope’s analyses, without writing or deleting any, when asked to', async () => {
    const store = await backend.open();
    const library = await openLibraryWithStore(articles.path, store);
    const before = (await namespaceKeys(store, 'analysed-articles')).sort();
    const reusing = await loadOrBuildIndex(store, 'elsewhere', library.corpus, { reuseAnalysesOf: [library.scope] });
    expect(reusing.analysedCount).toBe(0);
    expect(answersOf(new QuoteEngine(reusing.index))).toEqual(answersOf(library.engine));
    expect((await namespaceKeys(store, 'analysed-articles')).sort()).toEqual(before);
    const alone = await loadOrBuildIndex(store, 'apart', library.corpus);
    expect(alone.analysedCount).toBe(library.corpus.files.length);
  });

  it('rebuilds once, and deletes, an index and analyses stored under keys without their scope', async () => {
    const store = await backend.open();
    const first = await openLibraryWithStore(articles.path, store);
    // How records were keyed before each scope kept its own: by content alone.
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const unscoped = (source: { file: string; digest: string }) =>
      `${source.file}\0${first.corpus.keys.get(source.file) ?? ''}\0${source.digest}`;
    const oldIndexKey = sha(`${analysisFingerprint()}\n${first.corpus.files.map((f) => `${unscoped(f)}\n`).join('')}`);
    const oldAnalysedKeys = first.corpus.files.map((source) => sha(`${analysisFingerprint()}\n${unscoped(source)}`));
    const indexes = store.keyv<unknown>('index');
    const analysed = store.keyv<unknown>('analysed-articles');
    const pointer = `scope:shared:${articles.path}`;
    const current = (await indexes.get(pointer)) as { corpusHash: string; analysedKeys: string[] };
    await indexes.set(oldIndexKey, await indexes.get(current.corpusHash));
    await indexes.delete(current.corpusHash);
    for (const [i, key] of current.analysedKeys.entries()) {
      await analysed.set(oldAnalysedKeys[i]!, await analysed.get(key));
      await analysed.delete(key);
    }
    await indexes.set(pointer, { corpusHash: oldIndexKey, analysedKeys: oldAnalysedKeys });

    const upgraded = await openLibraryWithStore(articles.path, store);
    expect({ source: upgraded.indexSource, analysed: upgraded.analysedCount }).toEqual({
      source: 'built',
      analysed: first.corpus.files.length,
    });
    expect(answersOf(upgraded.engine)).toEqual(answersOf(first.engine));
    expect(await namespaceKeys(store, 'index')).not.toContain(oldIndexKey);
    const analysedNow = await namespaceKeys(store, 'analysed-articles');
    expect(oldAnalysedKeys.filter((key) => analysedNow.includes(key))).toEqual([]);
    expect((await openLibraryWithStore(articles.path, store)).indexSource).toBe('stored');
  });

  it('reports a file that is not a valid article on every start, stored index or not', async () => {
    const store = await backend.open();
    await writeFile(join(articles.path, 'broken.json'), '{"title": "no closing brace"');
    const first = await openLibraryWithStore(articles.path, store);
    const second = await openLibraryWithStore(articles.path, store);
    expect(second.indexSource).toBe('stored');
    expect(first.warnings.map((warning) => warning.file)).toContain('broken.json');
    expect(second.warnings).toEqual(first.warnings);
  });

  it('rebuilds, rather than failing, when the stored index cannot be read', async () => {
    const store = await backend.open();
    await openLibraryWithStore(articles.path, store);
    const indexes = store.keyv<{ gzippedIndex?: Buffer }>('index');
    let damaged = 0;
    for (const key of await namespaceKeys(store, 'index')) {
      const record = await indexes.get(key);
      if (!record?.gzippedIndex) continue;
      // Cut short: what a disk or copy fault would leave.
      await indexes.set(key, {
        ...record,
        gzippedIndex: record.gzippedIndex.subarray(0, record.gzippedIndex.length >> 1),
      });
      damaged += 1;
    }
    expect(damaged).toBe(1);
    const reopened = await openLibraryWithStore(articles.path, store);
    expect(reopened.indexSource).toBe('built');
    expect(answersOf(reopened.engine)).toEqual(answersOf((await openLibrary(articles.path)).engine));
  });

  it('rebuilds when the stored bytes are not an index of this format', async () => {
    const store = await backend.open();
    const first = await openLibraryWithStore(articles.path, store);
    const indexes = store.keyv<{ gzippedIndex?: Buffer }>('index');
    for (const key of await namespaceKeys(store, 'index')) {
      const record = await indexes.get(key);
      if (record?.gzippedIndex)
        await indexes.set(key, { ...record, gzippedIndex: gzipSync('{"an index": "of some other program"}') });
    }
    const reopened = await openLibraryWithStore(articles.path, store);
    expect(reopened.indexSource).toBe('built');
    expect(reopened.analysedCount).toBe(0);
    expect(answersOf(reopened.engine)).toEqual(answersOf(first.engine));
  });
});

/**
 * The analysis worker thread (a real worker_threads Worker running the TypeScript through
 * tsx): its jobs give what the same jobs give in this thread; a job that fails comes back as
 * an error without losing the thread; a thread that dies is replaced; and one asker's queued
 * jobs do not run ahead of another asker's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/corpus/load.ts';
import type { ArticleKey } from '../../src/corpus/types.ts';
import { deserialiseIndex } from '../../src/index/serialise.ts';
import {
  AnalysisTimeoutError,
  runArticleJob,
  runIndexJob,
  unpack,
  type ArticleJob,
} from '../../src/library/analysisJobs.ts';
import { AnalysisWorkerError, WorkerAnalyser } from '../../src/library/analysisWorker.ts';

const key = 'k1' as ArticleKey;
const lighthouse: SourceFile = {
  file: 'lighthouse.txt',
  digest: 'd1',
  text: 'Lighthouse restored\n\nThe Kallur lighthouse was restored by volunteers over three summers.\n',
};
const ferry: SourceFile = {
  file: 'ferry.txt',
  digest: 'd2',
  text: 'Ferry news\n\nThe ferry left at 7:15. It was full.\n',
};
const articleJob = (source: SourceFile): ArticleJob => ({ source, key, maxSentences: 10_000 });

/** An article of many tiny sentences: a few seconds of wink, and a few hundred MB of heap. */
function tinySentences(bytes: number): SourceFile {
  const lines = ['Tiny sentences', ''];
  let length = 0;
  for (let n = 0; length < bytes; n += 1) {
    const line = `Ox${n} n ran.`;
    lines.push(line);
    length += line.length + 1;
  }
  return { file: 'tiny.txt', digest: 'd3', text: lines.join('\n') };
}

let analyser: WorkerAnalyser | undefined;
afterEach(async () => {
  await analyser?.close();
  analyser = undefined;
});

describe('WorkerAnalyser', () => {
  it('reads an article and builds an index in the worker exactly as in this thread', async () => {
    analyser = new WorkerAnalyser();
    const inWorker = await analyser.analyseArticle('g1', articleJob(lighthouse));
    const here = runArticleJob(articleJob(lighthouse));
    expect(inWorker.ok && here.ok).toBe(true);
    if (!inWorker.ok || !here.ok) return;
    expect({ title: inWorker.title, sentences: inWorker.sentences }).toEqual({
      title: 'Lighthouse restored',
      sentences: 2,
    });
    expect(unpack(inWorker.gzippedArticle).toString('utf8')).toBe(unpack(here.gzippedArticle).toString('utf8'));

    const job = {
      entries: [
        { file: lighthouse.file, stored: { gzippedArticle: here.gzippedArticle } },
        { file: ferry.file, source: ferry },
      ],
      keys: new Map([
        [lighthouse.file, key],
        [ferry.file, 'k2' as ArticleKey],
      ]),
    };
    const built = await analyser.indexCorpus('g1', job);
    const expected = runIndexJob(job);
    expect(built.index).toBeUndefined();
    expect(built.fresh.map((fresh) => fresh.entry)).toEqual([1]);
    expect(Buffer.from(built.serialisedIndex).equals(Buffer.from(expected.serialisedIndex))).toBe(true);
    expect(deserialiseIndex(built.serialisedIndex).sentences.map((sentence) => sentence.text)).toContain(
      'The ferry left at 7:15.',
    );
  });

  it('refuses an article over the sentence limit, and one that is not an article, as results', async () => {
    analyser = new WorkerAnalyser();
    expect(await analyser.analyseArticle('g1', { ...articleJob(ferry), maxSentences: 2 })).toEqual({
      ok: false,
      reason: 'the article has 3 sentences, over the 2 limit for one article',
    });
    expect(
      await analyser.analyseArticle('g1', articleJob({ file: 'blank.txt', digest: 'd', text: '\n\n   \n' })),
    ).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('rejects a job that throws, and goes on with the same thread', async () => {
    analyser = new WorkerAnalyser();
    const damaged = {
      entries: [{ file: lighthouse.file, stored: { gzippedArticle: new Uint8Array([1, 2, 3, 4]) } }],
      keys: new Map([[lighthouse.file, key]]),
    };
    await expect(analyser.indexCorpus('g1', damaged)).rejects.toThrow(AnalysisWorkerError);
    expect((await analyser.analyseArticle('g1', articleJob(lighthouse))).ok).toBe(true);
    expect(analyser.threadsStarted).toBe(1);
  });

  it('replaces a thread that runs out of memory: the job fails, the next one runs', async () => {
    analyser = new WorkerAnalyser({ maxHeapMb: 96 });
    await expect(analyser.analyseArticle('g1', articleJob(tinySentences(2 * 1024 * 1024)))).rejects.toThrow(
      /analysis worker/,
    );
    expect((await analyser.analyseArticle('g1', articleJob(lighthouse))).ok).toBe(true);
    expect(analyser.threadsStarted).toBe(2);
  });

  it('stops and replaces a thread that reads one attachment for too long', async () => {
    analyser = new WorkerAnalyser({ articleTimeoutMs: 50 });
    await expect(analyser.analyseArticle('g1', articleJob(tinySentences(2 * 1024 * 1024)))).rejects.toThrow(
      AnalysisTimeoutError,
    );
    await expect(
      analyser.indexCorpus('g1', {
        entries: [{ file: ferry.file, source: ferry }],
        keys: new Map([[ferry.file, key]]),
      }),
    ).resolves.toMatchObject({ warnings: [] });
    expect(analyser.threadsStarted).toBe(2);
  });

  it('stops a thread left idle, and starts another for the next job', async () => {
    analyser = new WorkerAnalyser({ idleMs: 10 });
    expect((await analyser.analyseArticle('g1', articleJob(lighthouse))).ok).toBe(true);
    expect((await analyser.analyseArticle('g1', articleJob(ferry))).ok).toBe(true);
    expect(analyser.threadsStarted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await analyser.analyseArticle('g1', articleJob(lighthouse))).ok).toBe(true);
    expect(analyser.threadsStarted).toBe(2);
  });

  it('takes askers in turn: a server with many jobs waiting does not hold up another', async () => {
    analyser = new WorkerAnalyser();
    const finished: string[] = [];
    const run = (queue: string, name: string) =>
      analyser!.analyseArticle(queue, articleJob(ferry)).then(() => finished.push(name));
    await Promise.all([
      run('g1', 'g1 first'),
      run('g1', 'g1 second'),
      run('g1', 'g1 third'),
      run('g2', 'g2 only'),
      run('g3', 'g3 only'),
    ]);
    expect(finished).toEqual(['g1 first', 'g2 only', 'g3 only', 'g1 second', 'g1 third']);
  });

  it('fails jobs still waiting when closed', async () => {
    analyser = new WorkerAnalyser();
    const running = expect(analyser.analyseArticle('g1', articleJob(lighthouse))).rejects.toThrow(/closed/);
    const waiting = expect(analyser.analyseArticle('g1', articleJob(ferry))).rejects.toThrow(/closed/);
    await analyser.close();
    await Promise.all([running, waiting]);
    await expect(analyser.analyseArticle('g1', articleJob(lighthouse))).rejects.toThrow(/closed/);
  });
});

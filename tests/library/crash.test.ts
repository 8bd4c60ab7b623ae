import { cp } from 'node:fs/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLibraryWithStore } from '../../src/library/folder.ts';
import { ServerArticles } from '../../src/library/serverArticles.ts';
import { ServerLibraries } from '../../src/library/serverLibraries.ts';
import { describeEachBackend, temporaryFolder } from '../store/backends.ts';
import { projectPath, runTypeScript } from '../store/childProcess.ts';
import { articleText } from './fixtures/addArticlesUntilKilled.ts';

const rounds = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (30 s at most) until the writer has printed `count` lines starting with `prefix`. */
async function waitForLines(lines: string[], prefix: string, count: number, finished: Promise<unknown>): Promise<void> {
  let exited = false;
  void finished.then(() => (exited = true));
  const printed = () => lines.filter((line) => line.startsWith(prefix)).length;
  for (let waited = 0; waited < 30_000 && !exited && printed() < count; waited += 10) await sleep(10);
  if (printed() < count)
    throw new Error(`the writer did not print ${count} "${prefix}" lines (it printed: ${lines.join(' | ')})`);
}

describeEachBackend('a crash while adding articles', (backend) => {
  let shared: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeEach(async () => {
    shared = await temporaryFolder();
    await cp('seeds', shared.path, { recursive: true });
  });
  afterEach(async () => {
    await shared.remove();
  });

  it('leaves the old or the new state, never a broken one, after SIGKILL mid-write', async () => {
    let listedBefore = 0;
    for (let round = 0; round < rounds; round += 1) {
      const writer = runTypeScript(projectPath('tests/library/fixtures/addArticlesUntilKilled.ts'), [
        backend.url(),
        shared.path,
        'g1',
        '1000',
      ]);
      // Let it complete a couple of additions, then kill it at a varying point in the next one.
      await waitForLines(writer.lines, 'added', 2, writer.finished);
      await sleep(round * 37);
      writer.child.kill('SIGKILL');
      const ended = await writer.finished;
      expect(ended.signal).toBe('SIGKILL');
      const confirmed = writer.lines.filter((line) => line.startsWith('added ')).map((line) => Number(line.slice(6)));

      const store = await backend.open();
      const library = await openLibraryWithStore(shared.path, store);
      const articles = new ServerArticles(store, library.corpus);
      const listed = await articles.list('g1');
      const listedNumbers = listed
        .map((article) => Number(/article-(\d+)/.exec(article.file)![1]))
        .sort((a, b) => a - b);
      // Every addition the writer confirmed is there, and at most the one in flight besides:
      // the old state or the new one.
      for (const n of confirmed) expect(listedNumbers).toContain(n);
      expect(listedNumbers.length).toBeGreaterThanOrEqual(listedBefore + confirmed.length);
      expect(listedNumbers.length).toBeLessThanOrEqual(listedBefore + confirmed.length + 1);
      expect(listedNumbers).toEqual(listedNumbers.map((_, i) => i));

      // Every listed article has its text, and the server's engine answers from each.
      const engine = await new ServerLibraries(store, library, articles).engineFor('g1');
      expect(engine.articles).toHaveLength(library.engine.articles.length + listed.length);
      for (const n of listedNumbers) {
        const expected = articleText(n).split('\n\n')[1]!.trim();
        const answer = engine.ask(`How many herons were counted at station number ${n}?`);
        expect(answer.answered && answer.quotes[0]?.text).toBe(expected);
      }
      await store.close();
      listedBefore = listedNumbers.length;
    }
  }, 120_000);
});

/**
 * `npm run bench:servers` on a small scale: both designs set up and serve, with the seed
 * articles as the shared library, and the figures it reports tell them apart as they should.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadSeedQuestions } from '../../src/bench/qa.ts';
import { serve, setUp, type Design, type Serving, type Setup } from '../../src/bench/serverDesigns.ts';
import { seedQuestionsPath } from '../../src/testing/paths.ts';
import { seedsDir, sharedAvailable, temporaryFolder } from '../helpers.ts';
import { projectPath, runTypeScript } from '../store/childProcess.ts';

it('stores for each server with articles its own articles alone in the new design, the whole library in the old', async () => {
  if (!sharedAvailable(seedQuestionsPath('seed-dev'), 'the servers bench test')) return;
  // A folder laid out as SQuAD dev is (articles/, questions.jsonl), of the seed articles.
  const squadDir = temporaryFolder('citebot-servers-bench-');
  await cp(seedsDir, join(squadDir, 'articles'), { recursive: true });
  const questions = loadSeedQuestions(seedQuestionsPath('seed-dev')).map(({ question }, n) =>
    JSON.stringify({ id: String(n), question, answers: [], article: '' }),
  );
  await writeFile(join(squadDir, 'questions.jsonl'), `${questions.join('\n')}\n`);

  const sizes = { servers: 8, withArticles: 3, asks: 40 };
  const results = new Map<Design, Setup & Serving>();
  for (const design of ['before', 'after'] as const) {
    const work = join(temporaryFolder('citebot-servers-bench-work-'), design);
    await mkdir(work);
    const setup = await setUp(design, sizes, squadDir, work, undefined);
    results.set(design, { ...setup, ...(await serve(design, sizes, squadDir, work, undefined, setup)) });
  }
  const before = results.get('before')!;
  const after = results.get('after')!;
  expect(after.addedArticles).toBe(before.addedArticles);
  expect(after.withArticles).toEqual(before.withArticles);
  // Each server's stored index: its articles alone, against the shared ones plus its own.
  expect(after.serverIndexBytes).toBeGreaterThan(0);
  expect(after.serverIndexBytes).toBeLessThan(before.serverIndexBytes);
  expect(after.sharedIndexBytes).toBe(before.sharedIndexBytes);
  for (const result of [before, after]) expect(Number.isFinite(result.p99Ms)).toBe(true);
});

it('says in one line, before any run, that --redis needs redis-server when it is not installed', async () => {
  const squadDir = temporaryFolder('citebot-servers-bench-');
  await mkdir(join(squadDir, 'articles'));
  // A PATH with nothing on it: no redis-server to find (node itself is started by its full path).
  const env = { ...process.env, PATH: temporaryFolder('citebot-no-path-'), CITEBOT_SHARED_DIR: squadDir };
  const run = await runTypeScript(projectPath('src/bench/servers.ts'), ['--redis', '--squad', squadDir], { env })
    .finished;
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    'npm run bench:servers -- --redis: redis-server is not installed (apt-get install -y redis-server; .ci/run does this)\n',
  );
});

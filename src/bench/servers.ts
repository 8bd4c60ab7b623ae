/**
 * `npm run bench:servers -- [--servers N] [--with-articles N] [--asks N] [--full] [--squad DIR] [--redis] [--design before|after|both]`
 *
 * Many servers, some with articles of their own, in one process per design, with the real
 * store (a SQLite file; with --redis, a redis-server started for the run as well):
 * - a shared library of SQuAD dev;
 * - `--servers` servers, `--with-articles` of which each add 1 to 5 articles (seed and SQuAD
 *   articles under new names), their indexes built when added, as the bot does;
 * - `--asks` questions through ServerLibraries.engineFor and QuoteEngine.ask (the bot's path
 *   without Discord), from servers chosen with a skew toward a few busy ones, starting with
 *   nothing in memory (as after a restart);
 * - one shared article changed, then every server with articles asked once.
 * `--full` is the full size: 10,000 servers, 1,000 with articles, 20,000 questions.
 *
 * Two designs side by side: `before`, one whole index per server with articles (the shared
 * articles and its own, src/bench/legacyServers.ts), and `after`, the shared index once and each
 * server's own articles in a small index appended at question time (src/store/serverLibraries.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibraryWithStore, type StoredLibrary } from '../library.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import { openStore, type Store } from '../store/open.ts';
import { ServerArticles } from '../store/serverArticles.ts';
import { ServerLibraries } from '../store/serverLibraries.ts';
import { legacyServerScope, serverScope, storedScopeIndex } from '../store/storedIndex.ts';
import { LegacyServerLibraries } from './legacyServers.ts';
import { percentile, peakRssBytes } from './measure.ts';
import { seedArticlesDir, sharedDir, repositoryRoot } from '../testing/paths.ts';
import { loadSquadQuestions } from './squad.ts';
import { count, formatTable, megabytes, milliseconds } from './table.ts';
import { seededRandom } from './scaleCorpus.ts';

export type Design = 'before' | 'after';

export interface Sizes {
  readonly servers: number;
  readonly withArticles: number;
  readonly asks: number;
}

const defaultSizes: Sizes = { servers: 1_000, withArticles: 100, asks: 2_000 };
const fullSizes: Sizes = { servers: 10_000, withArticles: 1_000, asks: 20_000 };
/** Articles a server adds: 1 to this many. */
const maxArticlesPerServer = 5;
/**
 * Skew of the server picked for a question: the u-th power of a uniform draw, scaled to the
 * servers, so the busiest 1% ask about a fifth of the questions (0.01^(1/3)).
 */
const skewPower = 3;
/** Questions asked of the shared engine before timing starts, so that the timing is of warm code. */
const warmUpQuestions = 300;

function sqliteSize(path: string): number {
  return ['', '-wal', '-shm'].reduce(
    (sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0),
    0,
  );
}

async function redisUsedMemory(url: string): Promise<number> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('memory');
  await client.quit();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

export interface Setup {
  readonly sharedDir: string;
  readonly withArticles: readonly string[];
  readonly sharedSentences: number;
  readonly addedArticles: number;
  readonly addedSentences: number;
  readonly storeBytesShared: number;
  readonly sharedBuildMs: number;
  readonly serverBuildMs: number;
  readonly setupPeakRssBytes: number;
}

export interface Serving {
  readonly storeBytes: number;
  readonly serverIndexBytes: number;
  readonly sharedIndexBytes: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly askAloneP95Ms: number;
  readonly loadAloneP95Ms: number;
  readonly loadAloneP99Ms: number;
  readonly peakRssBytes: number;
  readonly sharedRebuildMs: number;
  readonly serversAfterChangeMs: number;
}

function librariesFor(
  design: Design,
  opened: StoredLibrary,
  store: Store,
): { engineFor(guild: string): Promise<QuoteEngine> } {
  const articles = new ServerArticles(store, opened.corpus);
  return design === 'before'
    ? new LegacyServerLibraries(store, opened, articles)
    : new ServerLibraries(store, opened, articles);
}

/** The store's size: the SQLite file once closed (its log checkpointed), or Redis's used memory. */
async function storeSize(work: string, storeUrl: string | undefined): Promise<number> {
  return storeUrl ? redisUsedMemory(storeUrl) : sqliteSize(join(work, 'citebot.sqlite'));
}

const storeUrlIn = (work: string, storeUrl: string | undefined) =>
  storeUrl ?? `sqlite://${join(work, 'citebot.sqlite')}`;

/** The shared library built and stored, then the servers' articles added, each server's index built as the bot does when one is added. */
export async function setUp(
  design: Design,
  sizes: Sizes,
  squadDir: string,
  work: string,
  storeUrl: string | undefined,
): Promise<Setup> {
  const sharedDir = join(work, 'shared');
  cpSync(join(squadDir, 'articles'), sharedDir, { recursive: true });
  let store = await openStore(storeUrlIn(work, storeUrl));
  let started = performance.now();
  await openLibraryWithStore(sharedDir, store);
  const sharedBuildMs = performance.now() - started;
  await store.close();
  const storeBytesShared = await storeSize(work, storeUrl);
  store = await openStore(storeUrlIn(work, storeUrl));
  const shared = await openLibraryWithStore(sharedDir, store);

  const pool = [
    ...readdirSync(seedArticlesDir).map((file) => join(seedArticlesDir, file)),
    ...readdirSync(sharedDir).map((file) => join(sharedDir, file)),
  ];
  const draw = seededRandom(13);
  const withArticles = new Set<string>();
  while (withArticles.size < Math.min(sizes.withArticles, sizes.servers))
    withArticles.add(`g${Math.floor(draw() * sizes.servers)}`);
  const libraries = librariesFor(design, shared, store);
  const articles = new ServerArticles(store, shared.corpus);
  let addedArticles = 0;
  let addedSentences = 0;
  let serverBuildMs = 0;
  for (const guild of withArticles) {
    const howMany = 1 + Math.floor(draw() * maxArticlesPerServer);
    for (let n = 0; n < howMany; n += 1) {
      const path = pool[Math.floor(draw() * pool.length)]!;
      const added = await articles.add(guild, `${guild}-${n}-${path.split('/').pop()!}`, readFileSync(path), 'bench');
      if (!added.ok) throw new Error(`could not add ${path} to ${guild}: ${added.reason}`);
      addedArticles += 1;
      addedSentences += added.article.sentences ?? 0;
    }
    started = performance.now();
    await libraries.engineFor(guild);
    serverBuildMs += performance.now() - started;
  }
  await store.close();
  return {
    sharedDir,
    withArticles: [...withArticles],
    sharedSentences: shared.engine.sentenceCount,
    addedArticles,
    addedSentences,
    storeBytesShared,
    sharedBuildMs,
    serverBuildMs,
    setupPeakRssBytes: peakRssBytes(),
  };
}

/**
 * A restart (a new process, the store as set up, nothing of the servers in memory), then the
 * questions; then one shared article changed, and each server with articles asked once.
 */
export async function serve(
  design: Design,
  sizes: Sizes,
  squadDir: string,
  work: string,
  storeUrl: string | undefined,
  setup: Setup,
): Promise<Serving> {
  let store = await openStore(storeUrlIn(work, storeUrl));
  let shared = await openLibraryWithStore(setup.sharedDir, store);
  let libraries = librariesFor(design, shared, store);
  const questions = loadSquadQuestions(squadDir).map((q) => q.question);
  const draw = seededRandom(29);
  // Untimed, so that the timing is of warm code.
  for (let i = 0; i < warmUpQuestions; i += 1) shared.engine.ask(questions[Math.floor(draw() * questions.length)]!);
  const durations: number[] = [];
  const askAlone: number[] = [];
  for (let i = 0; i < sizes.asks; i += 1) {
    const guild = `g${Math.floor(draw() ** skewPower * sizes.servers)}`;
    const question = questions[Math.floor(draw() * questions.length)]!;
    const started = performance.now();
    const engine = await libraries.engineFor(guild);
    const asking = performance.now();
    engine.ask(question);
    const done = performance.now();
    durations.push(done - started);
    askAlone.push(done - asking);
  }
  const peakRss = peakRssBytes();
  let serverIndexBytes = 0;
  for (const guild of setup.withArticles)
    serverIndexBytes +=
      (await storedScopeIndex(store, design === 'before' ? legacyServerScope(guild) : serverScope(guild)))?.bytes ?? 0;
  const sharedIndexBytes = (await storedScopeIndex(store, `shared:${resolve(setup.sharedDir)}`))?.bytes ?? 0;
  await store.close();
  const storeBytes = await storeSize(work, storeUrl);

  store = await openStore(storeUrlIn(work, storeUrl));
  const changed = readdirSync(setup.sharedDir).sort()[0]!;
  appendFileSync(join(setup.sharedDir, changed), '\nA late correction was added to this article by its editors.\n');
  let started = performance.now();
  shared = await openLibraryWithStore(setup.sharedDir, store);
  const sharedRebuildMs = performance.now() - started;
  libraries = librariesFor(design, shared, store);
  started = performance.now();
  for (const guild of setup.withArticles) await libraries.engineFor(guild);
  const serversAfterChangeMs = performance.now() - started;
  await store.close();
  return {
    storeBytes,
    serverIndexBytes,
    sharedIndexBytes,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    p99Ms: percentile(durations, 99),
    askAloneP95Ms: percentile(askAlone, 95),
    loadAloneP95Ms: percentile(
      durations.map((d, i) => d - askAlone[i]!),
      95,
    ),
    loadAloneP99Ms: percentile(
      durations.map((d, i) => d - askAlone[i]!),
      99,
    ),
    peakRssBytes: peakRss,
    sharedRebuildMs,
    serversAfterChangeMs,
  };
}

type Result = Setup & Serving & { readonly design: Design; readonly store: string };

function inNewProcess<T>(
  phase: 'setup' | 'serve',
  design: Design,
  sizes: Sizes,
  squadDir: string,
  work: string,
  storeUrl: string | undefined,
  setup?: Setup,
): T {
  const args = [
    '--import',
    'tsx',
    join(import.meta.dirname, 'servers.ts'),
    '--child',
    phase,
    design,
    JSON.stringify(sizes),
    squadDir,
    work,
    storeUrl ?? '',
    JSON.stringify(setup ?? null),
  ];
  const run = spawnSync(process.execPath, args, {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`the ${design} ${phase} failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

function runDesign(design: Design, sizes: Sizes, squadDir: string, storeUrl: string | undefined): Result {
  const work = mkdtempSync(join(tmpdir(), 'citebot-bench-servers-'));
  try {
    const setup = inNewProcess<Setup>('setup', design, sizes, squadDir, work, storeUrl);
    const serving = inNewProcess<Serving>('serve', design, sizes, squadDir, work, storeUrl, setup);
    return { ...setup, ...serving, design, store: storeUrl ? 'Redis' : 'SQLite' };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A redis-server for this run alone, on a free loopback port, saving nothing to disk. */
async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ready, failed) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) ready();
    });
    child.on('exit', (code) => failed(new Error(`redis-server exited (${code})`)));
    child.on('error', failed);
  });
  return { url: `redis://127.0.0.1:${port}`, child };
}

async function flushRedis(url: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  await client.flushAll();
  await client.quit();
}

function report(results: readonly Result[], sizes: Sizes): string {
  const first = results[0]!;
  const rows: [string, (r: Result) => string][] = [
    ['store size, shared library only (MiB)', (r) => megabytes(r.storeBytesShared)],
    ['store size, with the servers (MiB)', (r) => megabytes(r.storeBytes)],
    ['  shared index record (MiB)', (r) => megabytes(r.sharedIndexBytes)],
    ["  servers' index records (MiB)", (r) => megabytes(r.serverIndexBytes)],
    ['peak RSS answering, after a restart (MB)', (r) => (r.peakRssBytes / 1e6).toFixed(0)],
    ['peak RSS setting up: reading every article (MB)', (r) => (r.setupPeakRssBytes / 1e6).toFixed(0)],
    ['ask p50, server load included (ms)', (r) => milliseconds(r.p50Ms)],
    ['ask p95, server load included (ms)', (r) => milliseconds(r.p95Ms)],
    ['ask p99, server load included (ms)', (r) => milliseconds(r.p99Ms)],
    ['  p95 of the engine call alone (ms)', (r) => milliseconds(r.askAloneP95Ms)],
    ["  p95 of the server's engine lookup alone (ms)", (r) => milliseconds(r.loadAloneP95Ms)],
    ["  p99 of the server's engine lookup alone (ms)", (r) => milliseconds(r.loadAloneP99Ms)],
    ['shared index build (ms)', (r) => milliseconds(r.sharedBuildMs)],
    ["servers' index builds on add, total (ms)", (r) => milliseconds(r.serverBuildMs)],
    ['shared article changed: shared rebuild (ms)', (r) => milliseconds(r.sharedRebuildMs)],
    ['  then every server with articles asked once, total (ms)', (r) => milliseconds(r.serversAfterChangeMs)],
  ];
  const stores = [...new Set(results.map((r) => r.store))];
  const columns = [
    { title: 'measure', align: 'left' as const },
    ...stores.flatMap((store) => (['before', 'after'] as const).map((design) => ({ title: `${design} (${store})` }))),
  ];
  const cell = (store: string, design: Design, render: (r: Result) => string) => {
    const result = results.find((r) => r.store === store && r.design === design);
    return result ? render(result) : '—';
  };
  return [
    `${count(sizes.servers)} servers, ${count(sizes.withArticles)} with ${count(first.addedArticles)} articles of their own (${count(first.addedSentences)} sentences); shared library ${count(first.sharedSentences)} sentences; ${count(sizes.asks)} questions.`,
    '',
    formatTable(
      columns,
      rows.map(([title, render]) => [
        title,
        ...stores.flatMap((store) => (['before', 'after'] as const).map((design) => cell(store, design, render))),
      ]),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, phase, design, sizesText, squadDir, work, storeUrl, setupText] = args;
    const sizes = JSON.parse(sizesText!) as Sizes;
    const result =
      phase === 'setup'
        ? await setUp(design as Design, sizes, squadDir!, work!, storeUrl || undefined)
        : await serve(
            design as Design,
            sizes,
            squadDir!,
            work!,
            storeUrl || undefined,
            JSON.parse(setupText!) as Setup,
          );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const { values } = parseArgs({
    args,
    options: {
      servers: { type: 'string' },
      'with-articles': { type: 'string' },
      asks: { type: 'string' },
      full: { type: 'boolean', default: false },
      squad: { type: 'string', default: join(sharedDir, 'bench', 'squad', 'dev') },
      redis: { type: 'boolean', default: false },
      design: { type: 'string', default: 'both' },
    },
  });
  const base = values.full ? fullSizes : defaultSizes;
  const sizes: Sizes = {
    servers: Number(values.servers ?? base.servers),
    withArticles: Number(values['with-articles'] ?? base.withArticles),
    asks: Number(values.asks ?? base.asks),
  };
  if (!existsSync(join(values.squad, 'articles'))) throw new Error(`SQuAD dev is not at ${values.squad} (--squad DIR)`);
  const designs = (['before', 'after'] as const).filter(
    (design) => values.design === 'both' || values.design === design,
  );
  if (designs.length === 0) throw new Error('--design is before, after or both');
  const results: Result[] = [];
  for (const design of designs) {
    process.stderr.write(`${design} (SQLite)...\n`);
    results.push(runDesign(design, sizes, values.squad, undefined));
  }
  if (values.redis) {
    const redis = await startRedis();
    try {
      for (const design of designs) {
        await flushRedis(redis.url);
        process.stderr.write(`${design} (Redis)...\n`);
        results.push(runDesign(design, sizes, values.squad, redis.url));
      }
    } finally {
      redis.child.kill();
    }
  }
  process.stdout.write(`${report(results, sizes)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

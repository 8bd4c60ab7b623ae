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
 * server's own articles in a small index appended at question time (src/library/serverLibraries.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repositoryRoot, requireShared, sharedDir } from '../testing/paths.ts';
import { flushRedisServer, redisServerMissing, startRedisServer } from '../testing/redisServer.ts';
import { applyHeapGrowth } from '../bot/heapGrowth.ts';
import { configDefaults, readConfig } from '../config.ts';
import { serve, setUp, type Design, type Serving, type Setup, type Sizes } from './serverDesigns.ts';
import { count, formatTable, megabytes, milliseconds } from './table.ts';

const defaultSizes: Sizes = { servers: 1_000, withArticles: 100, asks: 2_000 };
const fullSizes: Sizes = { servers: 10_000, withArticles: 1_000, asks: 20_000 };

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

/** The heap growth the bot would run with in this environment (npm start reads .env too; the bench does not). */
function botHeapGrowthPercent(): number {
  const result = readConfig(process.env);
  if (result.ok) return result.config.heapGrowthPercent;
  process.stderr.write(`npm run bench:servers: ${result.problems.join('; ')}; the heap grows as by default\n`);
  return configDefaults.heapGrowthPercent;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, phase, design, sizesText, squadDir, work, storeUrl, setupText] = args;
    // The heap grows as the bot's does (HEAP_GROWTH_PERCENT, or its default).
    applyHeapGrowth(botHeapGrowthPercent());
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
  requireShared('npm run bench:servers');
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
  // Before the SQLite runs, not minutes into them.
  if (values.redis && redisServerMissing) {
    process.stderr.write(`npm run bench:servers -- --redis: ${redisServerMissing}\n`);
    process.exit(1);
  }
  const results: Result[] = [];
  for (const design of designs) {
    process.stderr.write(`${design} (SQLite)...\n`);
    results.push(runDesign(design, sizes, values.squad, undefined));
  }
  if (values.redis) {
    const redis = await startRedisServer();
    try {
      for (const design of designs) {
        await flushRedisServer(redis.url);
        process.stderr.write(`${design} (Redis)...\n`);
        results.push(runDesign(design, sizes, values.squad, redis.url));
      }
    } finally {
      await redis.stop();
    }
  }
  process.stdout.write(`${report(results, sizes)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * `npm run bench:startup -- [--squad DIR] [--runs N]`
 *
 * Cold start to a ready engine, each measured in a new Node process (as a restart is):
 * - without a store (openLibrary: every article read with wink);
 * - with an empty store (first start: read, build, and store the index);
 * - with the stored index (a restart with unchanged articles);
 * for the seed articles and for SQuAD dev. Also prints the SQLite store's size on disk.
 * `ms to ready` counts from the process's start (module loading included); `ms to open` only
 * the opening of the library.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibrary, openLibraryWithStore } from '../library/folder.ts';
import { openStore } from '../store/open.ts';
import { repositoryRoot, seedArticlesDir, sharedDir } from '../testing/paths.ts';
import { sqliteSizeOnDisk } from './measure.ts';

type Mode = 'no-store' | 'store';

interface Measurement {
  readonly msToReady: number;
  readonly msToOpen: number;
  readonly sentences: number;
  readonly indexSource: 'stored' | 'built' | 'none';
}

async function measureInThisProcess(mode: Mode, dir: string, url: string): Promise<Measurement> {
  const started = performance.now();
  if (mode === 'no-store') {
    const library = await openLibrary(dir);
    return {
      msToReady: performance.now(),
      msToOpen: performance.now() - started,
      sentences: library.engine.sentenceCount,
      indexSource: 'none',
    };
  }
  const store = await openStore(url);
  const library = await openLibraryWithStore(dir, store);
  const ready = performance.now();
  await store.close();
  return {
    msToReady: ready,
    msToOpen: ready - started,
    sentences: library.engine.sentenceCount,
    indexSource: library.indexSource,
  };
}

function measureInNewProcess(mode: Mode, dir: string, url: string): Measurement {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'startup.ts'), '--child', mode, dir, url],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`the measuring process failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, mode, dir, url] = args;
    process.stdout.write(`${JSON.stringify(await measureInThisProcess(mode as Mode, dir!, url!))}\n`);
    return;
  }
  const { values } = parseArgs({
    args,
    options: {
      squad: { type: 'string', default: join(sharedDir, 'bench', 'squad', 'dev', 'articles') },
      runs: { type: 'string', default: '3' },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 3);
  const corpora = [
    { name: 'seeds', dir: seedArticlesDir },
    { name: 'SQuAD dev', dir: values.squad },
  ].filter((corpus) => {
    if (existsSync(corpus.dir)) return true;
    process.stderr.write(`skipping ${corpus.name}: ${corpus.dir} does not exist\n`);
    return false;
  });

  const rows: string[] = [
    '| corpus | articles | sentences | start | ms to ready | ms to open | store on disk |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const corpus of corpora) {
    const folder = mkdtempSync(join(tmpdir(), 'citebot-startup-'));
    const sqlitePath = join(folder, 'citebot.sqlite');
    const url = `sqlite://${sqlitePath}`;
    try {
      const articleCount = readdirSync(corpus.dir).filter((name) => !name.startsWith('.')).length;
      const withoutStore = Array.from({ length: runs }, () => measureInNewProcess('no-store', corpus.dir, url));
      const firstStart = measureInNewProcess('store', corpus.dir, url);
      const restarts = Array.from({ length: runs }, () => measureInNewProcess('store', corpus.dir, url));
      if (restarts.some((restart) => restart.indexSource !== 'stored'))
        throw new Error('a restart did not load the stored index');
      const size = `${(sqliteSizeOnDisk(sqlitePath) / 1024 / 1024).toFixed(1)} MiB`;
      const row = (label: string, measured: Measurement[], storeSize: string) =>
        `| ${corpus.name} | ${articleCount} | ${measured[0]!.sentences} | ${label} | ${Math.round(median(measured.map((m) => m.msToReady)))} | ${Math.round(median(measured.map((m) => m.msToOpen)))} | ${storeSize} |`;
      rows.push(row('no store (read every article)', withoutStore, '–'));
      rows.push(row('first start with a store (build + store)', [firstStart], size));
      rows.push(row('restart, stored index', restarts, size));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  // Other work on the machine slows every start; the load says how much to trust the figures.
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  process.stdout.write(
    `Cold start to a ready engine, median of ${runs} new processes (SQLite store in a temp folder); ${cpus().length} CPUs, load average ${load}:\n\n${rows.join('\n')}\n`,
  );
}

await main();

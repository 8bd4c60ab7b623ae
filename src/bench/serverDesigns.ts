/**
 * The two designs the servers bench compares, each set up and served in this process with the
 * real store: `before`, one whole index per server with articles (the shared articles and its
 * own, legacyServers.ts), and `after`, the shared index once and each server's own articles in
 * a small index appended at question time (src/library/serverLibraries.ts). servers.ts runs each
 * phase in a new process and prints the table.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openLibraryWithStore, type StoredLibrary } from '../library/folder.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { ServerArticles } from '../library/serverArticles.ts';
import { ServerLibraries } from '../library/serverLibraries.ts';
import { legacyServerScope, serverScope, storedScopeIndex } from '../library/storedIndex.ts';
import { seedArticlesDir } from '../testing/paths.ts';
import { LegacyServerLibraries } from './legacyServers.ts';
import { percentile, peakRssBytes, sqliteSizeOnDisk } from './measure.ts';
import { redisUsedMemory } from './redisServer.ts';
import { seededRandom } from './scaleCorpus.ts';
import { loadSquadQuestions } from './squad.ts';

export type Design = 'before' | 'after';

export interface Sizes {
  readonly servers: number;
  readonly withArticles: number;
  readonly asks: number;
}

/** Articles a server adds: 1 to this many. */
const maxArticlesPerServer = 5;
/**
 * Skew of the server picked for a question: the u-th power of a uniform draw, scaled to the
 * servers, so the busiest 1% ask about a fifth of the questions (0.01^(1/3)).
 */
const skewPower = 3;
/** Questions asked of the shared engine before timing starts, so that the timing is of warm code. */
const warmUpQuestions = 300;

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
  return storeUrl ? redisUsedMemory(storeUrl) : sqliteSizeOnDisk(join(work, 'citebot.sqlite'));
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

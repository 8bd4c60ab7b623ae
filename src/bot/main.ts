/**
 * `npm start`: opens the store (KEYV_URL; a SQLite file in data/ by default), loads the
 * articles (their index from the store when they are unchanged), logs in to Discord with
 * DISCORD_TOKEN (giving up after LOGIN_TIMEOUT_SECONDS, see login.ts) and answers interactions until SIGINT/SIGTERM, when it stops taking
 * interactions, finishes those in flight, logs out, closes the store and exits 0.
 * `npm run start:sharded` runs this same file once per shard (src/bot/sharded.ts).
 */
import { performance } from 'node:perf_hooks';
import { exitWith, startupConfig } from './entry.ts';
import { applyHeapGrowth } from './heapGrowth.ts';
import type { BotContext } from '../discord/command.ts';

/** How long shutdown waits for interactions in flight (Discord gives each at most 15 minutes; ours take milliseconds). */
const drainTimeoutMs = 10_000;

const config = startupConfig();
applyHeapGrowth(config.heapGrowthPercent);
if (config.discordToken === null) {
  exitWith(
    [
      'DISCORD_TOKEN is not set, so Citebot cannot log in to Discord.',
      'Set it in the environment or in .env (copy .env.example; the README section "Run it on Discord" shows where to get a token).',
      'To try Citebot without Discord: npm run ask -- "How many US troops are in Iraq?"',
    ].join('\n'),
  );
}

// Loaded only once the configuration is known to be usable, so that a missing token is
// reported at once rather than after loading discord.js and the language model.
const [
  { Events },
  { commands, buttons },
  { ArticlesFolderError },
  { createLogger, logFatalForCollectors },
  { createClient },
  { loginFailureKind, loginFailureMessage, loginWithin },
  { InteractionRouter },
  { openStore, StoreOpenError },
  { StoreDamagedError, StoreUnavailableError },
  { FeedbackStore },
  { ServerDirectory },
  { StoredButtonStates },
  { StoredRateLimiter },
  { attachmentOrigins, attachmentTimeoutMs },
  { defaultServerArticleLimits },
  { WorkerAnalyser },
  { defaultPageRules },
  { addressCheckFor },
  { ArticleAddLimits },
] = await Promise.all([
  import('discord.js'),
  import('../../commands/index.ts'),
  import('../corpus/load.ts'),
  import('../log.ts'),
  import('../discord/client.ts'),
  import('../discord/login.ts'),
  import('../discord/router.ts'),
  import('../store/open.ts'),
  import('../store/errors.ts'),
  import('../store/feedback.ts'),
  import('../discord/servers.ts'),
  import('../store/buttonState.ts'),
  import('../store/rateLimits.ts'),
  import('../discord/attachments.ts'),
  import('../library/serverArticles.ts'),
  import('../library/analysisWorker.ts'),
  import('../corpus/web/fetchPage.ts'),
  import('../corpus/web/addresses.ts'),
  import('../discord/addLimits.ts'),
]);

/** Milestones of start-up (ms since the process started), for the ready line. */
const startup = { modulesLoaded: performance.now(), storeOpened: 0, articlesLoaded: 0 };

// Under `npm run start:sharded` the ShardingManager tells this process which shard it runs
// (SHARDS, SHARD_COUNT); run on its own, it is the only shard, whatever SHARD_COUNT says
// (discord.js would otherwise read SHARD_COUNT, meant for the manager, as its own).
const sharded = Boolean(process.env.SHARDING_MANAGER);
if (!sharded) {
  delete process.env.SHARDS;
  delete process.env.SHARD_COUNT;
}
const log = createLogger(config.logLevel).child(sharded ? { shard: Number(process.env.SHARDS) } : {});

let store;
try {
  store = await openStore(config.storeUrl, {
    onError: (error) => log.error({ err: error, store: config.store.kind }, 'store error'),
  });
} catch (error) {
  if (error instanceof StoreOpenError) exitWith(error.message);
  throw error;
}

if (config.allowPrivateUrls)
  log.warn(
    { setting: 'CITEBOT_ALLOW_PRIVATE_URLS' },
    'links may be read from private addresses: this machine and its network',
  );
startup.storeOpened = performance.now();
// Articles are read with wink, and indexes built, in a worker thread: seconds of reading for
// one server's attachment must not hold up every other server's interactions.
const analyser = new WorkerAnalyser();
let servers: Awaited<ReturnType<typeof ServerDirectory.open>>;
try {
  servers = await ServerDirectory.open(store, config.articlesDir, analyser);
} catch (error) {
  await analyser.close();
  await store.close();
  if (error instanceof ArticlesFolderError) exitWith(error.message);
  // A damaged store's message says what to do; any other store failure names the store.
  if (error instanceof StoreUnavailableError)
    exitWith(
      error instanceof StoreDamagedError
        ? error.message
        : `Could not read the store at ${store.displayUrl}: ${error.message}.`,
    );
  throw error;
}
startup.articlesLoaded = performance.now();
for (const warning of servers.shared.warnings)
  log.warn({ file: warning.file, reason: warning.reason }, warning.kept ? 'article loaded in part' : 'article skipped');

/** The name under which each shard's client carries its reload, for broadcastEval from another shard. */
const reloadHook = 'citebotReloadSharedArticles';

const bot: BotContext = {
  servers,
  async reloadSharedArticles() {
    const shard = client.shard;
    if (!shard) return servers.reload();
    // broadcastEval runs the function's source in every shard, with that shard's client.
    const [local] = await Promise.all([
      servers.reload(),
      shard.broadcastEval(
        async (other, context: { hook: string; from: number }) => {
          if (other.shard?.ids.includes(context.from)) return;
          await (other as unknown as Record<string, () => Promise<void>>)[context.hook]!();
        },
        { context: { hook: reloadHook, from: shard.ids[0]! } },
      ),
    ]);
    return local;
  },
  buttons: new StoredButtonStates(store),
  feedback: new FeedbackStore(store),
  attachments: {
    maxBytes: defaultServerArticleLimits.maxBytes,
    timeoutMs: attachmentTimeoutMs,
    origins: attachmentOrigins(config.discordApiUrl),
  },
  pages: { ...defaultPageRules, checkAddress: addressCheckFor(config.allowPrivateUrls) },
  articleAdds: new ArticleAddLimits(store),
  buttonLifetimeMs: config.buttonLifetimeMs,
  log,
  summaries: commands.map((command) => command.summary),
};
const router = new InteractionRouter(
  bot,
  commands,
  buttons,
  new StoredRateLimiter(store, { limit: config.rateLimit.count, windowMs: config.rateLimit.windowMs }),
  log,
);
const client = createClient(config.discordApiUrl);
Object.assign(client, {
  [reloadHook]: async () => {
    await servers.reload();
  },
});

client.on(Events.InteractionCreate, (interaction) => router.handle(interaction));
client.once(Events.ClientReady, (ready) => {
  const { engine, indexSource, analysedCount } = servers.shared;
  log.info(
    {
      event: 'ready',
      user: ready.user.tag,
      guilds: ready.guilds.cache.size,
      articles: engine.articles.length,
      sentences: engine.sentenceCount,
      store: store.displayUrl,
      index: indexSource,
      articlesAnalysed: analysedCount,
      startToReadyMs: Math.round(performance.now()),
      // Where the time went: loading code, opening the store, loading the articles, logging in.
      modulesMs: Math.round(startup.modulesLoaded),
      storeMs: Math.round(startup.storeOpened - startup.modulesLoaded),
      articlesMs: Math.round(startup.articlesLoaded - startup.storeOpened),
      loginMs: Math.round(performance.now() - startup.articlesLoaded),
    },
    'ready',
  );
});
client.on(Events.Error, (error) => log.error({ err: error }, 'client error'));
client.on(Events.Warn, (message) => log.warn({ warning: message }, 'client warning'));
client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection'));

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new interactions');
  router.stop();
  const unfinished = await router.drain(drainTimeoutMs);
  await client.destroy();
  await analyser.close();
  // Closed last: the interactions that finished above wrote to it, and may have left writes going.
  await servers.settled();
  await store!.close();
  log.info({ unfinished }, 'stopped');
  // Logs are written asynchronously: exiting with a write in flight would lose the last lines.
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

log.info(
  { event: 'logging-in', api: config.discordApiUrl ?? 'discord.com', timeoutSeconds: config.loginTimeoutMs / 1000 },
  'logging in to Discord',
);
try {
  await loginWithin(client, config.discordToken, config.loginTimeoutMs);
} catch (error) {
  await logFatalForCollectors(log.child({ failure: loginFailureKind(error) }), error, 'could not log in to Discord');
  await analyser.close();
  await store.close();
  exitWith(loginFailureMessage(error, config.discordApiUrl));
}

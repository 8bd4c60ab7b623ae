/**
 * `npm run start:sharded`: discord.js's ShardingManager runs the bot (src/bot/main.ts)
 * once per shard, each a process of its own with its share of the servers. Discord requires
 * sharding from 2,500 servers (Topics › Gateway › Sharding), and recommends a shard per
 * 1,000 or so: SHARD_COUNT sets the count, or 'auto' asks Discord (GET /gateway/bot).
 *
 * Shards share nothing in memory, so the store must be one they all reach: Redis. Rate
 * limits, button state, servers' articles and settings, votes and the stored index then hold
 * whichever shard answers.
 */
import { displayStoreUrl } from '../config.ts';
import { exitWith, startupConfig } from './entry.ts';

/** Discord allows one IDENTIFY per 5 seconds per rate-limit bucket (Gateway › Identifying); a little more, to be safe. */
const identifyIntervalMs = 5_500;
/** How long a shard may take from spawning to ready: loading the articles comes first. */
const shardReadyTimeoutMs = 120_000;
/** How long shutdown waits for each shard to finish its interactions and exit. */
const shardStopTimeoutMs = 20_000;

const config = startupConfig();
if (config.discordToken === null)
  exitWith(
    'DISCORD_TOKEN is not set, so Citebot cannot log in to Discord. Set it in the environment or in .env (see .env.example).',
  );
if (config.store.kind !== 'redis') {
  exitWith(
    [
      `npm run start:sharded needs KEYV_URL=redis://HOST:PORT, but the store is ${displayStoreUrl(config)}.`,
      'Each shard is a process of its own, and rate limits, buttons, server articles, settings and votes must be shared by all of them;',
      'a SQLite file is for one process. For one process, use npm start.',
    ].join('\n'),
  );
}

const [
  { REST, Routes, ShardingManager },
  { createLogger, logFatalForCollectors, synchronousStdout },
  { loginFailureKind, loginFailureMessage },
] = await Promise.all([import('discord.js'), import('../log.ts'), import('../discord/login.ts')]);
const log = createLogger(config.logLevel, synchronousStdout()).child({ role: 'shard-manager' });

interface GatewayBot {
  readonly shards: number;
  readonly session_start_limit: { readonly max_concurrency: number };
}

/** Discord's recommended shard count and how many shards may identify at once. */
async function gatewayBot(): Promise<GatewayBot> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken!);
  return (await rest.get(Routes.gatewayBot())) as GatewayBot;
}

let gateway: GatewayBot | null = null;
try {
  gateway = await gatewayBot();
} catch (error) {
  const why = error instanceof Error ? error.message : String(error);
  // A refused token and an unreachable Discord are told apart, as at login.
  const kind = loginFailureKind(error);
  if (config.shardCount === 'auto')
    exitWith(
      kind === 'token' || kind === 'network'
        ? `Could not ask Discord how many shards to run (GET /gateway/bot). ${loginFailureMessage(error, config.discordApiUrl)}`
        : `Could not ask Discord how many shards to run (GET /gateway/bot): ${why}. Check DISCORD_TOKEN, or set SHARD_COUNT.`,
    );
  log.warn({ err: error }, 'could not read the identify rate limit; spawning shards 5.5 s apart');
}
const shardCount = config.shardCount === 'auto' ? gateway!.shards : config.shardCount;
const maxConcurrency = Math.max(1, gateway?.session_start_limit.max_concurrency ?? 1);

const manager = new ShardingManager(new URL('./main.ts', import.meta.url).pathname, {
  totalShards: shardCount,
  token: config.discordToken,
  mode: 'process',
  execArgv: ['--import', 'tsx'],
  respawn: true,
});
/** Shard ids whose process has exited since shutdown began, each once its line was logged. */
const shardsExited = new Set<number>();
let onShardExited: (() => void) | undefined;
manager.on('shardCreate', (shard) => {
  log.info({ shard: shard.id, shards: shardCount }, 'shard starting');
  shard.on('death', (child) => {
    log.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : null }, 'shard exited');
    shardsExited.add(shard.id);
    onShardExited?.();
  });
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping every shard');
  manager.respawn = false;
  shardsExited.clear();
  // Each shard stops as `npm start` does: finishes its interactions, logs out, closes the store.
  const running = [...manager.shards.values()].filter(
    (shard) => shard.process && shard.process.exitCode === null && shard.process.signalCode === null,
  );
  // Done when the line of every running shard's exit has been logged, so that 'stopped' is
  // always the manager's last line.
  const allExited = new Promise<void>((resolve) => {
    onShardExited = () => {
      if (running.every((shard) => shardsExited.has(shard.id))) resolve();
    };
    onShardExited();
  });
  const timers = running.map((shard) => {
    const child = shard.process!;
    child.kill('SIGTERM');
    return setTimeout(() => child.kill('SIGKILL'), shardStopTimeoutMs);
  });
  await allExited;
  for (const timer of timers) clearTimeout(timer);
  log.info('stopped');
  // Logs are written asynchronously: exiting with a write in flight would lose the last lines.
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

log.info({ shards: shardCount, maxConcurrency, store: displayStoreUrl(config) }, 'spawning shards');
try {
  // Shards in different rate-limit buckets may identify together; one bucket at a time otherwise.
  await manager.spawn({
    amount: shardCount,
    delay: Math.ceil(identifyIntervalMs / maxConcurrency),
    timeout: shardReadyTimeoutMs,
  });
} catch (error) {
  if (!stopping) {
    await logFatalForCollectors(log, error, 'a shard did not start');
    exitWith(`A shard did not start: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

/**
 * `npm run start:sharded` against a stand-in that serves two shards, with one real Redis:
 * each server's interactions reach the shard Discord would send them to, both shards
 * answer, and a per-user rate limit holds across them.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../src/testing/redisServer.ts';
import { makeArticlesFolder } from './articles.ts';
import { botEnvironment, startBot, type RunningBot } from '../../src/testing/botProcess.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';
import { DiscordStandIn } from '../../src/testing/discord/standIn.ts';
import { manageServerPermissions, shardOf, snowflake } from '../../src/testing/discord/protocol.ts';
import { type VisibleMessage } from '../../src/testing/discord/interaction.ts';
import { seen } from './interactions.ts';

const rateLimitCount = 3;

describe('npm run start:sharded', () => {
  it('refuses to start without Redis, saying why', async () => {
    const standIn = await new DiscordStandIn().start();
    try {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/sharded.ts'], {
          cwd: repositoryRoot,
          env: botEnvironment(standIn, { KEYV_URL: 'sqlite://data/never.sqlite' }),
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /needs KEYV_URL=redis:\/\/HOST:PORT, but the store is sqlite:\/\/data\/never\.sqlite/,
      );
      expect(standIn.identifies).toEqual([]);
    } finally {
      await standIn.stop();
    }
  });
});

if (redisUnavailable) console.warn(`sharding end to end: ${redisUnavailable}`);
describe.skipIf(redisUnavailable !== null)('two shards sharing one Redis', () => {
  let redis: RedisServer;
  let bot: RunningBot;
  let standIn: DiscordStandIn;
  let articles: Awaited<ReturnType<typeof makeArticlesFolder>>;

  beforeAll(async () => {
    redis = await startRedisServer();
    articles = await makeArticlesFolder();
    // Two servers, one on each shard; both shards may identify at once, so the test does not wait 5.5 s between them.
    standIn = await new DiscordStandIn({ shards: 2, guilds: 2, maxConcurrency: 2, heartbeatIntervalMs: 5_000 }).start();
    bot = await startBot({
      script: 'src/bot/sharded.ts',
      shards: 2,
      standIn,
      env: {
        ARTICLES_DIR: articles.dir,
        KEYV_URL: redis.url,
        SHARD_COUNT: 'auto',
        RATE_LIMIT_COUNT: String(rateLimitCount),
        RATE_LIMIT_WINDOW_SECONDS: '60',
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (bot && bot.process.exitCode === null) await bot.stop('SIGKILL');
    await standIn?.stop();
    await redis?.stop();
    await articles?.remove();
  });

  it('runs the shard count Discord recommends, each shard identifying as [shard_id, num_shards]', () => {
    expect(standIn.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(standIn.connectedShards).toEqual([0, 1]);
    const readyShards = bot.logs.filter((line) => line.msg === 'ready').map((line) => line.shard);
    expect(readyShards.sort()).toEqual([0, 1]);
  });

  it('both shards answer, each for the servers Discord sends it', async () => {
    for (const guildId of standIn.guildIds) {
      const record = standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId });
      const reply = await seen(record);
      expect(record.shard).toBe(shardOf(guildId, 2));
      expect(String(reply.embeds[0]!.description)).toContain('2,500');
    }
    await bot.waitForLogs((logs) => logs.filter((line) => line.msg === 'interaction').length >= 2);
    const answeredBy = bot.logs.filter((line) => line.msg === 'interaction').map((line) => line.shard);
    expect(new Set(answeredBy)).toEqual(new Set([0, 1]));
  });

  it('a per-user rate limit holds across the shards', async () => {
    const user = snowflake();
    const [first, second] = standIn.guildIds as [string, string];
    const replies: VisibleMessage[] = [];
    // Alternating servers, so alternating shards: each shard alone sees at most two of the user's commands.
    for (let n = 0; n <= rateLimitCount; n += 1)
      replies.push(
        await seen(standIn.slashCommand('articles', {}, { userId: user, guildId: n % 2 === 0 ? first : second })),
      );
    expect(replies.slice(0, rateLimitCount).every((reply) => !reply.ephemeral)).toBe(true);
    expect(replies[rateLimitCount]!.ephemeral).toBe(true);
    expect(replies[rateLimitCount]!.content).toMatch(/wait \d+ s/);
    // Another user is not slowed down, on either shard.
    for (const guildId of standIn.guildIds)
      expect((await seen(standIn.slashCommand('articles', {}, { guildId }))).ephemeral).toBe(false);
  });

  it('buttons work on a shard, their state kept in Redis', async () => {
    const answer = await seen(
      standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId: standIn.guildIds[1] }),
    );
    const context = await seen(standIn.pressButton(answer, 'Context'));
    expect(context.ephemeral).toBe(true);
    expect(String(context.embeds[0]!.description)).toContain('2,500');
  });

  it('/admin reload in a server on one shard reloads the shared articles on every shard', async () => {
    await writeFile(
      join(articles.dir, '960_footbridge.txt'),
      'Footbridge reopens\n\nThe Millbrook footbridge reopened on Tuesday after nine weeks of repairs.\n',
    );
    const [first, second] = standIn.guildIds as [string, string];
    const reply = await seen(
      standIn.subcommand('admin', 'reload', {}, { guildId: first, permissions: manageServerPermissions }),
    );
    expect(reply.content).toMatch(/^Read the shared articles again: \d+ articles/);
    for (const guildId of [first, second]) {
      const answer = await seen(
        standIn.slashCommand('ask', { question: 'When did the Millbrook footbridge reopen?' }, { guildId }),
      );
      expect(String(answer.embeds[0]!.description)).toContain('reopened on **Tuesday**');
    }
  });

  it('stops every shard on SIGTERM and exits 0', async () => {
    const code = await bot.stop('SIGTERM');
    // One comparison, so that a failure shows everything at once.
    expect({
      code,
      stoppedShards: bot.logs
        .filter((line) => line.msg === 'stopped' && line.shard !== undefined)
        .map((line) => line.shard)
        .sort(),
      managerLines: bot.logs.filter((line) => line.role === 'shard-manager').map((line) => line.msg),
      rejections: standIn.rejections,
      unknownRoutes: standIn.unknownRoutes,
      otherOutput: bot.otherOutput,
    }).toEqual({
      code: 0,
      stoppedShards: [0, 1],
      managerLines: [
        'spawning shards',
        'shard starting',
        'shard starting',
        'stopping every shard',
        'shard exited',
        'shard exited',
        'stopped',
      ],
      rejections: [],
      unknownRoutes: [],
      otherOutput: [],
    });
  });
});

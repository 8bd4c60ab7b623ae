/**
 * Redis going away under a running bot (real bot, real redis-server killed with SIGKILL and
 * started again on the same port, then frozen with SIGSTOP; the Discord stand-in with its
 * 3-second deadline): every interaction is still acknowledged in time, questions are answered
 * from memory, and a change that cannot be saved is reported as not done; once Redis is
 * back, changes work again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../src/testing/redisServer.ts';
import { lighthouseArticle, lighthouseQuestion, makeArticlesFolder } from './articles.ts';
import { startBot, type RunningBot } from '../../src/testing/botProcess.ts';
import { DiscordStandIn } from '../../src/testing/discord/standIn.ts';
import { manageServerPermissions, snowflake, type Actor } from '../../src/testing/discord/protocol.ts';
import { type InteractionRecord, type VisibleMessage } from '../../src/testing/discord/interaction.ts';
import { finalReply, seen, visibleText } from './interactions.ts';

const ferryArticle = '# Ferry timetable changes\n\nThe Saltmarsh ferry will leave at 7:15 instead of 7:40 from June.\n';
const notSaved =
  /^I can't reach my storage right now, so I couldn't do that; nothing was changed\. Please try again in a minute\.$/;

if (redisUnavailable) console.warn(`store outage end to end: ${redisUnavailable}`);
describe.skipIf(redisUnavailable !== null)('Redis down while the bot runs', () => {
  let redis: RedisServer;
  let standIn: DiscordStandIn;
  let bot: RunningBot;
  let articles: Awaited<ReturnType<typeof makeArticlesFolder>>;
  const admin: Actor = { userId: snowflake(), permissions: manageServerPermissions };
  let answerBefore: VisibleMessage;

  function addArticle(name: string, content: string): InteractionRecord {
    const file = standIn.attach({
      name,
      bytes: new TextEncoder().encode(content),
      contentType: 'text/plain; charset=utf-8',
    });
    return standIn.subcommand('admin', 'add', { file }, admin);
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    articles = await makeArticlesFolder();
    standIn = await new DiscordStandIn().start();
    bot = await startBot({
      standIn,
      env: { ARTICLES_DIR: articles.dir, KEYV_URL: redis.url, RATE_LIMIT_COUNT: '1000' },
    });
  }, 60_000);

  afterAll(async () => {
    if (bot && bot.process.exitCode === null) await bot.stop('SIGKILL');
    await standIn?.stop();
    await redis?.stop();
    await articles?.remove();
  });

  it('before: an admin adds an article and an answer quotes it, with buttons', async () => {
    expect((await finalReply(addArticle('lighthouse.txt', lighthouseArticle))).content).toMatch(
      /^Added \*\*Greyhaven lighthouse repainted\*\*/,
    );
    answerBefore = await finalReply(standIn.slashCommand('ask', { question: lighthouseQuestion }));
    expect(visibleText(answerBefore)).toContain('**40** litres of marine paint');
    expect(answerBefore.components.length).toBeGreaterThan(0);
  });

  describe('with Redis killed', () => {
    beforeAll(async () => {
      await redis.kill();
    });

    it('/help answers in time', async () => {
      const help = await seen(standIn.slashCommand('help'));
      expect(visibleText(help)).toContain('/ask');
    });

    it('/ask answers from memory, the server’s own article included, and says why there are no buttons', async () => {
      const answer = await finalReply(standIn.slashCommand('ask', { question: lighthouseQuestion }));
      expect(visibleText(answer)).toContain('**40** litres of marine paint');
      expect(answer.content).toMatch(/^I can't reach my storage right now, so this answer has no buttons/);
      expect(answer.components).toEqual([]);
      // /quote needs nothing from the store at all.
      expect((await seen(standIn.slashCommand('quote', { id: 'a1:1.1' }))).content).not.toBe('');
    });

    it('/admin add reports that nothing was saved', async () => {
      const reply = await finalReply(addArticle('ferry.md', ferryArticle));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(notSaved);
    });

    it('a settings change and a vote report that nothing was saved', async () => {
      const setting = await finalReply(standIn.subcommand('settings', 'quotes', { count: 1 }, admin));
      expect(setting.content).toMatch(notSaved);
      const vote = await finalReply(standIn.pressButton(answerBefore, '👍'));
      expect(vote.ephemeral).toBe(true);
      expect(vote.content).toMatch(notSaved);
    });

    it('More is acknowledged before its answer is looked up, then says privately that the store is out of reach', async () => {
      const record = standIn.pressButton(answerBefore, 'More');
      const reply = await finalReply(record);
      // Deferred in public, as the answer it continues is: had the store been read first, its
      // failure would have been the first response (type 4), with no deferral before it.
      expect(record.callback?.type).toBe(5);
      expect(record.callback?.data?.flags ?? 0).toBe(0);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/^I can't reach my storage right now/);
      expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
    });

    it('logs the rate limit let through and the store failures', async () => {
      await bot.waitForLogs((logs) =>
        logs.some((entry) => entry.outcome === 'store-unavailable' && entry.command === 'admin'),
      );
      expect(bot.logs.some((entry) => entry.msg === 'rate limit unavailable: interaction let through')).toBe(true);
      expect(bot.logs.filter((entry) => entry.msg === 'interaction' && entry.outcome === 'error')).toEqual([]);
    });
  });

  describe('with Redis back', () => {
    beforeAll(async () => {
      redis = await startRedisServer({ port: redis.port });
    }, 30_000);

    it('adds, answers and changes settings again', async () => {
      // The client reconnects on its own, within a couple of seconds; until then the add is refused as above.
      let added: VisibleMessage | undefined;
      for (let attempt = 0; attempt < 30; attempt += 1) {
        added = await finalReply(addArticle('ferry.md', ferryArticle));
        if (!notSaved.test(added.content)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(added!.content).toMatch(/^Added \*\*Ferry timetable changes\*\*/);
      const answer = await finalReply(
        standIn.slashCommand('ask', { question: 'When will the Saltmarsh ferry leave?' }),
      );
      expect(visibleText(answer)).toContain('7:15');
      expect(answer.components.length).toBeGreaterThan(0);
      expect((await finalReply(standIn.subcommand('settings', 'quotes', { count: 1 }, admin))).content).toMatch(
        /now show 1 quote by default/,
      );
    }, 60_000);
  });

  describe('with Redis frozen (connected, answering nothing)', () => {
    beforeAll(() => {
      redis.pause();
    });
    afterAll(() => {
      redis.resume();
    });

    it('/help and /ask are still acknowledged in time, and /ask answers from memory', async () => {
      expect(visibleText(await seen(standIn.slashCommand('help')))).toContain('/ask');
      const answer = await finalReply(
        standIn.slashCommand('ask', { question: 'When will the Saltmarsh ferry leave?' }),
      );
      expect(visibleText(answer)).toContain('7:15');
      expect(answer.components).toEqual([]);
    }, 20_000);

    it('/admin add reports that nothing was saved', async () => {
      expect((await finalReply(addArticle('lighthouse.txt', lighthouseArticle))).content).toMatch(notSaved);
    }, 20_000);
  });
});

/**
 * The real bot (discord.js, as `npm start` runs it) against the Discord stand-in: what a user
 * would see in the channel. The bot is started once for the file; each interaction comes from
 * a new user unless the test is about one user.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { gardenArticleCount, hostileMetadataArticle, longLeadArticle, makeArticlesFolder } from './articles.ts';
import { startBot, type RunningBot } from '../../src/testing/botProcess.ts';
import { snowflake } from '../../src/testing/discord/protocol.ts';
import { type VisibleMessage } from '../../src/testing/discord/interaction.ts';
import { seen } from './interactions.ts';

let bot: RunningBot;
let articles: Awaited<ReturnType<typeof makeArticlesFolder>>;
const rateLimitCount = 5;
/** Added to the usual articles for this file: one with a lead longer than an embed holds, one with hostile metadata. */
const extraArticles = { '910_quarry_works.txt': longLeadArticle, '911_pier_lights.json': hostileMetadataArticle };
const loneSurrogate = /\p{Cs}/u;

beforeAll(async () => {
  articles = await makeArticlesFolder();
  for (const [file, text] of Object.entries(extraArticles)) await writeFile(join(articles.dir, file), text);
  bot = await startBot({
    env: { ARTICLES_DIR: articles.dir, RATE_LIMIT_COUNT: String(rateLimitCount), RATE_LIMIT_WINDOW_SECONDS: '60' },
    // Shorter than Discord's 41.25 s, so that heartbeats happen while the tests run; not so
    // short that a busy machine delays an acknowledgement past the next beat (discord.js would reconnect).
    standIn: { heartbeatIntervalMs: 2_000 },
  });
});

afterAll(async () => {
  if (bot && bot.process.exitCode === null) await bot.stop('SIGKILL');
  await articles?.remove();
});

function description(message: VisibleMessage): string {
  return String(message.embeds[0]?.description ?? '');
}

/** Citation ids shown in a message, in order. */
function citedIds(text: string): string[] {
  return [...text.matchAll(/`\[([ak][0-9a-z]+:\d+\.\d+)\]`/g)].map((match) => match[1]!);
}

let askReply: VisibleMessage;

describe('/ask', () => {
  it('quotes the sentence that states the troop count, with its citation', async () => {
    const record = bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' });
    askReply = await seen(record);
    // Acknowledged by deferring, then the answer edited in.
    expect(record.callback?.type).toBe(5);
    expect(askReply.via).toBe('edit');
    expect(askReply.ephemeral).toBe(false);
    const text = description(askReply);
    const troopQuote = text.split('\n\n').find((block) => block.includes('2,500'));
    expect(troopQuote, text).toBeDefined();
    expect(troopQuote).toMatch(/^> .*2,500.*troops in Iraq/);
    // The quote's own citation comes first on the line under it (near-duplicates after "also in").
    expect(troopQuote!.split('\n')[1]).toMatch(/^— `\[[ak][0-9a-z]+:\d+\.\d+\]`/);
    expect(askReply.embeds[0]!.fields![0]!.name).toBe('Sources');
  });

  it('puts More, Context and 👍/👎 buttons under the answer', () => {
    expect(askReply.components[0]!.components.map((button: { label: string }) => button.label)).toEqual([
      'More',
      'Context',
      '👍',
      '👎',
    ]);
  });

  it('answers kindly when nothing in the articles is about the question, suggesting /search', async () => {
    const reply = await seen(bot.standIn.slashCommand('ask', { question: 'What is the weather like on Mars?' }));
    expect(description(reply)).toMatch(/couldn't find anything about/);
    expect(description(reply)).toContain('/search');
  });

  it('quotes only from the article picked with the article option', async () => {
    const reply = await seen(
      bot.standIn.slashCommand('ask', { question: 'How many troops are in Iraq?', article: 'a0', count: 2 }),
    );
    const ids = citedIds(description(reply)).filter((id) => !description(reply).includes(`also in \`[${id}]\``));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('a0:'))).toBe(true);
  });
});

describe('/quote', () => {
  it('round-trips a citation id from /ask into the same sentence, ready to paste', async () => {
    const block = description(askReply)
      .split('\n\n')
      .find((part) => part.includes('2,500'))!;
    const id = citedIds(block)[0]!;
    // The answer shows the troop count in bold; /quote has no question, so no bold.
    expect(block).toContain('**2,500**');
    const sentence = block.split('\n')[0]!.slice(2).replaceAll('**', '');
    const record = bot.standIn.slashCommand('quote', { id });
    const reply = await seen(record);
    // Acknowledged by deferring, in public as the quote is, before the server's view is read.
    expect(record.callback?.type).toBe(5);
    expect(reply.ephemeral).toBe(false);
    expect(reply.content).toContain(`> ${sentence}`);
    expect(reply.content).toContain(`\`[${id}]\``);
  });

  it('answers an unknown id privately, and leaves no public placeholder behind', async () => {
    const record = bot.standIn.slashCommand('quote', { id: 'a99:1.1' });
    const reply = await seen(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/no sentence with the id “a99:1\.1”/);
    await bot.waitForLogs((logs) => logs.some((line) => line.outcome === 'not-found' && line.command === 'quote'));
    expect(record.originalDeleted).toBe(true);
    expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
  });
});

describe('buttons', () => {
  it('More shows the next quotes for the same question', async () => {
    const record = bot.standIn.pressButton(askReply, 'More');
    const more = await seen(record);
    // Acknowledged by deferring, in public as the answer was, before the index is read.
    expect(record.callback?.type).toBe(5);
    expect(more.ephemeral).toBe(false);
    expect(more.embeds[0]!.footer!.text).toMatch(/^Quotes 4–/);
    const firstIds = new Set(citedIds(description(askReply)));
    expect(
      citedIds(description(more)).filter(
        (id) => firstIds.has(id) && !description(more).includes(`also in \`[${id}]\``),
      ),
    ).toEqual([]);
  });

  it('More under a private answer is deferred privately, as the answer is, and answers privately', async () => {
    const answer = await seen(
      bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?', private: true }),
    );
    expect(answer.ephemeral).toBe(true);
    const record = bot.standIn.pressButton(answer, 'More');
    const more = await seen(record);
    expect(record.callback?.type).toBe(5);
    expect(record.callback?.data?.flags).toBe(64);
    expect(more.ephemeral).toBe(true);
    expect(more.embeds[0]!.footer!.text).toMatch(/^Quotes 4–/);
    expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
  });

  it('Context shows the sentences around each quote, privately, the quoted ones in bold', async () => {
    const record = bot.standIn.pressButton(askReply, 'Context');
    const context = await seen(record);
    expect(record.callback?.type).toBe(5);
    expect(context.ephemeral).toBe(true);
    const text = description(context);
    expect(text).toMatch(/\*\*[^*]*2,500[^*]*\*\*/);
    // More sentences than were quoted: the neighbours, each shown once.
    expect(citedIds(text).length).toBeGreaterThan(citedIds(description(askReply)).length);
    expect(new Set(citedIds(text)).size).toBe(citedIds(text).length);
  });

  it('a button whose answer is unknown gets a private note', async () => {
    const forged: VisibleMessage = {
      ...askReply,
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'More', custom_id: 'more:gone' }] }],
    };
    const reply = await seen(bot.standIn.pressButton(forged, 'More'));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/no longer works.*Ask again/);
  });
});

describe('autocomplete', () => {
  it('offers at most 25 sentence choices for /quote, by id or by words', async () => {
    for (const typed of ['', 'a1', 'troops', 'a0:3']) {
      const choices = await bot.standIn.autocomplete('quote', 'id', typed).autocompleteChoices();
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) expect(String(choice.name).length).toBeLessThanOrEqual(100);
    }
    const byId = await bot.standIn.autocomplete('quote', 'id', 'a0:3').autocompleteChoices();
    expect(byId.every((choice) => String(choice.value).startsWith('a0:3'))).toBe(true);
  });

  it('offers article titles for /ask and /article, the key as the value', async () => {
    const choices = await bot.standIn
      .autocomplete('ask', 'article', 'iraq', { question: 'troops' })
      .autocompleteChoices();
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.every((choice) => /^a\d+$/.test(String(choice.value)))).toBe(true);
    const article = await bot.standIn.autocomplete('article', 'name', 'harbour').autocompleteChoices();
    expect(article.map((choice) => choice.value)).toEqual(['a900']);
  });
});

describe('mentions in quoted text', () => {
  it('never pings @everyone from a quoted sentence', async () => {
    const reply = await seen(bot.standIn.slashCommand('quote', { id: 'a900:2.1' }));
    expect(reply.content).toContain('@everyone the harbour festival starts at noon');
    expect(reply.payload.allowed_mentions).toEqual({ parse: [] });
    expect(reply.pinged).toEqual([]);
  });

  it('never pings a user or a role from a quoted sentence, in an answer or a quote', async () => {
    const answer = await seen(bot.standIn.slashCommand('ask', { question: 'Who should bring the festival lanterns?' }));
    expect(description(answer)).toContain('@123456789012345678');
    expect(answer.pinged).toEqual([]);
    const quote = await seen(bot.standIn.slashCommand('quote', { id: 'a900:3.1' }));
    expect(quote.content).toContain('@&234567890123456789');
    expect(quote.pinged).toEqual([]);
  });

  it('shows markdown in quoted text as typed', async () => {
    const quote = await seen(bot.standIn.slashCommand('quote', { id: 'a900:4.1' }));
    expect(quote.content).toContain('typed \\*\\*bold\\*\\* and \\`code\\`');
  });
});

describe('bad input gets a private, clear reply', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty question', '   ', /empty/],
    ['an over-long question', 'troops '.repeat(50), /300/],
    ['control characters', 'troops\u0007 in Iraq', /control or invisible characters/],
  ];
  for (const [what, question, explanation] of cases) {
    it(`refuses ${what}`, async () => {
      const record = bot.standIn.slashCommand('ask', { question });
      const reply = await seen(record);
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(explanation);
      // Refused before any acknowledgement: no public "thinking…" comes and goes.
      expect(record.callback?.type).toBe(4);
      expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
    });
  }

  it('refuses an article the bot has not read', async () => {
    const reply = await seen(bot.standIn.slashCommand('ask', { question: 'troops', article: 'The Moon Times' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/not read an article called “The Moon Times”/);
  });
});

describe('half characters and missing options', () => {
  it('refuses a question holding half an emoji, privately, without echoing it', async () => {
    const record = bot.standIn.slashCommand('ask', { question: 'How many troops are in Iraq? \ud83d' });
    const reply = await seen(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Your question contains a broken character/);
    expect(loneSurrogate.test(reply.content)).toBe(false);
    expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
  });

  it('refuses a citation id or an article name holding half a character', async () => {
    expect((await seen(bot.standIn.slashCommand('quote', { id: 'a0:3.1\ud800' }))).content).toMatch(
      /^Your citation id contains a broken character/,
    );
    expect((await seen(bot.standIn.slashCommand('article', { name: 'harbour\udc00' }))).content).toMatch(
      /^Your article name contains a broken character/,
    );
  });

  it('"Find quotes" drops half characters from the message and answers the rest', async () => {
    const reply = await seen(
      bot.standIn.messageCommand('Find quotes', 'Are there still 2,500 US troops in Iraq?\ud83d'),
    );
    expect(reply.embeds[0]!.title).toMatch(/^Quotes on: Are there still 2,500 US troops in Iraq\?$/);
    expect(description(reply)).toContain('2,500');
  });

  it('"Find quotes" on a message nothing answers shows the closest quotes under the message, as such', async () => {
    const reply = await seen(
      bot.standIn.messageCommand('Find quotes', 'How much is the Iraq mission costing US taxpayers?'),
    );
    expect(reply.embeds[0]!.title).toBe('Quotes on: How much is the Iraq mission costing US taxpayers?');
    expect(description(reply)).toMatch(/These are the closest quotes, not an answer/);
  });

  it('says which option is missing, privately, rather than apologising', async () => {
    const user = snowflake();
    for (const [command, option] of [
      ['quote', 'id'],
      ['article', 'name'],
    ] as const) {
      const reply = await seen(bot.standIn.slashCommand(command, {}, user));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(
        `The option \`${option}\` is missing. Try \`/${command} ${option}: …\`; \`/help\` lists every command.`,
      );
    }
    const lines = (logs: readonly Record<string, unknown>[]): Record<string, unknown>[] =>
      logs.filter((line) => line.msg === 'interaction' && line.user === user);
    await bot.waitForLogs((logs) => lines(logs).length === 2);
    expect(lines(bot.logs).map((line) => line.outcome)).toEqual(['invalid-input', 'invalid-input']);
    expect(bot.logs.filter((line) => line.user === user && line.msg === 'handler failed')).toEqual([]);
  });
});

describe('the other commands', () => {
  it('/search lists matching sentences with their ids', async () => {
    const reply = await seen(bot.standIn.slashCommand('search', { terms: 'Kadhimi' }));
    const lines = description(reply).split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^`\[[ak][0-9a-z]+:\d+\.\d+\]` .*Kadhimi/);
  });

  it('/articles lists what the bot has read, a page at a time', async () => {
    const total = 5 + gardenArticleCount + Object.keys(extraArticles).length;
    const listed = bot.standIn.slashCommand('articles');
    const first = await seen(listed);
    expect(listed.callback?.type).toBe(5);
    expect(first.embeds[0]!.title).toBe(`Articles I have read (${total})`);
    expect(description(first).split('\n')).toHaveLength(10);
    expect(first.components[0]!.components.map((button: { label: string }) => button.label)).toEqual(['Next']);
    const pressed = bot.standIn.pressButton(first, 'Next');
    const second = await seen(pressed);
    // The same message, updated in place after a deferred update (the server's view is read first).
    expect(pressed.callback?.type).toBe(6);
    expect(second.id).toBe(first.id);
    expect(description(second).split('\n')).toHaveLength(total - 10);
    expect(description(second)).toContain('Harbour festival announcement');
    expect(second.embeds[0]!.footer!.text).toMatch(/^Page 2 of 2/);
    expect(second.components[0]!.components.map((button: { label: string }) => button.label)).toEqual(['Previous']);
  });

  it('/article shows one article with its lead', async () => {
    const record = bot.standIn.slashCommand('article', { name: 'a900' });
    const reply = await seen(record);
    expect(record.callback?.type).toBe(5);
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]!.title).toBe('Harbour festival announcement');
    expect(description(reply)).toContain('Organisers of the harbour festival posted the schedule on Friday.');
  });

  it('/article fits a lead longer than an embed holds, cut with a marker, and Discord accepts it', async () => {
    const before = bot.standIn.rejections.length;
    const record = bot.standIn.slashCommand('article', { name: 'Quarry works inquiry' });
    const reply = await seen(record);
    expect(reply.ephemeral).toBe(false);
    expect(reply.embeds[0]!.title).toBe('Quarry works inquiry');
    expect(description(reply)).toMatch(/^> Inquiry finding 1 said the quarry board reviewed the gates/);
    expect(description(reply).length).toBeLessThanOrEqual(4096);
    expect(description(reply)).toContain('[…]');
    expect(bot.standIn.rejections.slice(before)).toEqual([]);
  });

  it("/article and /ask show metadata as written, and link only to the article's own address", async () => {
    const details = await seen(bot.standIn.slashCommand('article', { name: 'pier lights' }));
    const embed = details.embeds[0]!;
    expect(embed.title).toBe(
      '\\*\\*Pier lights\\*\\* \\[Click-to-verify\\]\\(https://evil.example/login\\) \\<@123456789012345678\\>',
    );
    expect(embed.url).toBe('https://good.example/pier%29%5BClick-to-verify%5D%28https://evil.example/login');
    const fields = Object.fromEntries(
      embed.fields.map((field: { name: string; value: string }) => [field.name, field.value]),
    );
    expect(fields).toMatchObject({
      Outlet: '\\_\\_Coast Post\\_\\_ \\[x\\]\\(https://evil.example\\)',
      Author: '\\# Jo Reporter',
      Published: '\\[26 July\\]\\(https://evil.example/date\\)',
    });
    const answer = await seen(
      bot.standIn.slashCommand('ask', { question: 'When will the new pier lights be installed?' }),
    );
    const sources = answer.embeds[0]!.fields![0]!.value as string;
    expect(sources).toContain(
      '[\\*\\*Pier lights\\*\\* \\[Click-to-verify\\]\\(https://evil.example/login\\) \\<@123456789012345678\\>](https://good.example/pier%29%5BClick-to-verify%5D%28https://evil.example/login)',
    );
    expect(answer.pinged).toEqual([]);
  });

  it('"Find quotes" on a message quotes what bears on it', async () => {
    const reply = await seen(
      bot.standIn.messageCommand(
        'Find quotes',
        'Apparently there are still 2,500 American troops in Iraq?\nIs that right?',
      ),
    );
    expect(reply.embeds[0]!.title).toMatch(/^Quotes on: Apparently there are still 2,500/);
    expect(description(reply)).toContain('2,500');
  });

  it('/help lists every command, privately', async () => {
    const reply = await seen(bot.standIn.slashCommand('help'));
    expect(reply.ephemeral).toBe(true);
    for (const definition of commandDefinitions)
      expect(description(reply)).toContain(definition.name === 'Find quotes' ? 'Find quotes' : `/${definition.name}`);
  });
});

describe('Discord accepts every reply', () => {
  it('for every article title asked as a question with five quotes, and for broad searches', async () => {
    const titles = (await seen(bot.standIn.slashCommand('articles'))).embeds[0]!.description as string;
    const questions = [...titles.matchAll(/\*\*(.+?)\*\*/g)].map((match) => match[1]!.replace(/\\/g, ''));
    expect(questions.length).toBeGreaterThan(5);
    for (const question of [
      ...questions,
      'What did officials say about the troops, the mission, the coalition and the advisers in Iraq and Syria?',
    ]) {
      const reply = await seen(bot.standIn.slashCommand('ask', { question: question.slice(0, 300), count: 5 }));
      expect(reply.embeds.length).toBe(1);
    }
    for (const terms of ['the', 'said', 'Iraq troops'])
      expect((await seen(bot.standIn.slashCommand('search', { terms }))).embeds.length).toBe(1);
    expect(bot.standIn.rejections).toEqual([]);
  });
});

describe('resilience', () => {
  it('a handler that fails answers with a private apology and the bot keeps answering', async () => {
    const record = bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' });
    // Discord refuses the answer (as it would a malformed one): the handler throws.
    record.refuseNextEdit = { status: 400, code: 50035, message: 'Invalid Form Body' };
    const reply = await seen(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Sorry, something went wrong/);
    const failureLogged = (logs: readonly Record<string, unknown>[]): boolean =>
      logs.some((line) => line.msg === 'handler failed' && line.level === 50);
    await bot.waitForLogs(failureLogged);
    expect(failureLogged(bot.logs)).toBe(true);
    const next = await seen(bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }));
    expect(description(next)).toContain('2,500');
    expect(bot.process.exitCode).toBeNull();
  });

  it('slows down one user who floods, privately, without slowing others', async () => {
    const user = snowflake();
    const replies: VisibleMessage[] = [];
    for (let n = 0; n <= rateLimitCount; n += 1)
      replies.push(await seen(bot.standIn.slashCommand('articles', {}, user)));
    expect(replies.slice(0, rateLimitCount).every((reply) => !reply.ephemeral)).toBe(true);
    expect(replies[rateLimitCount]!.ephemeral).toBe(true);
    expect(replies[rateLimitCount]!.content).toMatch(/wait \d+ s/);
    expect((await seen(bot.standIn.slashCommand('articles'))).ephemeral).toBe(false);
  });
});

describe('the whole session', () => {
  it('sent nothing Discord would refuse, and no message could ping anyone', () => {
    expect(bot.standIn.rejections.filter((rejection) => !rejection.problems.includes('Invalid Form Body'))).toEqual([]);
    expect(bot.standIn.unknownRoutes).toEqual([]);
    // Nothing but log lines: no warnings or deprecations from discord.js or Node.
    expect(bot.otherOutput).toEqual([]);
    const messages = [...bot.standIn.interactions.values()].flatMap((record) => record.messages);
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages) {
      expect(message.payload.allowed_mentions).toEqual({ parse: [] });
      expect(message.pinged).toEqual([]);
    }
  });

  it('identified with the Guilds intent only and kept the connection alive with heartbeats', async () => {
    for (let waited = 0; bot.standIn.heartbeats === 0 && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bot.standIn.heartbeats).toBeGreaterThan(0);
    expect(bot.standIn.identifies.length).toBeGreaterThan(0);
    for (const identify of bot.standIn.identifies) expect(identify.intents).toBe(1);
  });

  it('logged one line per interaction with command, latency and outcome, and no question text at info level', async () => {
    const handled = [...bot.standIn.interactions.values()].filter((record) => record.type !== 4).length;
    await bot.waitForLogs((logs) => logs.filter((line) => line.msg === 'interaction').length >= handled);
    const interactionLines = bot.logs.filter((line) => line.msg === 'interaction');
    expect(interactionLines).toHaveLength(handled);
    for (const line of interactionLines)
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['command', 'latencyMs', 'outcome']));
    const infoText = JSON.stringify(bot.logs.filter((line) => Number(line.level) <= 30));
    expect(infoText).not.toContain('How many US troops');
    expect(infoText).not.toContain('lanterns');
  });

  it('stops on SIGTERM: finishes the interaction in flight, takes no new ones, logs out and exits 0', async () => {
    const inFlight = bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' });
    // Discord is slow to confirm the deferral, so the answer is still to come when the signal arrives.
    inFlight.holdCallbackAnswerMs = 1000;
    while (!inFlight.callback) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = bot.stop('SIGTERM');
    await bot.waitForLogs((logs) => logs.some((line) => line.msg === 'stopping: no new interactions'));
    const afterSignal = bot.standIn.slashCommand('help');
    const code = await stopped;
    expect(description(await inFlight.settled())).toContain('2,500');
    expect(afterSignal.messages).toEqual([]);
    expect(code).toBe(0);
    expect(bot.standIn.gatewayCloses.map((close) => close.code)).toContain(1000);
    expect(bot.logs.at(-1)?.msg).toBe('stopped');
  });
});

/**
 * What server admins do, end to end (real bot, real discord.js, a SQLite store in a temporary
 * folder, the stand-in with two servers): add articles from attachments, remove them, reload
 * the shared folder, change the settings; users vote on answers; and all of it is still there
 * after a restart.
 */
import { spawn } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleAddLimits } from '../../src/discord/addLimits.ts';
import { FeedbackStore } from '../../src/store/feedback.ts';
import { openStore } from '../../src/store/open.ts';
import { lighthouseArticle, lighthouseQuestion, makeArticlesFolder } from './articles.ts';
import { botEnvironment, startBot, temporaryStore, type RunningBot } from '../../src/testing/botProcess.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';
import { DiscordStandIn } from '../../src/testing/discord/standIn.ts';
import { manageServerPermissions, snowflake, type Actor } from '../../src/testing/discord/protocol.ts';
import { type InteractionRecord, type VisibleMessage } from '../../src/testing/discord/interaction.ts';
import { finalReply, seen, visibleText } from './interactions.ts';

let standIn: DiscordStandIn;
let bot: RunningBot;
let store: Awaited<ReturnType<typeof temporaryStore>>;
let articles: Awaited<ReturnType<typeof makeArticlesFolder>>;
let serverA: string;
let serverB: string;
const adminA: Actor = { userId: snowflake(), permissions: manageServerPermissions };

function start(): Promise<RunningBot> {
  return startBot({ standIn, env: { ARTICLES_DIR: articles.dir, KEYV_URL: store.url, RATE_LIMIT_COUNT: '1000' } });
}

beforeAll(async () => {
  articles = await makeArticlesFolder();
  store = await temporaryStore();
  standIn = await new DiscordStandIn({ guilds: 2 }).start();
  [serverA, serverB] = standIn.guildIds as [string, string];
  bot = await start();
});

afterAll(async () => {
  if (bot && bot.process.exitCode === null) await bot.stop('SIGKILL');
  await standIn?.stop();
  await store?.remove();
  await articles?.remove();
});

function addArticle(
  name: string,
  content: string | Uint8Array,
  as: Actor = adminA,
  declaredSize?: number,
): InteractionRecord {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const file = standIn.attach({
    name,
    bytes,
    contentType: 'text/plain; charset=utf-8',
    ...(declaredSize !== undefined ? { declaredSize } : {}),
  });
  return standIn.subcommand('admin', 'add', { file }, { guildId: serverA, ...as });
}

async function ownArticles(guildId: string): Promise<string> {
  return visibleText(await seen(standIn.subcommand('admin', 'list', {}, { ...adminA, guildId })));
}

let lighthouseKey: string;

describe('/admin add', () => {
  it('adds an article from an attachment, privately, after deferring', async () => {
    const record = addArticle('lighthouse.txt', lighthouseArticle);
    const reply = await finalReply(record);
    expect(record.callback?.type).toBe(5);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Added \*\*Greyhaven lighthouse repainted\*\*/);
    expect(reply.content).toMatch(/This server's articles now use 3 of 20,000 sentences and 204 B of 8\.0 MiB\.$/);
    lighthouseKey = /as `([ak][0-9a-z]+)`/.exec(reply.content)![1]!;
    const listed = await ownArticles(serverA);
    expect(listed).toContain('lighthouse.txt');
    expect(listed).toContain('they use 3 of 20,000 sentences and 204 B of 8.0 MiB');
  });

  it('says what it changed to keep an article: a title cut, a url left out', async () => {
    const asB: Actor = { userId: snowflake(), permissions: manageServerPermissions };
    const article = JSON.stringify({
      title: `Ferry timetable ${'and more '.repeat(50)}`,
      url: 'javascript:alert(1)',
      body: 'The ferry leaves the harbour at seven every morning. It returns at six in the evening.',
    });
    const file = standIn.attach({ name: 'ferry-times.json', bytes: new TextEncoder().encode(article) });
    const reply = await finalReply(standIn.subcommand('admin', 'add', { file }, { guildId: serverB, ...asB }));
    expect(reply.content).toMatch(/^Added \*\*Ferry timetable/);
    expect(reply.content).toMatch(/Kept with changes: [^.]*its url was left out: only http and https addresses/);
    expect(reply.content).toMatch(/Kept with changes: [^.]*its title is over 300 characters; it was cut/);
    const removed = await finalReply(
      standIn.subcommand('admin', 'remove', { article: 'ferry-times.json' }, { guildId: serverB, ...asB }),
    );
    expect(removed.content).toMatch(/^Removed/);
  });

  it('/ask in that server quotes the new article; the other server never sees it', async () => {
    const inA = await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverA }));
    expect(visibleText(inA)).toContain('**40** litres of marine paint');
    expect(visibleText(inA)).toContain(`[${lighthouseKey}:2.1]`);

    const inB = await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverB }));
    expect(visibleText(inB)).not.toContain('marine paint');
    expect(
      visibleText(await seen(standIn.slashCommand('search', { terms: 'lighthouse paint' }, { guildId: serverB }))),
    ).not.toContain('marine paint');
    expect(
      visibleText(await seen(standIn.slashCommand('search', { terms: 'lighthouse paint' }, { guildId: serverA }))),
    ).toContain('marine paint');
    expect(
      (await seen(standIn.slashCommand('quote', { id: `${lighthouseKey}:2.1` }, { guildId: serverB }))).content,
    ).toMatch(/no sentence with the id/);
    expect(visibleText(await seen(standIn.slashCommand('articles', {}, { guildId: serverB })))).not.toContain(
      'Greyhaven',
    );
    expect(
      await standIn
        .autocomplete('ask', 'article', 'greyhaven', { question: 'paint' }, { guildId: serverB })
        .autocompleteChoices(),
    ).toEqual([]);
    expect(
      await standIn.autocomplete('quote', 'id', 'marine paint', {}, { guildId: serverB }).autocompleteChoices(),
    ).toEqual([]);

    expect(
      (await seen(standIn.slashCommand('quote', { id: `${lighthouseKey}:2.1` }, { guildId: serverA }))).content,
    ).toContain('40 litres of marine paint');
    expect(
      (
        await standIn
          .autocomplete('ask', 'article', 'greyhaven', { question: 'paint' }, { guildId: serverA })
          .autocompleteChoices()
      ).map((choice) => choice.value),
    ).toEqual([lighthouseKey]);
  });

  const refusals: [string, () => InteractionRecord, RegExp][] = [
    [
      'a file of the wrong type',
      () => addArticle('slides.pdf', 'A title\n\nSome text that is not really a PDF.'),
      /unsupported file type "\.pdf"; use \.txt, \.md or \.json/,
    ],
    [
      'a file over the size limit',
      () => addArticle('huge.txt', `Huge\n\n${'word '.repeat(450_000)}`),
      /over the 2\.0 MiB limit/,
    ],
    [
      'a file that claims to be small but is not',
      () => addArticle('sneaky.txt', `Sneaky\n\n${'word '.repeat(450_000)}`, adminA, 1_000),
      /over the 2\.0 MiB limit/,
    ],
    [
      'a file that is not UTF-8',
      () =>
        addArticle(
          'latin1.txt',
          Uint8Array.from([
            0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x75, 0x76, 0x65, 0x72, 0x74,
          ]),
        ),
      /not UTF-8 text/,
    ],
    ['an empty file', () => addArticle('empty.txt', ''), /the file is empty/],
  ];
  for (const [what, send, reason] of refusals) {
    it(`refuses ${what} with a clear private reply, and loses nothing`, async () => {
      const before = await ownArticles(serverA);
      const reply = await finalReply(send());
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/^I could not add “.+”: /);
      expect(reply.content).toMatch(reason);
      expect(reply.content).toMatch(/Nothing was changed\.$/);
      expect(await ownArticles(serverA)).toBe(before);
      expect(
        visibleText(await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverA }))),
      ).toContain('**40** litres of marine paint');
    });
  }

  it('refuses a member without Manage Server, and adds nothing', async () => {
    const before = await ownArticles(serverA);
    const reply = await finalReply(
      addArticle('intruder.txt', 'Intruder\n\nThis article should never be added.', { userId: snowflake() }),
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe("Only members with the Manage Server permission can manage this server's articles.");
    expect(await ownArticles(serverA)).toBe(before);
  });

  it('says which option is missing when a subcommand arrives without it', async () => {
    const reply = await finalReply(standIn.subcommand('admin', 'remove', {}, { ...adminA, guildId: serverA }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'The option `article` is missing. Try `/admin remove article: …`; `/help` lists every command.',
    );
  });
});

/** 2 MiB of one-line paragraphs of a few words: several seconds of reading with wink. */
function manyTinySentences(): Uint8Array {
  const lines = ['Tiny sentences', ''];
  let length = 0;
  for (let n = 0; length < 2 * 1024 * 1024 - 100; n += 1) {
    const line = `ox${n} n ran\n`;
    lines.push(line);
    length += line.length + 1;
  }
  return new TextEncoder().encode(lines.join('\n'));
}

describe('while one server adds a big article', () => {
  it('other servers still get answers within the deadline; the article is refused for its sentences', async () => {
    const before = await ownArticles(serverA);
    const add = addArticle('tiny.txt', manyTinySentences());
    const others: InteractionRecord[] = [];
    for (let call = 0; call < 10; call += 1) {
      others.push(
        call % 2 === 0
          ? standIn.slashCommand('help', {}, { guildId: serverB })
          : standIn.slashCommand('articles', {}, { guildId: serverB }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    for (const record of others) await seen(record);

    await seen(add);
    const deadline = Date.now() + 60_000;
    while (add.reply!.content === '' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(add.reply!.ephemeral).toBe(true);
    expect(add.reply!.content).toMatch(
      /^I could not add “tiny\.txt”: the article has 1\d\d,\d{3} sentences, over the 10,000 limit for one article\. Nothing was changed\.$/,
    );
    expect(await ownArticles(serverA)).toBe(before);
  });
});

describe('/admin remove and reload', () => {
  it('removes an article: the server no longer quotes it', async () => {
    const added = await finalReply(
      addArticle(
        'ferry.md',
        '# Ferry timetable changes\n\nThe Saltmarsh ferry will leave at 7:15 instead of 7:40 from June.\n',
      ),
    );
    expect(added.content).toMatch(/^Added/);
    expect(
      visibleText(
        await seen(
          standIn.slashCommand('ask', { question: 'When will the Saltmarsh ferry leave?' }, { guildId: serverA }),
        ),
      ),
    ).toContain('7:15');
    const choices = await standIn
      .autocomplete('admin', 'article', 'ferry', {}, { ...adminA, guildId: serverA }, 'remove')
      .autocompleteChoices();
    expect(choices.map((choice) => choice.value)).toEqual(['ferry.md']);
    const record = standIn.subcommand('admin', 'remove', { article: 'ferry.md' }, { ...adminA, guildId: serverA });
    const removed = await finalReply(record);
    expect(record.callback?.type).toBe(5);
    expect(removed.content).toMatch(/^Removed \*\*Ferry timetable changes\*\*/);
    expect(
      visibleText(
        await seen(
          standIn.slashCommand('ask', { question: 'When will the Saltmarsh ferry leave?' }, { guildId: serverA }),
        ),
      ),
    ).not.toContain('7:15');
    expect(await ownArticles(serverA)).not.toContain('ferry.md');
    expect(await ownArticles(serverA)).toContain('lighthouse.txt');
  });

  it('says so when there is no such article to remove', async () => {
    const reply = await finalReply(
      standIn.subcommand('admin', 'remove', { article: 'nothing.txt' }, { ...adminA, guildId: serverA }),
    );
    expect(reply.content).toMatch(/This server has no article called “nothing\.txt”/);
  });

  it('reload reads the shared folder again: every server then quotes the new file', async () => {
    await writeFile(
      join(articles.dir, '950_orchard.txt'),
      'Orchard harvest\n\nThe Hollins orchard picked 12 tonnes of apples this autumn.\n',
    );
    const reply = await finalReply(standIn.subcommand('admin', 'reload', {}, { ...adminA, guildId: serverB }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Read the shared articles again: \d+ articles/);
    for (const guildId of [serverA, serverB])
      expect(
        visibleText(
          await seen(
            standIn.slashCommand(
              'ask',
              { question: 'How many tonnes of apples did the Hollins orchard pick?' },
              { guildId },
            ),
          ),
        ),
      ).toContain('**12** tonnes');
    // Server A still has its own article beside the new shared one.
    expect(
      visibleText(await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverA }))),
    ).toContain('marine paint');
  });

  it('reload with the folder gone says so and keeps the articles it had', async () => {
    await rename(articles.dir, `${articles.dir}-moved`);
    try {
      const reply = await finalReply(standIn.subcommand('admin', 'reload', {}, { ...adminA, guildId: serverA }));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/The articles folder .* does not exist\. I kept the articles I had\./);
    } finally {
      await rename(`${articles.dir}-moved`, articles.dir);
    }
    expect(
      visibleText(
        await seen(
          standIn.slashCommand(
            'ask',
            { question: 'How many tonnes of apples did the Hollins orchard pick?' },
            { guildId: serverA },
          ),
        ),
      ),
    ).toContain('**12** tonnes');
  });
});

describe('/settings', () => {
  it('anyone may view the settings; only Manage Server may change them', async () => {
    const view = await seen(standIn.subcommand('settings', 'view', {}, { guildId: serverB }));
    expect(view.ephemeral).toBe(true);
    expect(visibleText(view)).toMatch(/3 by default/);
    const refused = await seen(standIn.subcommand('settings', 'quotes', { count: 1 }, { guildId: serverB }));
    expect(refused.content).toBe("Only members with the Manage Server permission can change this server's settings.");
    expect(visibleText(await seen(standIn.subcommand('settings', 'view', {}, { guildId: serverB })))).toMatch(
      /3 by default/,
    );
  });

  it('the default number of quotes changes how many /ask shows', async () => {
    const changed = await seen(standIn.subcommand('settings', 'quotes', { count: 1 }, { ...adminA, guildId: serverB }));
    expect(changed.content).toMatch(/now show 1 quote by default/);
    const answer = await seen(
      standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId: serverB }),
    );
    expect(answer.embeds[0]!.footer!.text).toMatch(/^Quotes 1–1 /);
    // The option still wins, and the other server keeps its own default.
    expect(
      (
        await seen(
          standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?', count: 2 }, { guildId: serverB }),
        )
      ).embeds[0]!.footer!.text,
    ).toMatch(/^Quotes 1–2 /);
    expect(
      (await seen(standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId: serverA })))
        .embeds[0]!.footer!.text,
    ).toMatch(/^Quotes 1–3 /);
  });

  it('private answers by default: only the asker sees them, unless they ask otherwise', async () => {
    expect(
      (
        await seen(
          standIn.subcommand('settings', 'answers', { visibility: 'private' }, { ...adminA, guildId: serverB }),
        )
      ).content,
    ).toMatch(/private by default/);
    const record = standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId: serverB });
    const answer = await seen(record);
    expect(answer.ephemeral).toBe(true);
    expect(record.messages.filter((message) => !message.ephemeral)).toEqual([]);
    // The articles give the count as of their dates: 2,500 (2021) or 4,565 (2016).
    expect(visibleText(answer)).toMatch(/2,500|4,565/);
    expect(
      (
        await seen(
          standIn.slashCommand(
            'ask',
            { question: 'How many US troops are in Iraq?', private: false },
            { guildId: serverB },
          ),
        )
      ).ephemeral,
    ).toBe(false);
    expect(
      (await seen(standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }, { guildId: serverA })))
        .ephemeral,
    ).toBe(false);
  });

  it('a shared article turned off is never quoted, cited or offered in that server', async () => {
    const question = 'Who should bring the festival lanterns?';
    expect(visibleText(await seen(standIn.slashCommand('ask', { question }, { guildId: serverB })))).toContain(
      'lanterns',
    );
    const off = await seen(
      standIn.subcommand('settings', 'article', { article: 'a900', enabled: false }, { ...adminA, guildId: serverB }),
    );
    expect(off.content).toMatch(/Harbour festival announcement.*is now off/);
    expect(visibleText(await seen(standIn.slashCommand('ask', { question }, { guildId: serverB })))).not.toContain(
      'lanterns early',
    );
    expect((await seen(standIn.slashCommand('quote', { id: 'a900:2.1' }, { guildId: serverB }))).content).toMatch(
      /no sentence with the id/,
    );
    expect(
      await standIn.autocomplete('article', 'name', 'harbour', {}, { guildId: serverB }).autocompleteChoices(),
    ).toEqual([]);
    expect(visibleText(await seen(standIn.subcommand('settings', 'view', {}, { guildId: serverB })))).toMatch(
      /Turned off[\s\S]*a900/,
    );
    // Server A is unaffected.
    expect(visibleText(await seen(standIn.slashCommand('ask', { question }, { guildId: serverA })))).toContain(
      'lanterns',
    );
  });
});

let votedAnswer: VisibleMessage;
let votedQuestion: string;
let closestQuestion: string;

describe('feedback', () => {
  it('👍/👎 under an answer: one vote per user, a second press changes or keeps it, each with a private thanks', async () => {
    votedQuestion = 'How many troops are in Iraq now?';
    votedAnswer = await seen(standIn.slashCommand('ask', { question: votedQuestion }, { guildId: serverA }));
    const alice = snowflake();
    const bob = snowflake();
    const press = standIn.pressButton(votedAnswer, '👍', alice);
    const first = await seen(press);
    // Acknowledged by deferring privately, before the store is read and written.
    expect(press.callback).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(first.ephemeral).toBe(true);
    expect(first.content).toMatch(/^Thanks for the 👍/);
    expect((await seen(standIn.pressButton(votedAnswer, '👍', alice))).content).toMatch(/already gave this answer 👍/);
    expect((await seen(standIn.pressButton(votedAnswer, '👎', alice))).content).toMatch(/from 👍 to 👎/);
    expect((await seen(standIn.pressButton(votedAnswer, '👎', bob))).content).toMatch(/^Thanks for the 👎/);
    expect((await seen(standIn.pressButton(votedAnswer, '👍', snowflake()))).content).toMatch(/^Thanks for the 👍/);

    const opened = await openStore(store.url);
    try {
      const summary = await new FeedbackStore(opened).summary();
      const entry = summary.find((feedback) => feedback.answer?.question === votedQuestion)!;
      expect({ up: entry.up, down: entry.down }).toEqual({ up: 1, down: 2 });
      expect(entry.answer!.guildId).toBe(serverA);
      expect(entry.answer!.citationIds.length).toBeGreaterThan(0);
      expect(visibleText(votedAnswer)).toContain(`[${entry.answer!.citationIds[0]}]`);
    } finally {
      await opened.close();
    }
  });

  it('closest quotes that do not answer get Context and 👍/👎 too, and a vote on them is kept as such', async () => {
    closestQuestion = 'How much is the Iraq mission costing US taxpayers?';
    const reply = await seen(standIn.slashCommand('ask', { question: closestQuestion }, { guildId: serverB }));
    expect(visibleText(reply)).toMatch(/These are the closest quotes, not an answer/);
    const labels = reply.components[0]!.components.map((button: { label: string }) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Context', '👍', '👎']));
    expect((await seen(standIn.pressButton(reply, 'Context'))).ephemeral).toBe(true);
    expect((await seen(standIn.pressButton(reply, '👍', snowflake()))).content).toMatch(/^Thanks for the 👍/);

    const opened = await openStore(store.url);
    try {
      const summary = await new FeedbackStore(opened).summary();
      const entry = summary.find((feedback) => feedback.answer?.question === closestQuestion)!;
      expect({ up: entry.up, down: entry.down, closest: entry.answer!.closest }).toEqual({
        up: 1,
        down: 0,
        closest: true,
      });
    } finally {
      await opened.close();
    }
  });

  it('npm run feedback shows the votes with the question and the quoted ids', async () => {
    const output = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/feedback.ts'], {
        cwd: repositoryRoot,
        env: botEnvironment(standIn, { KEYV_URL: store.url }),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.on('exit', () => resolve(stdout));
    });
    expect(output).toContain(`👎 2  👍 1  ${votedQuestion}\n`);
    expect(output).toContain(`👎 0  👍 1  ${closestQuestion} (shown as the closest quotes, not an answer)`);
  });
});

describe('how often a server may add articles', () => {
  it('refuses an attachment once the server has added its 30 articles of the hour, as it refuses a link', async () => {
    const adminB: Actor = { userId: snowflake(), permissions: manageServerPermissions };
    const before = await ownArticles(serverB);
    // 30 adds by other admins, counted in the store by the bot's own limits: the hour's
    // allowance used up, whatever the server added before.
    const opened = await openStore(store.url);
    try {
      const limits = new ArticleAddLimits(opened);
      for (let add = 0; add < 30; add += 1) await limits.take('file', serverB, snowflake());
    } finally {
      await opened.close();
    }
    const file = standIn.attach({ name: 'pier.txt', bytes: new TextEncoder().encode(lighthouseArticle) });
    const reply = await finalReply(standIn.subcommand('admin', 'add', { file }, { guildId: serverB, ...adminB }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(
      /^I could not add “pier\.txt”: this server has added 30 articles in 60 minutes, the most it may; try again in \d+ minutes?\. Nothing was changed\.$/,
    );
    expect(await ownArticles(serverB)).toBe(before);
  });
});

describe('after a restart', () => {
  let contextBeforeRestart: VisibleMessage;

  it('keeps the servers’ articles, settings and votes, and loads the stored index', async () => {
    contextBeforeRestart = await seen(
      standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverA }),
    );
    expect(await bot.stop('SIGTERM')).toBe(0);
    bot = await start();
    const ready = bot.logs.find((line) => line.msg === 'ready')!;
    expect(ready.index).toBe('stored');
    expect(ready.articlesAnalysed).toBe(0);

    // Each server's own view, though neither server's articles are in memory yet: its own
    // article is found, and a shared one it turned off is not.
    const own = await seen(standIn.slashCommand('article', { name: 'Greyhaven' }, { guildId: serverA }));
    expect(own.embeds[0]?.title).toBe('Greyhaven lighthouse repainted');
    const off = await seen(standIn.slashCommand('article', { name: 'a900' }, { guildId: serverB }));
    expect(off.ephemeral).toBe(true);
    expect(off.content).toMatch(/^I have not read an article called “a900”/);

    expect(await ownArticles(serverA)).toContain('lighthouse.txt');
    expect(
      visibleText(await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverA }))),
    ).toContain('**40** litres of marine paint');
    expect(
      visibleText(await seen(standIn.slashCommand('ask', { question: lighthouseQuestion }, { guildId: serverB }))),
    ).not.toContain('marine paint');
    const settings = visibleText(await seen(standIn.subcommand('settings', 'view', {}, { guildId: serverB })));
    expect(settings).toMatch(/1 by default/);
    expect(settings).toMatch(/private: only the asker/);
    expect(settings).toMatch(/Turned off[\s\S]*a900/);
    // The same user voting again on the same answer is still one vote.
    expect((await seen(standIn.pressButton(votedAnswer, '👍', snowflake()))).content).toMatch(/^Thanks/);
    const opened = await openStore(store.url);
    try {
      const entry = (await new FeedbackStore(opened).summary()).find(
        (feedback) => feedback.answer?.question === votedQuestion,
      )!;
      expect({ up: entry.up, down: entry.down }).toEqual({ up: 2, down: 2 });
    } finally {
      await opened.close();
    }
  });

  it('buttons from before the restart still work, and an expired one says it expired', async () => {
    const context = await seen(standIn.pressButton(contextBeforeRestart, 'Context'));
    expect(context.ephemeral).toBe(true);
    expect(visibleText(context)).toContain('marine paint');

    // Age the answer's button state in the store past its lifetime.
    const key = String(
      contextBeforeRestart.components[0]!.components.find((button: { label: string }) => button.label === 'More')
        ?.custom_id ?? contextBeforeRestart.components[0]!.components[0].custom_id,
    )
      .split(':')
      .pop()!;
    const opened = await openStore(store.url);
    try {
      const buttons = opened.keyv<{ state: unknown; expiresAt: number }>('buttons');
      const entry = (await buttons.get(key))!;
      await buttons.set(key, { ...entry, expiresAt: Date.now() - 1000 });
    } finally {
      await opened.close();
    }
    const expired = await seen(standIn.pressButton(contextBeforeRestart, 'Context'));
    expect(expired.ephemeral).toBe(true);
    expect(expired.content).toMatch(/This button has expired: buttons under an answer work for 15 minutes/);
  });

  it('sent nothing Discord would refuse', () => {
    expect(standIn.rejections).toEqual([]);
    expect(standIn.unknownRoutes).toEqual([]);
    expect(bot.otherOutput).toEqual([]);
  });
});

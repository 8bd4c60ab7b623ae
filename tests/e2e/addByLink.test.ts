/**
 * `/admin add url:` end to end: the real bot (as a child process, against the Discord
 * stand-in) reads news pages from a web server on 127.0.0.1, which it may only because this
 * test turns CITEBOT_ALLOW_PRIVATE_URLS on; /ask then quotes and cites them. Hostile pages are
 * refused with their reason, change nothing, and the bot keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedAvailable } from '../helpers.ts';
import { startPageServer, webpagesDir, type PageServer } from '../corpus/web/pageServer.ts';
import { makeArticlesFolder } from './articles.ts';
import { startBot, type RunningBot } from '../../src/testing/botProcess.ts';
import { manageServerPermissions, snowflake, type Actor } from '../../src/testing/discord/protocol.ts';
import { type InteractionRecord } from '../../src/testing/discord/interaction.ts';
import { finalReply, seen, visibleText } from './interactions.ts';

let pages: PageServer;
let bot: RunningBot;
let articles: Awaited<ReturnType<typeof makeArticlesFolder>>;
let guildId: string;
const admin: Actor = { userId: snowflake(), permissions: manageServerPermissions };

beforeAll(async () => {
  pages = await startPageServer();
  articles = await makeArticlesFolder();
  bot = await startBot({ env: { ARTICLES_DIR: articles.dir, CITEBOT_ALLOW_PRIVATE_URLS: '1' } });
  guildId = bot.standIn.guildIds[0]!;
});

afterAll(async () => {
  await bot?.stop();
  await articles?.remove();
  await pages?.stop();
});

/** Each add by another admin, so that the per-member limit on links (10 in 10 minutes) is not what a test meets. */
function addLink(url: string): InteractionRecord {
  return bot.standIn.subcommand(
    'admin',
    'add',
    { url },
    { guildId, userId: snowflake(), permissions: manageServerPermissions },
  );
}

async function ownArticles(): Promise<string> {
  return visibleText(await seen(bot.standIn.subcommand('admin', 'list', {}, { ...admin, guildId })));
}

const heronQuestion = 'How many nesting pairs did the volunteers count?';
let heronKey: string;

describe('/admin add url:', () => {
  it('reads the page and says what it read: title, link, outlet, date, byline, sentences, the first quotable sentence', async () => {
    const record = addLink(pages.url('/article'));
    const reply = await finalReply(record);
    expect(record.callback?.type).toBe(5);
    expect(reply.ephemeral).toBe(true);
    const link = pages.url('/articles/herons-return');
    expect(reply.content).toMatch(
      new RegExp(
        `^Added \\*\\*Herons return to the Kallur marsh\\*\\* <${link.replace(/[.]/g, '\\.')}>: Marsh News, 2024-05-02, by Ada Reed\\.\\n`,
      ),
    );
    heronKey = /It is `([ak][0-9a-z]+)`: 8 sentences, cited like/.exec(reply.content)![1]!;
    expect(reply.content).toContain(
      `The first sentence I can quote:\n> Grey herons have returned to the Kallur marsh for the first time in twelve years, the regional wildlife office said on Thursday.\n\`[${heronKey}:1.1]\``,
    );
    expect(reply.payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('/ask quotes and cites it, and links its title to the page', async () => {
    const answer = await seen(bot.standIn.slashCommand('ask', { question: heronQuestion }, { guildId }));
    expect(visibleText(answer)).toContain('Volunteers counted **46** nesting pairs');
    expect(visibleText(answer)).toContain(`[${heronKey}:3.1]`);
    expect(visibleText(answer)).toContain(
      `[Herons return to the Kallur marsh](${pages.url('/articles/herons-return')})`,
    );
    // The caption is kept for context, never quoted.
    const caption = await seen(
      bot.standIn.slashCommand('ask', { question: 'What flew over the reeds at dawn?' }, { guildId }),
    );
    expect(visibleText(caption)).not.toContain('> A grey heron over the reeds');
  });

  it('/articles and /article show its link', async () => {
    const firstPage = await seen(bot.standIn.slashCommand('articles', {}, { guildId }));
    const secondPage = await seen(bot.standIn.pressButton(firstPage, 'Next', { guildId }));
    expect(visibleText(firstPage) + visibleText(secondPage)).toContain(
      `\`${heronKey}\` · [Herons return to the Kallur marsh](${pages.url('/articles/herons-return')}) · Marsh News · 2024-05-02`,
    );
    const details = await seen(bot.standIn.slashCommand('article', { name: heronKey }, { guildId }));
    expect(details.embeds[0]?.url).toBe(pages.url('/articles/herons-return'));
  });

  it('replaces the article when the same article is added again, from another link to it', async () => {
    const reply = await finalReply(addLink(pages.url('/redirect-to-article')));
    expect(reply.content).toMatch(/^Replaced \*\*Herons return to the Kallur marsh\*\*/);
    expect((await ownArticles()).match(/herons-return/g)).toHaveLength(1);
  });

  it('adds the same story at another address as another article, quoted once and cited to both', async () => {
    const reply = await finalReply(addLink(pages.url('/copy')));
    expect(reply.content).toMatch(/^Added \*\*Herons return to the Kallur marsh\*\* </);
    const copyKey = /It is `([ak][0-9a-z]+)`/.exec(reply.content)![1]!;
    expect(copyKey).not.toBe(heronKey);
    const answer = visibleText(await seen(bot.standIn.slashCommand('ask', { question: heronQuestion }, { guildId })));
    expect(answer.match(/Volunteers counted \*\*46\*\* nesting pairs/g)).toHaveLength(1);
    expect(answer).toContain(`${heronKey}:3.1`);
    expect(answer).toContain(`${copyKey}:3.1`);
    await finalReply(bot.standIn.subcommand('admin', 'remove', { article: copyKey }, { guildId, ...admin }));
  });

  const refusals: [string, string, RegExp][] = [
    ['a 404', '/not-found', /: the server answered 404 \\\(Not Found\\\)\. Nothing was changed\.$/],
    ['a 500', '/server-error', /: the server answered 500 \\\(Internal Server Error\\\)\. Nothing was changed\.$/],
    ['a 50 MB body', '/huge', /: the page is over the 2\.0 MiB limit\. Nothing was changed\.$/],
    ['a body that never ends', '/endless', /: the page is over the 2\.0 MiB limit\. Nothing was changed\.$/],
    [
      'a PDF',
      '/pdf',
      /: the link is not a web page but "application\/pdf"; I read HTML pages only\. Nothing was changed\.$/,
    ],
    [
      'a page with no article',
      '/no-article',
      /: I found no article on the page \\\(\d+ characters of text, where an article has at least 250\\\)\. Nothing was changed\.$/,
    ],
    [
      'a javascript: link',
      'javascript:alert(1)',
      /: only http and https links can be read, not javascript\. Nothing was changed\.$/,
    ],
  ];
  for (const [what, path, reason] of refusals) {
    it(`refuses ${what} privately, changes nothing, and goes on answering`, async () => {
      const before = await ownArticles();
      const reply = await finalReply(addLink(path.startsWith('/') ? pages.url(path) : path));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/^I could not add /);
      expect(reply.content).toMatch(reason);
      expect(await ownArticles()).toBe(before);
      expect(
        visibleText(await seen(bot.standIn.slashCommand('ask', { question: heronQuestion }, { guildId }))),
      ).toContain('**46** nesting pairs');
    });
  }

  it('adds a page full of pings and markdown, and quotes it without pinging anyone', async () => {
    const added = await finalReply(addLink(pages.url('/hostile')));
    expect(added.content).toMatch(
      /^Added \*\*@everyone \\\*\\\*Free\\\*\\\* \\\[prizes\\\]\\\(https:\/\/evil\.example\\\) \\\|\\\|now\\\|\\\|\*\* </,
    );
    expect(added.pinged).toEqual([]);
    const answer = await seen(
      bot.standIn.slashCommand('ask', { question: 'When does the harbour ferry leave?' }, { guildId }),
    );
    expect(visibleText(answer)).toContain(
      '@everyone and @here should both be told that the harbour ferry leaves at seven',
    );
    expect(answer.pinged).toEqual([]);
    expect(answer.payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('asks for a file or a link, not neither and not both', async () => {
    expect((await finalReply(bot.standIn.subcommand('admin', 'add', {}, { guildId, ...admin }))).content).toBe(
      'Give `/admin add` a file (`file:`) or a link to a news article (`url:`).',
    );
    const file = bot.standIn.attach({
      name: 'heron.txt',
      bytes: new TextEncoder().encode('Heron\n\nA heron.'),
      contentType: 'text/plain',
    });
    expect(
      (
        await finalReply(
          bot.standIn.subcommand('admin', 'add', { file, url: pages.url('/article') }, { guildId, ...admin }),
        )
      ).content,
    ).toBe('Give `/admin add` a file (`file:`) or a link (`url:`), not both.');
  });

  it('refuses a member without Manage Server before fetching anything', async () => {
    const before = pages.requests.length;
    const reply = await finalReply(
      bot.standIn.subcommand('admin', 'add', { url: pages.url('/article') }, { guildId, userId: snowflake() }),
    );
    expect(reply.content).toBe("Only members with the Manage Server permission can manage this server's articles.");
    expect(pages.requests.length).toBe(before);
  });

  it.runIf(sharedAvailable(webpagesDir, 'adding a saved news page'))(
    'adds a saved BBC page, and /ask quotes it',
    async () => {
      const reply = await finalReply(addLink(pages.url('/pages/bbc-1/')));
      expect(reply.content).toMatch(
        /^Added \*\*Obama admits US gun laws are his 'biggest frustration'\*\* <.+>: BBC News, 2015-07-24, by BBC News\./,
      );
      const answer = await seen(
        bot.standIn.slashCommand(
          'ask',
          { question: 'What has been the greatest frustration of Obama’s presidency?' },
          { guildId },
        ),
      );
      expect(visibleText(answer)).toContain('common sense gun safety laws');
    },
  );
});

describe('/admin add url: with CITEBOT_ALLOW_PRIVATE_URLS off, as by default', () => {
  it('refuses links to this machine and to the metadata address, fetching nothing', async () => {
    const strict = await startBot({ env: { ARTICLES_DIR: articles.dir, CITEBOT_ALLOW_PRIVATE_URLS: '' } });
    try {
      const guild = strict.standIn.guildIds[0]!;
      const before = pages.requests.length;
      const add = async (url: string) => {
        const record = strict.standIn.subcommand('admin', 'add', { url }, { guildId: guild, ...admin });
        await record.settled();
        for (let waited = 0; waited < 20_000 && record.reply!.content === ''; waited += 20)
          await new Promise((resolve) => setTimeout(resolve, 20));
        return record.reply!.content;
      };
      expect(await add(pages.url('/article'))).toBe(
        `I could not add ${pages.url('/article')}: 127.0.0.1 is this machine itself \\(loopback\\); I only read pages on the public internet. Nothing was changed.`,
      );
      expect(await add('http://169.254.169.254/latest/meta-data/')).toMatch(
        /: 169\.254\.169\.254 is link-local \\\(a cloud metadata service or a local device\\\); I only read pages on the public internet\. Nothing was changed\.$/,
      );
      expect(await add(`http://[::ffff:127.0.0.1]:${pages.port}/article`)).toMatch(
        /: ::ffff:7f00:1 is this machine itself/,
      );
      expect(pages.requests.length).toBe(before);
      expect(
        strict.logs.some(
          (line) => line.msg === 'links may be read from private addresses: this machine and its network',
        ),
      ).toBe(false);
    } finally {
      await strict.stop();
    }
    expect(
      bot.logs.some((line) => line.msg === 'links may be read from private addresses: this machine and its network'),
    ).toBe(true);
  });
});

/**
 * The bot with an articles folder someone tampered with (real bot, the stand-in, a SQLite
 * store): a named pipe, a link to a file outside the folder, front matter written as code, a
 * url dressed as a link. The bot starts, skips each with a warning, never runs the code, and
 * /admin reload and /admin add hold to the same rules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrontMatter } from '../helpers.ts';
import { startBot, temporaryStore, type RunningBot } from '../../src/testing/botProcess.ts';
import { manageServerPermissions, snowflake, type Actor } from '../../src/testing/discord/protocol.ts';
import { type VisibleMessage } from '../../src/testing/discord/interaction.ts';
import { finalReply } from './interactions.ts';

let bot: RunningBot;
let store: Awaited<ReturnType<typeof temporaryStore>>;
let articlesDir: string;
let outside: string;
let marker: string;
let admin: Actor;

const budgetArticle = 'Budget\n\nThe mission cost 14 billion dollars.\n';
const phishArticle =
  '---\ntitle: Harbour repairs\nurl: ">[Click-to-verify](https://evil.example/login)"\n---\nThe harbour wall was repaired with 300 tonnes of stone.\n';

beforeAll(async () => {
  articlesDir = await mkdtemp(join(tmpdir(), 'citebot-e2e-untrusted-'));
  outside = await mkdtemp(join(tmpdir(), 'citebot-outside-'));
  marker = join(outside, 'pwn-marker');
  await writeFile(join(outside, 'passwd.txt'), 'Accounts\n\nroot:x:0:0:root:/root:/bin/bash\n');
  await writeFile(join(articlesDir, 'budget.txt'), budgetArticle);
  await writeFile(join(articlesDir, 'heron.md'), codeFrontMatter('js', marker));
  await writeFile(join(articlesDir, 'phish.md'), phishArticle);
  await symlink(join(outside, 'passwd.txt'), join(articlesDir, '901_passwd.txt'));
  execFileSync('mkfifo', [join(articlesDir, '500_pipe.txt')]);
  store = await temporaryStore();
  bot = await startBot({ env: { ARTICLES_DIR: articlesDir, KEYV_URL: store.url } });
  admin = { userId: snowflake(), permissions: manageServerPermissions, guildId: bot.standIn.guildIds[0]! };
});

afterAll(async () => {
  if (bot && bot.process.exitCode === null) await bot.stop('SIGKILL');
  await store?.remove();
  await rm(articlesDir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

/** How long a deferred reply here is waited for before the test reads what there is. */
const replyWaitMs = 10_000;

function everything(message: VisibleMessage): string {
  return JSON.stringify(message.payload);
}

describe('a tampered articles folder', () => {
  it('starts, logging each skipped file, and never runs front matter', async () => {
    const skipped = bot.logs
      .filter((entry) => entry.msg === 'article skipped')
      .map((entry) => [entry.file, entry.reason]);
    expect(skipped).toEqual([
      ['500_pipe.txt', expect.stringMatching(/named pipe/)],
      ['901_passwd.txt', expect.stringMatching(/symbolic link/)],
      ['heron.md', expect.stringMatching(/front matter is marked "js"/)],
    ]);
    expect(bot.logs.filter((entry) => entry.msg === 'article loaded in part').map((entry) => entry.file)).toEqual([
      'phish.md',
    ]);
    expect(existsSync(marker)).toBe(false);
  });

  it('answers from the good files, and shows no link the article did not really give', async () => {
    const quote = await finalReply(
      bot.standIn.slashCommand('ask', { question: 'How much stone repaired the harbour wall?' }, admin),
      replyWaitMs,
    );
    expect(everything(quote)).toContain('**300** tonnes of stone');
    expect(everything(quote)).not.toContain('evil.example');
    const passwd = await finalReply(bot.standIn.slashCommand('ask', { question: 'root bin bash' }, admin), replyWaitMs);
    expect(everything(passwd)).not.toContain('root:x');
  });

  it('/admin reload holds to the same rules', async () => {
    await writeFile(join(articlesDir, 'crane.md'), codeFrontMatter('coffee', marker));
    const reply = await finalReply(bot.standIn.subcommand('admin', 'reload', {}, admin), replyWaitMs);
    // File names are shown with Markdown escaped: 500\_pipe.txt.
    expect(reply.content).toMatch(
      /Skipped:\n- 500\\_pipe\.txt: it is a named pipe[^\n]*\n- 901\\_passwd\.txt: it is a symbolic link[^\n]*\n- crane\.md: its front matter is marked "coffee"[^\n]*\n- heron\.md: [^\n]*/,
    );
    expect(reply.content).toMatch(/Loaded in part:\n- phish\.md: its url was left out/);
    expect(existsSync(marker)).toBe(false);
  });

  it('/admin add refuses front matter written as code, without running it', async () => {
    const file = bot.standIn.attach({
      name: 'heron.md',
      bytes: new TextEncoder().encode(codeFrontMatter('javascript', marker)),
      contentType: 'text/markdown',
    });
    const reply = await finalReply(bot.standIn.subcommand('admin', 'add', { file }, admin), replyWaitMs);
    expect(reply.content).toMatch(
      /I could not add “heron\.md”: its front matter is marked "javascript"; only YAML front matter is read\. Nothing was changed\./,
    );
    expect(existsSync(marker)).toBe(false);
  });
});

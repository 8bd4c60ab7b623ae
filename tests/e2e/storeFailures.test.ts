/**
 * The real bot (`npm start`'s command) with a SQLite store that is read-only, damaged, or
 * deleted while the bot runs.
 *
 * Read-only, faithfully: the file is mode 0444 and owned by the user the bot runs as, so
 * SQLite opens it read-only, as it does for an operator whose file lost its write bit. The
 * tests run as root here, and root writes to a 0444 file regardless of its mode, so as root
 * the bot is run as `nobody` (setpriv), the file and its folder handed to nobody first;
 * under any other user the bot runs as that user.
 */
import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { makeArticlesFolder } from './articles.ts';
import { botEnvironment, startBot, temporaryStore } from '../../src/testing/botProcess.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';
import { DiscordStandIn } from '../../src/testing/discord/standIn.ts';
import { manageServerPermissions, snowflake } from '../../src/testing/discord/protocol.ts';

const nobody = 65_534;

/** Runs `npm start`'s command until it exits, as `nobody` when the test runs as root. */
async function runBot(
  standIn: DiscordStandIn,
  keyvUrl: string,
  asNobody: boolean,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string; identified: number }> {
  const command = [process.execPath, '--import', 'tsx', 'src/bot/main.ts'];
  const [file, ...args] = asNobody
    ? ['setpriv', `--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', ...command]
    : command;
  const child = spawn(file!, args, {
    cwd: repositoryRoot,
    env: botEnvironment(standIn, { ...env, KEYV_URL: keyvUrl }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A bot that starts anyway is stopped once it has logged in, so the test fails rather than hangs.
  const watch = setInterval(() => {
    if (standIn.identifies.length > 0) child.kill('SIGKILL');
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
  clearInterval(watch);
  return { code, stderr, identified: standIn.identifies.length };
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('npm start with a store it cannot use', () => {
  let standIn: DiscordStandIn;
  beforeAll(async () => {
    standIn = await new DiscordStandIn().start();
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  it('refuses a read-only SQLite file, naming it, with exit 1 and no stack trace', async () => {
    const store = await temporaryStore();
    try {
      const written = await openStore(store.url);
      await written.keyv('server-settings').set('guild-1', { defaultQuoteCount: 2 });
      await written.close();
      const asNobody = process.getuid?.() === 0;
      const folder = dirname(store.path);
      // tsx keeps a compile cache in the temporary folder, one per user: nobody's goes in the
      // store's folder, removed with it.
      const tmp = join(folder, 'tmp');
      await mkdir(tmp);
      if (asNobody) {
        await chown(folder, nobody, nobody);
        for (const name of await readdir(folder)) await chown(join(folder, name), nobody, nobody);
      }
      await chmod(store.path, 0o444);

      const result = await runBot(standIn, store.url, asNobody, { TMPDIR: tmp });
      expect(result.identified).toBe(0);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^The store file ${escaped(store.path)} cannot be written \\(SQLITE_READONLY: attempt to write a readonly database\\)\\.`,
        ),
      );
      expect(result.stderr).toMatch(/make the file, and the folder it is in, writable by the user running Citebot/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await store.remove();
    }
  }, 60_000);

  it('refuses a damaged SQLite file, saying what to do, with exit 1 and no stack trace', async () => {
    const store = await temporaryStore();
    try {
      const written = await openStore(store.url);
      for (let i = 0; i < 200; i += 1)
        await written.keyv('server-settings').set(`guild-${i}`, { note: `${'x'.repeat(2_000)}${i}` });
      await written.close();
      const { size } = await stat(store.path);
      const file = await open(store.path, 'r+');
      await file.write(Buffer.alloc(4 * 4096, 0x5a), 0, 4 * 4096, Math.floor(size / 2 / 4096) * 4096);
      await file.close();

      const result = await runBot(standIn, store.url, false);
      expect(result.identified).toBe(0);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^The store ${escaped(store.path)} is damaged \\(quick_check: `));
      expect(result.stderr).toContain(`mv ${store.path} ${store.path}.damaged`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await store.remove();
    }
  }, 60_000);
});

describe('the SQLite file deleted while the bot runs', () => {
  it('logs it, refuses changes as not saved, and goes on answering', async () => {
    const articles = await makeArticlesFolder();
    const store = await temporaryStore();
    const bot = await startBot({ env: { ARTICLES_DIR: articles.dir, KEYV_URL: store.url } });
    try {
      const admin = { userId: snowflake(), permissions: manageServerPermissions };
      expect((await bot.standIn.subcommand('settings', 'quotes', { count: 2 }, admin).settled()).content).toMatch(
        /now show 2 quotes/,
      );
      await rm(store.path);

      const refused = await bot.standIn.subcommand('settings', 'quotes', { count: 4 }, admin).settled();
      expect(refused.content).toBe(
        "I can't reach my storage right now, so I couldn't do that; nothing was changed. Please try again in a minute.",
      );
      const answer = bot.standIn.slashCommand('ask', { question: 'How many troops are in Iraq now?' });
      await answer.settled();
      expect(answer.failure).toBeNull();

      await bot.waitForLogs((logs) => logs.some((entry) => entry.msg === 'store error'));
      const reports = bot.logs.filter((entry) => entry.msg === 'store error');
      expect(reports).toHaveLength(1);
      expect(reports[0]!.level).toBe(50);
      expect((reports[0]!.err as { message: string }).message).toMatch(
        new RegExp(`^The store file ${escaped(store.path)} was deleted while Citebot was running`),
      );
    } finally {
      await bot.stop();
      await store.remove();
      await articles.remove();
    }
  }, 60_000);
});

/**
 * The entry points as an admin runs them: `npm run deploy-commands` against the stand-in, and
 * `npm start` without a token, with a store it cannot open, and with no KEYV_URL at all.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { botEnvironment, repositoryRoot } from './botProcess.ts';
import { DiscordStandIn } from './discordStandIn.ts';

function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await new DiscordStandIn().start();
});
afterAll(async () => {
  await standIn?.stop();
});

const everyCommand = commandDefinitions.map((definition) => definition.name).sort();

describe('npm run deploy-commands', () => {
  it('registers every command in the server named by DISCORD_GUILD_ID', async () => {
    const result = await run('src/discord/deployCommands.ts', botEnvironment(standIn, { DISCORD_GUILD_ID: standIn.guildId, DISCORD_APPLICATION_ID: standIn.applicationId }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(standIn.registeredCommands.get(standIn.guildId)?.map((command) => command.name).sort()).toEqual(everyCommand);
    expect(result.stdout).toMatch(new RegExp(`Registered ${everyCommand.length} commands in server ${standIn.guildId}`));
    expect(standIn.rejections).toEqual([]);
  });

  it('registers globally without a server, asking the API for the application id', async () => {
    const result = await run('src/discord/deployCommands.ts', botEnvironment(standIn, {}));
    expect(result.code).toBe(0);
    const global = standIn.registeredCommands.get('global') ?? [];
    expect(global.map((command) => command.name).sort()).toEqual(everyCommand);
    // The definitions arrive as written: options and their limits included.
    const ask = global.find((command) => command.name === 'ask')!;
    expect(ask.options.map((option: { name: string }) => option.name)).toEqual(['question', 'article', 'count', 'private']);
    expect(ask.options[0].max_length).toBe(300);
    // Admin commands are hidden from members without Manage Server (1 << 5), and offered in servers only.
    const admin = global.find((command) => command.name === 'admin')!;
    expect(admin.default_member_permissions).toBe('32');
    expect(admin.contexts).toEqual([0]);
    expect(admin.options.map((option: { name: string }) => option.name)).toEqual(['add', 'remove', 'list', 'reload']);
    expect(result.stdout).toMatch(/globally/);
  });

  it('names the problem when Discord refuses the token', async () => {
    const result = await run('src/discord/deployCommands.ts', { ...botEnvironment(standIn, {}), DISCORD_TOKEN: 'wrong-token' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not register the commands: .*401/);
  });
});

describe('npm start with a store it cannot open', () => {
  it('exits 1 naming the store, its password masked', async () => {
    // Port 1 on the loopback: nothing listens there.
    const result = await run('src/discord/main.ts', botEnvironment(standIn, { KEYV_URL: 'redis://citebot:hunter2@127.0.0.1:1' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot open the store at redis:\/\/citebot:\*\*\*\*@127\.0\.0\.1:1/);
    expect(result.stderr + result.stdout).not.toContain('hunter2');
    expect(standIn.identifies).toEqual([]);
  });
});

describe('npm start with KEYV_URL unset', () => {
  it('creates its store, data/citebot.sqlite, in the folder it runs in, and stops cleanly', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'citebot-default-store-'));
    try {
      // Run from the empty folder, so that data/ is made there and not in the repository.
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(repositoryRoot, 'src/discord/main.ts')], {
        cwd: folder,
        env: botEnvironment(standIn, { KEYV_URL: '', ARTICLES_DIR: join(repositoryRoot, 'seeds') }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
      const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const line = output.split('\n').find((text) => text.includes('"msg":"ready"'));
          if (line) resolve(JSON.parse(line) as Record<string, unknown>);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        void closed.then(() => reject(new Error(`the bot exited before it was ready:\n${output}`)));
      });
      const readyLine = await ready;
      expect(readyLine.store).toBe('sqlite://data/citebot.sqlite');
      expect(existsSync(join(folder, 'data', 'citebot.sqlite'))).toBe(true);
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('npm start without a token', () => {
  it('exits 1 saying what to set and pointing at npm run ask', async () => {
    const result = await run('src/discord/main.ts', { ...botEnvironment(standIn, {}), DISCORD_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN is not set/);
    expect(result.stderr).toMatch(/npm run ask/);
  });

  it('names every configuration problem at once', async () => {
    const result = await run('src/discord/main.ts', { ...botEnvironment(standIn, {}), DISCORD_GUILD_ID: 'general', LOG_LEVEL: 'chatty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2 problems/);
    expect(result.stderr).toMatch(/DISCORD_GUILD_ID/);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
  });
});

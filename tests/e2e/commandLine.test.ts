/**
 * The entry points as an admin runs them: `npm run deploy-commands` against the stand-in, and
 * `npm start` without a token, with a store it cannot open, with no KEYV_URL at all, and with a
 * Discord that refuses the token, cannot be reached or never answers.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { botEnvironment } from '../../src/testing/botProcess.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';
import { DiscordStandIn } from '../../src/testing/discord/standIn.ts';

/** A token shaped as Discord's are, that the stand-in does not know. */
const unknownToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repositoryRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
    const result = await run(
      'src/bot/deployCommands.ts',
      botEnvironment(standIn, { DISCORD_GUILD_ID: standIn.guildId, DISCORD_APPLICATION_ID: standIn.applicationId }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(
      standIn.registeredCommands
        .get(standIn.guildId)
        ?.map((command) => command.name)
        .sort(),
    ).toEqual(everyCommand);
    expect(result.stdout).toMatch(
      new RegExp(`Registered ${everyCommand.length} commands in server ${standIn.guildId}`),
    );
    expect(standIn.rejections).toEqual([]);
  });

  it('registers globally without a server, asking the API for the application id', async () => {
    const result = await run('src/bot/deployCommands.ts', botEnvironment(standIn, {}));
    expect(result.code).toBe(0);
    const global = standIn.registeredCommands.get('global') ?? [];
    expect(global.map((command) => command.name).sort()).toEqual(everyCommand);
    // The definitions arrive as written: options and their limits included.
    const ask = global.find((command) => command.name === 'ask')!;
    expect(ask.options.map((option: { name: string }) => option.name)).toEqual([
      'question',
      'article',
      'count',
      'private',
    ]);
    expect(ask.options[0].max_length).toBe(300);
    // Admin commands are hidden from members without Manage Server (1 << 5), and offered in servers only.
    const admin = global.find((command) => command.name === 'admin')!;
    expect(admin.default_member_permissions).toBe('32');
    expect(admin.contexts).toEqual([0]);
    expect(admin.options.map((option: { name: string }) => option.name)).toEqual(['add', 'remove', 'list', 'reload']);
    expect(result.stdout).toMatch(/globally/);
  });

  it('names the problem when Discord refuses the token', async () => {
    const result = await run('src/bot/deployCommands.ts', {
      ...botEnvironment(standIn, {}),
      DISCORD_TOKEN: unknownToken,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Could not register the commands: Discord refused the token \(401 Unauthorized\)\. Check DISCORD_TOKEN/,
    );
  });
});

describe('npm start with a store it cannot open', () => {
  it('exits 1 naming the store, its password masked', async () => {
    // Port 1 on the loopback: nothing listens there.
    const result = await run(
      'src/bot/main.ts',
      botEnvironment(standIn, { KEYV_URL: 'redis://citebot:hunter2@127.0.0.1:1' }),
    );
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
      const child = spawn(
        process.execPath,
        ['--import', import.meta.resolve('tsx'), join(repositoryRoot, 'src/bot/main.ts')],
        {
          cwd: folder,
          env: botEnvironment(standIn, { KEYV_URL: '', ARTICLES_DIR: join(repositoryRoot, 'seeds') }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
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
    const result = await run('src/bot/main.ts', { ...botEnvironment(standIn, {}), DISCORD_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN is not set/);
    expect(result.stderr).toMatch(/npm run ask/);
  });

  it('names every configuration problem at once', async () => {
    const result = await run('src/bot/main.ts', {
      ...botEnvironment(standIn, {}),
      DISCORD_GUILD_ID: 'general',
      LOG_LEVEL: 'chatty',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2 problems/);
    expect(result.stderr).toMatch(/DISCORD_GUILD_ID/);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
  });
});

/** The JSON log lines in `stdout`. */
function logLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('npm start logging in', () => {
  it('says it is logging in, and gives up after LOGIN_TIMEOUT_SECONDS when Discord never answers', async () => {
    const silent = await new DiscordStandIn({ unresponsive: true }).start();
    try {
      const result = await run('src/bot/main.ts', botEnvironment(silent, { LOGIN_TIMEOUT_SECONDS: '2' }));
      expect(result.code).toBe(1);
      expect(silent.requests).toBeGreaterThan(0);
      const logs = logLines(result.stdout);
      const loggingIn = logs.find((line) => line.msg === 'logging in to Discord');
      expect(loggingIn).toMatchObject({ timeoutSeconds: 2, api: silent.apiUrl });
      expect(result.stderr.trim()).toBe(
        `Could not log in: the Discord API at ${silent.apiUrl} (DISCORD_API_URL) did not answer within 2 seconds (LOGIN_TIMEOUT_SECONDS). Check the network, any proxy or firewall in between, and Discord's status (discordstatus.com); the token was never checked.`,
      );
      // By the bot's own clock: it waited the time it was given, not discord.js's minute.
      const failed = logs.find((line) => line.msg === 'could not log in to Discord')!;
      expect(failed.failure).toBe('timeout');
      expect((failed.time as number) - (loggingIn!.time as number)).toBeGreaterThanOrEqual(1_990);
    } finally {
      await silent.stop();
    }
  });

  it('calls a refused connection a network problem, not a token problem', async () => {
    const api = `http://127.0.0.1:${await closedPort()}/api`;
    const result = await run('src/bot/main.ts', botEnvironment(standIn, { DISCORD_API_URL: api }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Could not reach the Discord API at ${api} (DISCORD_API_URL): ECONNREFUSED. This is a network problem, not the token`,
    );
    expect(result.stderr).not.toMatch(/Check DISCORD_TOKEN/);
  });

  it('says Discord refused the token when it did', async () => {
    const result = await run('src/bot/main.ts', { ...botEnvironment(standIn, {}), DISCORD_TOKEN: unknownToken });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Discord refused the token \(401 Unauthorized\)\. Check DISCORD_TOKEN/);
  });

  it('refuses a token that is not shaped like one before connecting', async () => {
    const requestsBefore = standIn.requests;
    const result = await run('src/bot/main.ts', {
      ...botEnvironment(standIn, {}),
      DISCORD_TOKEN: 'MTIzNDU2.pasted-in-part',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN is not shaped like a bot token/);
    expect(result.stderr).not.toContain('pasted-in-part');
    expect(standIn.requests).toBe(requestsBefore);
  });

  it('prints a fatal error once, readable, on stderr, and as one JSON line on stdout for a log collector', async () => {
    const result = await run('src/bot/main.ts', { ...botEnvironment(standIn, {}), DISCORD_TOKEN: unknownToken });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(logLines(result.stdout).filter((line) => line.level === 60)).toHaveLength(1);
  });

  it('prints a fatal error once on a terminal: no JSON line beside it', async () => {
    // `script` runs the bot with a terminal for its output, as a person starting it has.
    const command = `${JSON.stringify(process.execPath)} --import tsx src/bot/main.ts`;
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
        cwd: repositoryRoot,
        env: { ...botEnvironment(standIn, {}), DISCORD_TOKEN: unknownToken },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });
    expect(result.code).toBe(1);
    expect(result.output.match(/Discord refused the token/g)).toHaveLength(1);
    expect(result.output).not.toContain('"level":60');
    // The line that says it is logging in is still there: only the fatal line is left out.
    expect(result.output).toContain('logging in to Discord');
  });
});

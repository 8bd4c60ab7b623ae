import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeProblems, loadConfig, loadDotenvFile, readConfig } from '../../src/config.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const result = readConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        discordToken: null,
        loginTimeoutMs: 30_000,
        applicationId: null,
        guildId: null,
        discordApiUrl: null,
        articlesDir: 'seeds',
        logLevel: 'info',
        rateLimit: { count: 5, windowMs: 20_000 },
        buttonLifetimeMs: 15 * 60_000,
        storeUrl: undefined,
        store: { kind: 'sqlite', path: 'data/citebot.sqlite', url: 'sqlite://data/citebot.sqlite' },
        shardCount: 'auto',
        allowPrivateUrls: false,
        heapGrowthPercent: 30,
      },
    });
  });

  it('reads pages from private addresses only when CITEBOT_ALLOW_PRIVATE_URLS says so', () => {
    for (const [value, allowed] of [
      ['1', true],
      ['true', true],
      ['0', false],
      ['', false],
      ['off', false],
    ] as const) {
      const result = readConfig({ CITEBOT_ALLOW_PRIVATE_URLS: value });
      expect(result.ok && result.config.allowPrivateUrls).toBe(allowed);
    }
    const bad = readConfig({ CITEBOT_ALLOW_PRIVATE_URLS: 'sometimes' });
    expect(bad.ok ? '' : bad.problems.join('\n')).toMatch(
      /CITEBOT_ALLOW_PRIVATE_URLS must be 1 \(on\) or 0 \(off\), got "sometimes"/,
    );
  });

  it('reads the store and shard settings, and names a store URL it cannot use with its password masked', () => {
    const result = readConfig({ KEYV_URL: 'redis://127.0.0.1:6379', SHARD_COUNT: '4' });
    expect(result.ok && result.config.store).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379' });
    expect(result.ok && result.config.shardCount).toBe(4);
    const bad = readConfig({ KEYV_URL: 'mongodb://admin:hunter2@db:27017', SHARD_COUNT: 'many' });
    const problems = bad.ok ? '' : bad.problems.join('\n');
    expect(problems).toMatch(/KEYV_URL mongodb:\/\/admin:\*\*\*\*@db:27017 is not supported/);
    expect(problems).not.toContain('hunter2');
    expect(problems).toMatch(/SHARD_COUNT must be auto or a whole number/);
  });

  it('names every problem at once', () => {
    const result = readConfig({
      DISCORD_GUILD_ID: 'my-server',
      DISCORD_API_URL: 'http://127.0.0.1:9/api/v10',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_COUNT: '0',
      BUTTON_LIFETIME_MINUTES: 'ten',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/DISCORD_GUILD_ID.*my-server/);
    expect(problems.join('\n')).toMatch(/DISCORD_API_URL must not end with a version/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/RATE_LIMIT_COUNT must be a whole number from 1/);
    expect(describeProblems(problems)).toMatch(/^Citebot's configuration has 5 problems/);
  });

  it('refuses a token that is not shaped like one, without echoing it', () => {
    for (const token of ['MTIz.abc', 'MTIz.abc.def.ghi', 'MTIz.a+c.def', 'Bot MTIz.abc.def']) {
      const result = readConfig({ DISCORD_TOKEN: token });
      expect(result.ok, token).toBe(false);
      expect(result.ok ? '' : result.problems.join('\n')).toMatch(
        /DISCORD_TOKEN (is not shaped like a bot token|must not contain spaces)/,
      );
      expect(result.ok ? '' : result.problems.join('\n')).not.toContain('MTIz');
    }
  });

  it('reads the heap growth in percent, 0 leaving it to V8', () => {
    expect(readConfig({ HEAP_GROWTH_PERCENT: '0' })).toMatchObject({ ok: true, config: { heapGrowthPercent: 0 } });
    expect(readConfig({ HEAP_GROWTH_PERCENT: '100' })).toMatchObject({ ok: true, config: { heapGrowthPercent: 100 } });
    expect(readConfig({ HEAP_GROWTH_PERCENT: '30%' })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/HEAP_GROWTH_PERCENT must be a whole number from 0 to 1000, got "30%"/)],
    });
  });

  it('reads the login time limit in seconds', () => {
    expect(readConfig({ LOGIN_TIMEOUT_SECONDS: '2' })).toMatchObject({ ok: true, config: { loginTimeoutMs: 2_000 } });
    expect(readConfig({ LOGIN_TIMEOUT_SECONDS: '0' })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/LOGIN_TIMEOUT_SECONDS must be a whole number from 1 to 600/)],
    });
  });

  it('reads the API base without a trailing slash', () => {
    const result = readConfig({
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      DISCORD_TOKEN: ' MTIz.abc-_.def ',
      ARTICLES_DIR: 'my-articles',
    });
    expect(result.ok && [result.config.discordApiUrl, result.config.discordToken, result.config.articlesDir]).toEqual([
      'http://127.0.0.1:8080/api',
      'MTIz.abc-_.def',
      'my-articles',
    ]);
  });
});

describe('.env', () => {
  it('fills in what the environment does not set, and the environment wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citebot-env-'));
    const names = ['CITEBOT_TEST_FROM_FILE', 'CITEBOT_TEST_FROM_BOTH'] as const;
    try {
      await writeFile(join(dir, '.env'), 'CITEBOT_TEST_FROM_FILE=file\nCITEBOT_TEST_FROM_BOTH=file\n');
      process.env.CITEBOT_TEST_FROM_BOTH = 'environment';
      loadDotenvFile(join(dir, '.env'));
      expect([process.env.CITEBOT_TEST_FROM_FILE, process.env.CITEBOT_TEST_FROM_BOTH]).toEqual(['file', 'environment']);
    } finally {
      for (const name of names) delete process.env[name];
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is optional', () => {
    expect(loadDotenvFile(join(tmpdir(), 'no-such-folder-for-citebot', '.env'))).toBeNull();
  });

  it('names a .env that is there but cannot be read, with the other problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citebot-env-'));
    try {
      // A folder where the file should be.
      const result = loadConfig(dir, { LOG_LEVEL: 'chatty' });
      expect(result.ok).toBe(false);
      const problems = result.ok ? [] : result.problems;
      expect(problems[0]).toContain(`${dir} could not be read`);
      expect(problems[1]).toMatch(/LOG_LEVEL/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reading the configuration', () => {
  /** How many wink-nlp modules a fresh Node process holds after importing `module`. */
  async function winkModulesAfterImporting(module: string): Promise<number> {
    const script = `import { createRequire } from 'node:module';
await import(${JSON.stringify(module)});
console.log(Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('/wink-')).length);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: repositoryRoot },
    );
    return Number(stdout.trim());
  }

  it('does not load the language model, so that a mistake is reported at once', async () => {
    // The articles library does load it: the count would show a regression.
    expect(await winkModulesAfterImporting('./src/library/folder.ts')).toBeGreaterThan(0);
    expect(await winkModulesAfterImporting('./src/config.ts')).toBe(0);
  });
});

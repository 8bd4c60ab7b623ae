/**
 * Every command reads the same .env, the same way: a project folder with its own .env (the
 * repository's code, linked in), and the commands run in it through npm, as a user runs them.
 */
import { existsSync } from 'node:fs';
import { copyFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { FeedbackStore } from '../../src/store/feedback.ts';
import type { CitationId } from '../../src/corpus/types.ts';
import { articlesFolder, temporaryFolder } from '../helpers.ts';
import { runNpm, type Run } from './npm.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';

/** The settings a developer's shell might carry, left out so that only .env speaks. */
const settingNames = [
  'ARTICLES_DIR',
  'KEYV_URL',
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_API_URL',
  'DISCORD_GUILD_ID',
  'DISCORD_APPLICATION_ID',
];

function npm(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !settingNames.includes(name)));
  return runNpm(args, { cwd, env: { ...inherited, ...env } });
}

/** A folder laid out as a clone of the project, its code linked to this one, with `.env` as given. */
async function projectWith(dotenv: string): Promise<string> {
  const dir = temporaryFolder('citebot-project-');
  await copyFile(join(repositoryRoot, 'package.json'), join(dir, 'package.json'));
  for (const name of ['src', 'commands', 'node_modules', 'tsconfig.json'])
    await symlink(join(repositoryRoot, name), join(dir, name));
  await writeFile(join(dir, '.env'), dotenv);
  return dir;
}

let articles: Awaited<ReturnType<typeof articlesFolder>>;
beforeAll(async () => {
  articles = await articlesFolder({ '7-budget.txt': 'Budget\n\nThe mission cost 14 billion dollars.\n' });
});
afterAll(async () => {
  await articles?.cleanup();
});

describe('.env', () => {
  it('gives npm run ask its articles folder', async () => {
    const project = await projectWith(`ARTICLES_DIR=${articles.dir}\n`);
    const run = await npm(project, ['run', '--silent', 'ask', '--', '--json', 'what did the mission cost']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].text).toBe('The mission cost 14 billion dollars.');
  });

  it('gives npm run quote its articles folder', async () => {
    const project = await projectWith(`ARTICLES_DIR=${articles.dir}\n`);
    const run = await npm(project, ['run', '--silent', 'quote', '--', '--json', 'a7:1.1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      text: 'The mission cost 14 billion dollars.',
      source: { file: '7-budget.txt' },
    });
  });

  it('is overruled by the environment, as for npm start', async () => {
    const project = await projectWith('ARTICLES_DIR=/nonexistent/articles\n');
    const run = await npm(project, ['run', '--silent', 'ask', '--', '--json', 'what did the mission cost'], {
      ARTICLES_DIR: articles.dir,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].text).toBe('The mission cost 14 billion dollars.');
  });

  it('is checked as npm start checks it: every problem named, exit 1', async () => {
    const project = await projectWith(`ARTICLES_DIR=${articles.dir}\nLOG_LEVEL=chatty\n`);
    const run = await npm(project, ['run', '--silent', 'ask', '--', 'what did the mission cost']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/configuration has a problem[\s\S]*LOG_LEVEL must be one of/);
  });

  it('gives npm run feedback the store the bot writes to', async () => {
    const storeDir = temporaryFolder('citebot-votes-');
    const url = `sqlite://${join(storeDir, 'votes.sqlite')}`;
    const store = await openStore(url);
    const feedback = new FeedbackStore(store);
    await feedback.recordAnswer({
      answerId: 'm-cost',
      question: 'What did the mission cost?',
      citationIds: ['a0:1.1' as CitationId],
      guildId: null,
      answeredAt: Date.UTC(2026, 0, 2),
    });
    await feedback.vote('m-cost', 'u1', 'down');
    await store.close();

    const project = await projectWith(`KEYV_URL=${url}\n`);
    const run = await npm(project, ['run', '--silent', 'feedback']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What did the mission cost?');
    expect(run.stdout).toContain(url);
  });
});

describe('npm run feedback with a store that is not there', () => {
  it('says there is none at that URL and creates nothing', async () => {
    const storeDir = temporaryFolder('citebot-votes-');
    const mistyped = join(storeDir, 'citebto.sqlite');
    const project = await projectWith(`KEYV_URL=sqlite://${mistyped}\n`);
    const run = await npm(project, ['run', '--silent', 'feedback']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`There is no store at sqlite://${mistyped}: the file ${mistyped} does not exist`);
    expect(existsSync(mistyped)).toBe(false);
  });

  it('creates no data/ folder either when KEYV_URL is unset', async () => {
    const project = await projectWith('');
    const run = await npm(project, ['run', '--silent', 'feedback']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no store at sqlite://data/citebot.sqlite');
    expect(existsSync(join(project, 'data'))).toBe(false);
  });
});

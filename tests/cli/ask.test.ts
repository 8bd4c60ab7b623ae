/**
 * The CLI as a user runs it: `npm run ask -- ...`, spawned, stdout and stderr read apart.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articlesFolder, codeFrontMatter } from '../helpers.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';
import { runNpm, type Run } from './npm.ts';

/** `npm run --silent ask -- ARGS`, as the README says to run it when stdout is read by a program. */
function ask(args: string[], input?: string, env: Record<string, string> = {}): Promise<Run> {
  return runNpm(['run', '--silent', 'ask', '--', ...args], { input, extraEnv: env });
}

describe('npm run ask', () => {
  it('answers in readable text with citations and sources', async () => {
    const run = await ask(['troop ceiling']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The approved ceiling is of troops is 4,647.');
    expect(run.stdout).toContain('[a0:6.3]');
    expect(run.stdout).toMatch(/Sources:\n\s+a0\s+US, Iraq agree to send 500 or more American troops/);
  });

  it('prints one JSON object that follows the contract with --json', async () => {
    const run = await ask(['--json', '--top', '2', 'troop ceiling']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer).toMatchObject({ question: 'troop ceiling', answered: true });
    expect(answer.results).toHaveLength(2);
    expect(answer.results[0]).toMatchObject({
      text: 'The approved ceiling is of troops is 4,647.',
      id: 'a0:6.3',
      source: {
        file: '000_ddb3386f1b57f2ed.txt',
        title: 'US, Iraq agree to send 500 or more American troops to fight\u00a0ISIS',
        url: null,
      },
    });
    expect(typeof answer.results[0].score).toBe('number');
  });

  it('gives the offsets of the answer inside each quote', async () => {
    const run = await ask(['--json', '--top', '1', 'How many US troops are in Iraq?']);
    const [result] = JSON.parse(run.stdout).results as { text: string; highlights: { start: number; end: number }[] }[];
    // Either article's count answers (2,500 in 2021, 4,565 in 2016): the highlight is that count.
    const highlighted = result!.highlights.map((span) => result!.text.slice(span.start, span.end));
    expect(highlighted).toHaveLength(1);
    expect(['2,500', '4,565']).toContain(highlighted[0]);
    expect(result!.text).toMatch(new RegExp(`${highlighted[0]} (US|U\\.S\\.) troops`));
  });

  it('tells the same words in another article from similar wording, in text and JSON', async () => {
    const json = await ask(['--json', '--top', '5', 'How many US troops are in Iraq?']);
    const results = JSON.parse(json.stdout).results as {
      text: string;
      id: string;
      ids: string[];
      alsoIn: { id: string }[];
      similarIn: { id: string }[];
    }[];
    const troopCount = results.find(
      (result) => result.text.startsWith('There are currently') && result.similarIn.length > 0,
    );
    expect(troopCount, json.stdout).toBeDefined();
    // The near-duplicate has other words: it is no citation of this quote.
    expect(troopCount!.alsoIn).toEqual([]);
    expect(troopCount!.ids).toEqual([troopCount!.id]);
    const text = await ask(['--top', '5', 'How many US troops are in Iraq?']);
    expect(text.stdout).toContain(`[${troopCount!.id}] · similar wording in [${troopCount!.similarIn[0]!.id}]`);
  });

  it('answers piped questions one JSON line each, in order', async () => {
    const run = await ask(
      ['--json'],
      'troop ceiling\nWhat is the weather like in Baghdad right now?\nWho is John Kirby?\n',
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.question)).toEqual([
      'troop ceiling',
      'What is the weather like in Baghdad right now?',
      'Who is John Kirby?',
    ]);
    expect(lines.map((l) => l.answered)).toEqual([true, false, true]);
    expect(lines[1].reason).toBe('no-direct-answer');
    expect(lines[2].results[0].text).toContain('John Kirby');
  });

  it('reads another folder with --articles and warns on stderr about a bad file', async () => {
    const folder = await articlesFolder({
      'budget.txt': 'Budget\n\nThe mission cost 14 billion dollars.\n',
      'photo.png': 'not an article',
    });
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'what did the mission cost']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).results[0].text).toBe('The mission cost 14 billion dollars.');
      expect(run.stderr).toContain('photo.png');
    } finally {
      await folder.cleanup();
    }
  });

  it('never runs code from an article’s front matter', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'citebot-marker-'));
    const marker = join(outside, 'pwn-marker');
    const folder = await articlesFolder({
      'heron.md': codeFrontMatter('js', marker),
      'budget.txt': 'Budget\n\nThe heron count cost 14 dollars.\n',
    });
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'heron']);
      expect(run.code).toBe(0);
      expect(existsSync(marker)).toBe(false);
      expect(run.stderr).toMatch(/warning: skipped heron\.md: its front matter is marked "js"/);
      expect(JSON.parse(run.stdout).results[0].text).toBe('The heron count cost 14 dollars.');
    } finally {
      await folder.cleanup();
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('never quotes a file that a link in the folder points to', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'citebot-outside-'));
    await writeFile(join(outside, 'passwd.txt'), 'Accounts\n\nroot:x:0:0:root:/root:/bin/bash\n');
    const folder = await articlesFolder({ 'budget.txt': 'Budget\n\nThe mission cost 14 billion dollars.\n' });
    await symlink(join(outside, 'passwd.txt'), join(folder.dir, '901_passwd.txt'));
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'root bin bash']);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('root:x');
      expect(JSON.parse(run.stdout).results).toEqual([]);
      expect(run.stderr).toMatch(/warning: skipped 901_passwd\.txt: it is a symbolic link/);
    } finally {
      await folder.cleanup();
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('says which part of an article it left out, and still answers from it', async () => {
    const folder = await articlesFolder({
      'phish.md':
        '---\ntitle: Budget\nurl: ">[Click-to-verify](https://evil.example/login)"\n---\nThe mission cost 14 billion dollars.\n',
    });
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'what did the mission cost']);
      expect(JSON.parse(run.stdout).results[0]).toMatchObject({
        text: 'The mission cost 14 billion dollars.',
        source: { file: 'phish.md', url: null },
      });
      expect(run.stderr).toMatch(/^warning: phish\.md: its url was left out: /m);
      expect(run.stdout).not.toContain('evil.example');
    } finally {
      await folder.cleanup();
    }
  });

  it('exits 2 with a message on a usage error', async () => {
    const badTop = await ask(['--top', 'many', 'troops']);
    expect(badTop.code).toBe(2);
    expect(badTop.stderr).toContain('--top takes a whole number');
    expect(badTop.stdout).toBe('');
    const unknown = await ask(['--frobnicate', 'troops']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^Unknown option --frobnicate\. The options are --json, --articles DIR, --top K and --help\./,
    );
  });

  it('says to put -- before the options when npm took one for itself, instead of asking "5 troops"', async () => {
    const run = await runNpm(['run', '--silent', 'ask', '--top', '5', 'troop ceiling']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("npm kept --top for itself. Put -- before Citebot's options");
  });

  it('counts in the singular for one article', async () => {
    const folder = await articlesFolder({ 'budget.txt': 'Budget\n\nThe mission cost 14 billion dollars.\n' });
    try {
      const run = await ask(['--articles', folder.dir], 'what did the mission cost\n');
      expect(run.code).toBe(0);
      // The title is a sentence of its own (paragraph 0).
      expect(run.stderr).toMatch(/^Read 1 article \(2 sentences\) in \d+ ms\./m);
    } finally {
      await folder.cleanup();
    }
  });

  it('exits 1 naming a missing articles folder', async () => {
    const run = await ask(['--articles', '/nonexistent/folder', 'troops']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/nonexistent/folder does not exist');
  });

  it('never quotes an image’s alt text or a bare link as the answer', async () => {
    const folder = await articlesFolder({
      'race.md':
        '# Marathon day\n\n![Runners at the start line](https://example.com/start.jpg)\n\n[Runners at the start line: the gallery](https://example.com/gallery)\n\nThe runners set off from the start line at dawn.\n',
    });
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'runners at the start line']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).results.map((result: { text: string }) => result.text)).toEqual([
        'The runners set off from the start line at dawn.',
      ]);
    } finally {
      await folder.cleanup();
    }
  });

  it('takes a tab or a line break in a question as a space', async () => {
    const typed = await ask(['--json', 'troop\nceiling']);
    expect(typed.code).toBe(0);
    expect(JSON.parse(typed.stdout)).toMatchObject({ question: 'troop ceiling', answered: true });
    const piped = await ask(['--json'], 'troop\tceiling\n');
    expect(JSON.parse(piped.stdout)).toMatchObject({ question: 'troop ceiling', answered: true });
  });

  it('answers an empty question with a helpful message', async () => {
    const run = await ask(['--json', '   ']);
    expect(JSON.parse(run.stdout)).toMatchObject({ answered: false, error: 'The question is empty.' });
  });
});

describe('npm in this project', () => {
  it('keeps its own messages, so that a failing install shows its cause', async () => {
    // A project-wide `loglevel=silent` hid, for one, node-gyp's "not found: make" when npm ci failed.
    const run = await new Promise<string>((resolve, reject) => {
      const child = spawn('npm', ['config', 'get', 'loglevel'], {
        cwd: repositoryRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out.trim()));
    });
    expect(run).not.toBe('silent');
  });
});

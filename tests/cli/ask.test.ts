/**
 * The CLI as a user runs it: `npm run ask -- ...`, spawned, stdout and stderr read apart.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { articlesFolder } from '../helpers.ts';

const projectDir = new URL('../../', import.meta.url).pathname;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run --silent ask -- ARGS`, as the README says to run it when stdout is read by a program. */
function ask(args: string[], input?: string, env: Record<string, string> = {}): Promise<Run> {
  return npm(['run', '--silent', 'ask', '--', ...args], input, env);
}

function npm(npmArgs: string[], input?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', npmArgs, { cwd: projectDir, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
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
      source: { file: '000_ddb3386f1b57f2ed.txt', title: 'US, Iraq agree to send 500 or more American troops to fight\u00a0ISIS', url: null },
    });
    expect(typeof answer.results[0].score).toBe('number');
  });

  it('answers piped questions one JSON line each, in order', async () => {
    const run = await ask(['--json'], 'troop ceiling\nWhat is the weather like in Baghdad right now?\nWho is John Kirby?\n');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.question)).toEqual(['troop ceiling', 'What is the weather like in Baghdad right now?', 'Who is John Kirby?']);
    expect(lines.map((l) => l.answered)).toEqual([true, false, true]);
    expect(lines[1].reason).toBe('no-direct-answer');
    expect(lines[2].results[0].text).toContain('John Kirby');
  });

  it('reads another folder with --articles and warns on stderr about a bad file', async () => {
    const folder = await articlesFolder({ 'budget.txt': 'Budget\n\nThe mission cost 14 billion dollars.\n', 'photo.png': 'not an article' });
    try {
      const run = await ask(['--json', '--articles', folder.dir, 'what did the mission cost']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).results[0].text).toBe('The mission cost 14 billion dollars.');
      expect(run.stderr).toContain('photo.png');
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
    expect(unknown.stderr).toMatch(/^Unknown option --frobnicate\. The options are --json, --articles DIR, --top K and --help\./);
  });

  it('says to put -- before the options when npm took one for itself, instead of asking "5 troops"', async () => {
    const run = await npm(['run', '--silent', 'ask', '--top', '5', 'troop ceiling']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('npm kept --top for itself. Put -- before Citebot\'s options');
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

  it('answers an empty question with a helpful message', async () => {
    const run = await ask(['--json', '   ']);
    expect(JSON.parse(run.stdout)).toMatchObject({ answered: false, error: 'The question is empty.' });
  });
});

/**
 * `npm run quote -- ID`, the terminal's /quote, as a user runs it: spawned through npm, stdout
 * and stderr read apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlesFolder } from '../helpers.ts';
import { runNpm, type Run } from './npm.ts';

/** `npm run --silent quote -- --articles DIR ARGS`. */
function quote(args: string[]): Promise<Run> {
  return runNpm(['run', '--silent', 'quote', '--', '--articles', folder.dir, ...args]);
}

const article = `---
title: Kadhimi meets Biden
url: https://example.com/kadhimi
outlet: Example News
published: 2021-07-26
author: Jane Roe
---
The prime minister arrived in Washington on Sunday.

He met the president on Monday. There are currently 2,500 US troops in Iraq. Their combat mission ends this year.

Advisers will stay.
`;

let folder: Awaited<ReturnType<typeof articlesFolder>>;
beforeAll(async () => {
  folder = await articlesFolder({ '12-kadhimi.md': article });
});
afterAll(async () => {
  await folder?.cleanup();
});

describe('npm run quote', () => {
  it('prints the sentence verbatim, with its citation id and its source', async () => {
    const run = await quote(['a12:2.2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '“There are currently 2,500 US troops in Iraq.”\n[a12:2.2] Kadhimi meets Biden (Example News, 2021-07-26, by Jane Roe) — https://example.com/kadhimi\n',
    );
  });

  it('adds the sentences around it with --context, as the Context button does, the quoted one marked', async () => {
    const run = await quote(['--context', '[A12:2.2]']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(3)).toEqual([
      'Context:',
      '  [a12:1.1] The prime minister arrived in Washington on Sunday.',
      '  [a12:2.1] He met the president on Monday.',
      '> [a12:2.2] There are currently 2,500 US troops in Iraq.',
      '  [a12:2.3] Their combat mission ends this year.',
      '  [a12:3.1] Advisers will stay.',
      '',
    ]);
  });

  it('prints one JSON object with --json', async () => {
    const run = await quote(['--json', '--context', 'a12:3.1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      id: 'a12:3.1',
      text: 'Advisers will stay.',
      source: {
        file: '12-kadhimi.md',
        title: 'Kadhimi meets Biden',
        url: 'https://example.com/kadhimi',
        outlet: 'Example News',
        published: '2021-07-26',
        author: 'Jane Roe',
      },
      context: [
        { id: 'a12:2.2', text: 'There are currently 2,500 US troops in Iraq.', quoted: false },
        { id: 'a12:2.3', text: 'Their combat mission ends this year.', quoted: false },
        { id: 'a12:3.1', text: 'Advisers will stay.', quoted: true },
      ],
    });
  });

  it('exits 1 with a clear message for an id no sentence has', async () => {
    const run = await quote(['a12:9.1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `No sentence has the citation id "a12:9.1" in ${folder.dir}. Citation ids look like a3:4.2`,
    );
  });

  it('exits 2 with the usage when no id is given', async () => {
    const run = await quote([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Give the citation id of the sentence, like a3:4\.2\.\n\nUsage: npm run quote/);
  });

  it('says to put -- before the options when npm took one for itself', async () => {
    const run = await runNpm(['run', '--silent', 'quote', '--context', 'a0:6.3']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      "npm kept --context for itself. Put -- before Citebot's options: npm run quote -- --context a3:4.2",
    );
  });
});

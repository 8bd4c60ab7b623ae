/**
 * `npm run add -- URL [--articles DIR]` as a user runs it, spawned, against a web server on
 * 127.0.0.1: it saves the article as a .md file with front matter, replaces it when the same
 * article is added again, and writes nothing when it refuses.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/corpus/frontMatter.ts';
import { temporaryFolder } from '../helpers.ts';
import { runNpm, type Run } from './npm.ts';
import { startPageServer, type PageServer } from '../corpus/web/pageServer.ts';

function runAdd(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // CITEBOT_ALLOW_PRIVATE_URLS is set either way, so that a developer's .env cannot decide it.
  return runNpm(['run', '--silent', 'add', '--', ...args], { extraEnv: { CITEBOT_ALLOW_PRIVATE_URLS: '0', ...env } });
}

let pages: PageServer;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages?.stop();
});

const allowPrivate = { CITEBOT_ALLOW_PRIVATE_URLS: '1' };

describe('npm run add', () => {
  it('saves the article as a .md file with its metadata in front matter, and replaces it when added again', async () => {
    const dir = temporaryFolder('citebot-add-');
    const first = await runAdd([pages.url('/article'), '--articles', dir], allowPrivate);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/^127\.0\.0\.1-articles-herons-return-[0-9a-f]{8}\.md$/)]);
    expect(first.stdout).toContain(`Added ${join(dir, files[0]!)}`);
    expect(first.stdout).toMatch(/title: +Herons return to the Kallur marsh\n/);
    expect(first.stdout).toMatch(/sentences: +8\n/);
    expect(first.stdout).toContain('first quotable sentence: Grey herons have returned to the Kallur marsh');
    const saved = readFrontMatter(await readFile(join(dir, files[0]!), 'utf8'));
    expect(saved.ok && saved.data).toEqual({
      title: 'Herons return to the Kallur marsh',
      url: pages.url('/articles/herons-return'),
      author: 'Ada Reed',
      outlet: 'Marsh News',
      published: '2024-05-02T08:00:00Z',
    });

    const again = await runAdd([pages.url('/redirect-to-article'), '--articles', dir], allowPrivate);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Replaced /);
    expect(await readdir(dir)).toEqual(files);
  });

  it('refuses 127.0.0.1 unless CITEBOT_ALLOW_PRIVATE_URLS is on, and writes nothing', async () => {
    const dir = temporaryFolder('citebot-add-');
    const refused = await runAdd([pages.url('/article'), '--articles', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Could not add ${pages.url('/article')}: 127.0.0.1 is this machine itself (loopback); I only read pages on the public internet. Nothing was written.\n`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes nothing for a page it refuses, and says why', async () => {
    const dir = temporaryFolder('citebot-add-');
    for (const [path, reason] of [
      ['/huge', 'the page is over the 2.0 MiB limit'],
      ['/no-article', 'I found no article on the page'],
      ['/not-found', 'the server answered 404 (Not Found)'],
    ] as const) {
      const result = await runAdd([pages.url(path), '--articles', dir], allowPrivate);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Could not add ${pages.url(path)}: ${reason}`);
      expect(result.stderr).toMatch(/Nothing was written\.\n$/);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('says how to use it when the link is missing', async () => {
    const result = await runAdd([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Give one link to read\.\n\nUsage: npm run add -- URL \[--articles DIR\]/);
  });
});

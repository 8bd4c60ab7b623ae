/**
 * An article added from Discord (/admin add) is read by the same rules as the folder's: front
 * matter is data, never code. And what reading leaves out of an article is reported on every
 * start, whether the article was read anew or came from the store.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryWithStore } from '../../src/library/folder.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { ServerArticles } from '../../src/library/serverArticles.ts';
import { codeFrontMatter } from '../helpers.ts';
import { temporaryFolder } from '../store/backends.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('adding an article from Discord (SQLite)', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let store: Store;
  let articles: ServerArticles;

  beforeEach(async () => {
    folder = await temporaryFolder();
    store = await openStore(`sqlite://${join(folder.path, 'citebot.sqlite')}`);
    articles = new ServerArticles(store, { files: [], keys: new Map() });
  });
  afterEach(async () => {
    await store.close();
    await folder.remove();
  });

  it.each(['js', 'javascript', 'coffee'])(
    'refuses ---%s front matter without running it, and stores nothing',
    async (language) => {
      const marker = join(folder.path, 'pwn-marker');
      const added = await articles.add('g1', 'heron.md', encode(codeFrontMatter(language, marker)), 'u1');
      expect(added).toMatchObject({ ok: false, reason: expect.stringMatching(/only YAML front matter is read/) });
      expect(existsSync(marker)).toBe(false);
      expect(await articles.list('g1')).toEqual([]);
    },
  );

  it('adds YAML front matter as before, its title capped and cleaned', async () => {
    const added = await articles.add(
      'g1',
      'heron.md',
      encode(`---\ntitle: "Herons \u202Enest ${'again '.repeat(100)}"\n---\nThe heron nested.\n`),
      'u1',
    );
    expect(added.ok).toBe(true);
    const [stored] = await articles.list('g1');
    expect(stored!.title.startsWith('Herons nest again')).toBe(true);
    expect([...stored!.title].length).toBeLessThanOrEqual(300);
  });
});

describe('the stored index (SQLite)', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let store: Store;

  beforeEach(async () => {
    folder = await temporaryFolder();
    store = await openStore(`sqlite://${join(folder.path, 'citebot.sqlite')}`);
  });
  afterEach(async () => {
    await store.close();
    await folder.remove();
  });

  it('reports a url left out on every start, whether the article was read anew or not', async () => {
    const articlesDir = join(folder.path, 'articles');
    await mkdir(articlesDir);
    await writeFile(
      join(articlesDir, 'phish.md'),
      '---\ntitle: Budget\nurl: "javascript:alert(1)"\n---\nThe mission cost 14 billion dollars.\n',
    );
    await writeFile(join(articlesDir, 'other.txt'), 'Other\n\nThe heron nested.\n');
    const note = {
      file: 'phish.md',
      reason: 'its url was left out: only http and https addresses are linked',
      kept: true,
    };

    const first = await openLibraryWithStore(articlesDir, store);
    expect(first).toMatchObject({ indexSource: 'built', analysedCount: 2 });
    expect(first.warnings).toEqual([note]);
    expect(first.engine.articles.find((article) => article.file === 'phish.md')?.url).toBeNull();

    const unchanged = await openLibraryWithStore(articlesDir, store);
    expect(unchanged.indexSource).toBe('stored');
    expect(unchanged.warnings).toEqual([note]);

    // Another file changed: the index is rebuilt, phish.md comes from the analysed-article cache.
    await writeFile(join(articlesDir, 'other.txt'), 'Other\n\nThe heron nested twice.\n');
    const rebuilt = await openLibraryWithStore(articlesDir, store);
    expect(rebuilt).toMatchObject({ indexSource: 'built', analysedCount: 1 });
    expect(rebuilt.warnings).toEqual([note]);
  });
});

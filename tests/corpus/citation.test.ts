import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleKeyFor, assignArticleKeys, parseCitationId } from '../../src/corpus/citation.ts';
import { loadArticles } from '../../src/corpus/load.ts';
import { sentencesOf } from '../../src/corpus/types.ts';
import { articlesFolder, seedsDir } from '../helpers.ts';

async function idsByText(dir: string): Promise<Map<string, string>> {
  const { articles } = await loadArticles(dir);
  return new Map(
    articles.flatMap(({ article }) => sentencesOf(article).map((s) => [`${article.file}|${s.text}`, s.id] as const)),
  );
}

describe('citation ids', () => {
  it('are short and typed from the file name, not load order', () => {
    expect(articleKeyFor('003_860f66c1847e927d.txt')).toBe('a3');
    expect(articleKeyFor('12-kadhimi.md')).toBe('a12');
    expect(articleKeyFor('kadhimi-visit.md')).toMatch(/^k[0-9a-z]{4}$/);
    expect(articleKeyFor('kadhimi-visit.md')).toBe(articleKeyFor('kadhimi-visit.md'));
  });

  it('tell colliding file names apart, the same way every time', () => {
    const keys = assignArticleKeys(['3.txt', '003_x.txt']);
    expect(new Set(keys.values()).size).toBe(2);
    expect(assignArticleKeys(['003_x.txt', '3.txt'])).toEqual(keys);
  });

  it('do not change when other articles are added or removed', async () => {
    const before = await idsByText(seedsDir);
    const folder = await articlesFolder(
      { '004_new-report.txt': 'A new article\n\nIt says troops.\n', 'zeta.md': '# Zeta\n\nAnother article.\n' },
      { withSeeds: true },
    );
    try {
      const removed = (await readdir(folder.dir)).find((name) => name.startsWith('001_'))!;
      await import('node:fs/promises').then((fs) => fs.rm(join(folder.dir, removed)));
      const after = await idsByText(folder.dir);
      for (const [key, id] of before) if (!key.startsWith(removed)) expect(after.get(key), key).toBe(id);
    } finally {
      await folder.cleanup();
    }
  });

  it('are the same after a restart (a fresh load of the same files)', async () => {
    expect(await idsByText(seedsDir)).toEqual(await idsByText(seedsDir));
  });

  it('read back as a user may type them', () => {
    expect(parseCitationId('a3:4.2')).toEqual({ articleKey: 'a3', paragraph: 4, position: 2 });
    expect(parseCitationId(' [A3:4.2] ')).toEqual({ articleKey: 'a3', paragraph: 4, position: 2 });
    expect(parseCitationId('a3:4')).toBeNull();
    expect(parseCitationId('hello')).toBeNull();
  });

  it('point at sentences that exist in the seed files', async () => {
    const { articles } = await loadArticles(seedsDir);
    const a0 = articles.find((a) => a.article.key === 'a0')!.article;
    const ceiling = sentencesOf(a0).find((s) => s.text === 'The approved ceiling is of troops is 4,647.')!;
    expect(ceiling.id).toBe('a0:6.3');
    expect(await readFile(join(seedsDir, a0.file), 'utf8')).toContain(ceiling.text);
  });
});

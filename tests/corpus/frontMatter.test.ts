/**
 * Markdown front matter is data, never code: `---js` / `---coffee` blocks (which
 * front-matter libraries commonly run with eval) are refused, and YAML is read without tags that build anything but data.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/corpus/load.ts';
import { parseArticle } from '../../src/corpus/parse.ts';
import { sentencesOf } from '../../src/corpus/types.ts';
import { articlesFolder, codeFrontMatter } from '../helpers.ts';

let scratch: string;
let marker: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'citebot-marker-'));
  marker = join(scratch, 'pwn-marker');
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('front matter', () => {
  it.each(['js', 'javascript', 'coffee', 'toml', 'json', ' js '])(
    'refuses ---%s front matter without running it',
    (language) => {
      const parsed = parseArticle('heron.md', codeFrontMatter(language, marker));
      expect(parsed).toMatchObject({ ok: false, reason: expect.stringMatching(/only YAML front matter is read/) });
      expect(existsSync(marker)).toBe(false);
    },
  );

  it('skips such a file with a warning naming it, and loads the others', async () => {
    const folder = await articlesFolder({
      'heron.md': codeFrontMatter('js', marker),
      'crane.md': '---\ntitle: Cranes return\n---\nThe cranes returned in March.\n',
    });
    try {
      const { articles, warnings } = await loadArticles(folder.dir);
      expect(articles.map((a) => a.article.file)).toEqual(['crane.md']);
      expect(warnings).toEqual([{ file: 'heron.md', reason: expect.stringMatching(/front matter is marked "js"/) }]);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses YAML tags that would build code or objects', () => {
    for (const tag of [
      '!!js/function',
      '!!js/undefined',
      '!!js/regexp',
      '!<tag:yaml.org,2002:js/function>',
      '!custom',
    ]) {
      const text = `---\ntitle: ${tag} "function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }"\n---\nThe heron nested.\n`;
      expect(parseArticle('heron.md', text)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not valid YAML \(unknown tag/),
      });
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('reads plain YAML, labelled or not, as before', () => {
    for (const opening of ['---', '---yaml', '--- yml  ']) {
      const parsed = parseArticle(
        'kadhimi.md',
        `${opening}\ntitle: Kadhimi meets Biden\npublished: 2021-07-26\nauthor: Jane Roe\n---\n\nThe prime minister met the president.\n`,
      );
      expect(parsed.ok && parsed.article.meta).toMatchObject({
        title: 'Kadhimi meets Biden',
        published: '2021-07-26',
        author: 'Jane Roe',
      });
    }
  });

  it('reads no metadata through a prototype set by the YAML', () => {
    const parsed = parseArticle(
      'proto.md',
      '---\n__proto__:\n  title: From the prototype\n---\n# The real heading\n\nThe body.\n',
    );
    expect(parsed.ok && parsed.article.meta.title).toBe('The real heading');
  });

  it('refuses front matter that is not closed, or not name: value lines', () => {
    expect(parseArticle('open.md', '---\ntitle: Never closed\nThe body.\n')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no closing ---/),
    });
    expect(parseArticle('list.md', '---\n- one\n- two\n---\nThe body.\n')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/"name: value"/),
    });
  });

  it('leaves a file that opens with a longer rule as text', () => {
    const parsed = parseArticle('rule.md', '----\n# Herons\n\nThe heron nested.\n');
    expect(parsed.ok && parsed.article.bodyLines).toContain('The heron nested.');
  });

  it('keeps the body after the front matter intact', async () => {
    const folder = await articlesFolder({
      'k.md': '---\ntitle: Kadhimi\n---\nThe prime minister met the president on Monday.\n---\nA second part.\n',
    });
    try {
      const { articles } = await loadArticles(folder.dir);
      expect(sentencesOf(articles[0]!.article).map((s) => s.text)).toEqual([
        'Kadhimi',
        'The prime minister met the president on Monday.',
        '---',
        'A second part.',
      ]);
    } finally {
      await folder.cleanup();
    }
  });
});

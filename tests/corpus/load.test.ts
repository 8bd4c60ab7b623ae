import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles, ArticlesFolderError } from '../../src/corpus/load.ts';
import { sentencesOf } from '../../src/corpus/types.ts';
import { articlesFolder } from '../helpers.ts';

const goodArticle = 'A good title\n\nThe body says something useful about troops.\n';

describe('loading an articles folder', () => {
  it('skips every bad file with a warning naming it and why, and loads the rest', async () => {
    const folder = await articlesFolder({
      'good.txt': goodArticle,
      'empty.txt': '',
      'blank.txt': '   \n\n  \n',
      'binary.txt': new Uint8Array([0x41, 0x00, 0x42, 0x43]),
      'latin1.txt': new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'notes.pdf': '%PDF-1.4',
      README: 'no extension',
      'bad-front-matter.md': '---\ntitle: [unclosed\n---\nBody text.\n',
      'broken.json': '{ "title": "x", ',
      'no-body.json': '{ "title": "Only a title" }',
      'array.json': '[1, 2, 3]',
      'title-only.txt': 'Just a title\n',
      'huge.txt': `Huge\n${'word '.repeat(1000)}`,
    });
    await mkdir(join(folder.dir, 'subfolder'));
    try {
      const { articles, warnings } = await loadArticles(folder.dir, { maxBytes: 2048 });
      expect(articles.map((a) => a.article.file)).toEqual(['good.txt']);
      const reasons = Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
      expect(reasons['empty.txt']).toMatch(/empty/);
      expect(reasons['blank.txt']).toMatch(/empty/);
      expect(reasons['binary.txt']).toMatch(/binary/);
      expect(reasons['latin1.txt']).toMatch(/UTF-8/);
      expect(reasons['notes.pdf']).toMatch(/unsupported file type "\.pdf"/);
      expect(reasons['README']).toMatch(/unsupported file type/);
      expect(reasons['bad-front-matter.md']).toMatch(/front matter/);
      expect(reasons['broken.json']).toMatch(/not valid JSON/);
      expect(reasons['no-body.json']).toMatch(/"body"/);
      expect(reasons['array.json']).toMatch(/JSON object/);
      expect(reasons['title-only.txt']).toMatch(/no body/);
      expect(reasons['huge.txt']).toMatch(/over the 2\.0 KiB limit/);
      expect(reasons['subfolder']).toMatch(/folder/);
    } finally {
      await folder.cleanup();
    }
  });

  it('reads markdown front matter and JSON metadata', async () => {
    const folder = await articlesFolder({
      'kadhimi.md':
        '---\ntitle: Kadhimi meets Biden\nurl: https://example.com/k\nauthor: Jane Roe\npublished: 2021-07-26\noutlet: Example News\n---\n\n# Kadhimi meets Biden\n\nThe prime minister met the [president](https://example.com/p) on Monday.\n',
      'troops.json': JSON.stringify({
        title: 'Troops stay',
        body: 'About 2,500 troops remain.\n\nThey will advise.',
        url: 'https://example.com/t',
        author: 'Ann Other',
      }),
    });
    try {
      const { articles, warnings } = await loadArticles(folder.dir);
      expect(warnings).toEqual([]);
      const [md, json] = articles.map((a) => a.article);
      expect(md).toMatchObject({
        title: 'Kadhimi meets Biden',
        url: 'https://example.com/k',
        author: 'Jane Roe',
        published: '2021-07-26',
        outlet: 'Example News',
      });
      expect(sentencesOf(md!).map((s) => s.text)).toContain('The prime minister met the president on Monday.');
      expect(json).toMatchObject({
        title: 'Troops stay',
        url: 'https://example.com/t',
        author: 'Ann Other',
        published: null,
      });
      expect(
        sentencesOf(json!)
          .filter((s) => s.kind === 'prose')
          .map((s) => s.text),
      ).toEqual(['About 2,500 troops remain.', 'They will advise.']);
    } finally {
      await folder.cleanup();
    }
  });

  it('keeps a markdown line of images or links only as a caption, never as prose', async () => {
    const folder = await articlesFolder({
      'race.md': [
        '# Marathon day',
        '',
        '![Runners at the start line](https://example.com/start.jpg)',
        '[![The finish](https://example.com/finish.jpg)](https://example.com/gallery)',
        '[Read the full results](https://example.com/results)',
        '* [Home](https://example.com/) | [Sport](https://example.com/sport)',
        'Runners gathered at the [start line](https://example.com/map) before dawn.',
      ].join('\n'),
    });
    try {
      const { articles } = await loadArticles(folder.dir);
      const sentences = sentencesOf(articles[0]!.article);
      const kinds = Object.fromEntries(sentences.map((s) => [s.text, s.kind]));
      expect(kinds).toMatchObject({
        'Runners at the start line': 'caption',
        'The finish': 'caption',
        'Read the full results': 'caption',
        '* Home | Sport': 'caption',
        // A link inside a sentence of the article's own words leaves it prose.
        'Runners gathered at the start line before dawn.': 'prose',
      });
      // Each line is still its own paragraph: the citation ids of the lines after it stay.
      expect(sentences.find((s) => s.text.startsWith('Runners gathered'))!.id).toMatch(/:5\.1$/);
    } finally {
      await folder.cleanup();
    }
  });

  it('joins a soft-wrapped line to the sentence it continues', async () => {
    const folder = await articlesFolder({
      'wrapped.md': '# Title\n\nThe troops will stay in the country\nuntil the end of the year.\n',
    });
    try {
      const { articles } = await loadArticles(folder.dir);
      expect(sentencesOf(articles[0]!.article).map((s) => s.text)).toContain(
        'The troops will stay in the country until the end of the year.',
      );
    } finally {
      await folder.cleanup();
    }
  });

  it('joins a paragraph of 100,000 soft-wrapped lines into one, every line in order', async () => {
    // Each line continues the last (lower case, no closing punctuation). Joining by testing the
    // end of the growing paragraph took minutes on a file like this: well past the test's limit.
    const lines = Array.from({ length: 100_000 }, (_, n) => `ox${n} n ran`);
    const folder = await articlesFolder({ 'wrapped.txt': `Wrapped\n\nThe list begins\n${lines.join('\n')}\n` });
    try {
      const { articles } = await loadArticles(folder.dir);
      const body = articles[0]!.article.paragraphs[1]!;
      const text = body.sentences.map((sentence) => sentence.text).join(' ');
      expect(text.startsWith('The list begins ox0 n ran ox1 n ran')).toBe(true);
      expect(text.endsWith('ox99999 n ran')).toBe(true);
      expect(articles[0]!.article.paragraphs).toHaveLength(2);
    } finally {
      await folder.cleanup();
    }
  });

  it('refuses a file with a NUL byte anywhere, not only near its start', async () => {
    const bytes = new TextEncoder().encode(`Late binary\n\n${'The body goes on. '.repeat(1000)}`);
    bytes[10_000] = 0;
    const folder = await articlesFolder({ 'late-nul.txt': bytes, 'good.txt': goodArticle });
    try {
      const { articles, warnings } = await loadArticles(folder.dir);
      expect(articles.map((a) => a.article.file)).toEqual(['good.txt']);
      expect(warnings).toEqual([{ file: 'late-nul.txt', reason: 'the file is binary, not text' }]);
    } finally {
      await folder.cleanup();
    }
  });

  it('never follows a symbolic link, so a file outside the folder is never quoted', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'citebot-outside-'));
    const secret = join(outside, 'passwd.txt');
    await writeFile(secret, 'Secrets\n\nroot:x:0:0:root:/root:/bin/bash\n');
    const folder = await articlesFolder({ 'good.txt': goodArticle });
    await symlink(secret, join(folder.dir, '901_passwd.txt'));
    await symlink('good.txt', join(folder.dir, 'inside-link.txt'));
    try {
      const { articles, warnings } = await loadArticles(folder.dir);
      expect(articles.map((a) => a.article.file)).toEqual(['good.txt']);
      expect(articles.flatMap((a) => sentencesOf(a.article)).some((s) => s.text.includes('root'))).toBe(false);
      const reasons = Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
      expect(reasons['901_passwd.txt']).toMatch(/symbolic link; links are not followed/);
      expect(reasons['inside-link.txt']).toMatch(/symbolic link/);
    } finally {
      await folder.cleanup();
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('skips a named pipe instead of waiting on it forever', async () => {
    const folder = await articlesFolder({ 'good.txt': goodArticle });
    execFileSync('mkfifo', [join(folder.dir, '500_pipe.txt')]);
    try {
      const { articles, warnings } = await loadArticles(folder.dir);
      expect(articles.map((a) => a.article.file)).toEqual(['good.txt']);
      expect(warnings).toEqual([
        { file: '500_pipe.txt', reason: expect.stringMatching(/named pipe, not a regular file/) },
      ]);
    } finally {
      await folder.cleanup();
    }
  });

  it('says clearly when the folder does not exist', async () => {
    await expect(loadArticles('/nonexistent/articles')).rejects.toThrow(ArticlesFolderError);
    await expect(loadArticles('/nonexistent/articles')).rejects.toThrow(/does not exist/);
  });
});

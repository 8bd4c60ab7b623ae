/**
 * An article is text from outside: it may carry a word long enough to stall the reader, a title
 * of a megabyte, a url dressed as a link, or characters that reorder what Discord shows. Each
 * is dealt with when the article is read, and the rest of the article still answers.
 */
import { describe, expect, it } from 'vitest';
import { maxMetaLength, maxTitleLength, maxUrlLength } from '../../src/corpus/clean.ts';
import { loadArticles } from '../../src/corpus/load.ts';
import { parseArticle } from '../../src/corpus/parse.ts';
import { sentencesOf, type Article } from '../../src/corpus/types.ts';
import { buildIndex } from '../../src/index/build.ts';
import { QuoteEngine } from '../../src/retrieval/engine.ts';
import { articlesFolder } from '../helpers.ts';

const craneSentence = 'The cranes returned to the marsh in March.';
const craneQuestion = 'When did the cranes return to the marsh?';

async function load(files: Record<string, string>) {
  const folder = await articlesFolder(files);
  try {
    const { articles, warnings } = await loadArticles(folder.dir);
    return { articles: articles.map((a) => a.article), engine: new QuoteEngine(buildIndex(articles)), warnings };
  } finally {
    await folder.cleanup();
  }
}

function firstQuote(engine: QuoteEngine, question: string): string | undefined {
  const answer = engine.ask(question);
  return answer.answered ? answer.quotes[0]!.text : undefined;
}

/** Every character that could reorder or hide text around it in a message. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const invisibleControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

function everyText(article: Article): string[] {
  return [
    article.title,
    article.author ?? '',
    article.outlet ?? '',
    article.published ?? '',
    ...sentencesOf(article).map((s) => s.text),
  ];
}

describe('an over-long word', () => {
  it('is read quickly, kept verbatim, and the rest of the article still answers', async () => {
    const longWord = 'T'.repeat(200_000);
    const { articles, engine, warnings } = await load({
      'marsh.txt': `Marsh notes\n\n${longWord}\n\n${craneSentence}\n`,
    });
    expect(warnings).toEqual([]);
    expect(firstQuote(engine, craneQuestion)).toBe(craneSentence);
    expect(sentencesOf(articles[0]!).map((s) => s.text)).toEqual(['Marsh notes', longWord, craneSentence]);
  });

  it('in a JSON body too, in the middle of a sentence', async () => {
    const body = `The heron nested by ${'x'.repeat(400_000)} the river.\n\n${craneSentence}`;
    const { engine } = await load({ 'marsh.json': JSON.stringify({ title: 'Marsh notes', body }) });
    expect(firstQuote(engine, craneQuestion)).toBe(craneSentence);
  });
});

/** The non-empty body lines of a markdown article, or false when it is refused. */
function bodyLinesOf(file: string, text: string): string[] | false {
  const parsed = parseArticle(file, text);
  return parsed.ok && parsed.article.bodyLines.filter(Boolean);
}

describe('markdown links and images', () => {
  // Each of these 300 KB lines took from seconds to minutes when a link's target was read up
  // to the next ")" from every "[": the test times out on such reading.
  it.each(['[', '[a', '![a', '[a](', '[a](b(', '[ '])('a line of %j repeated is read at once, kept as text', (unit) => {
    const line = unit.repeat(Math.ceil(300_000 / unit.length));
    const lines = bodyLinesOf('brackets.md', `# Brackets\n\n${line}\n\nThe harbour reopened on Monday.\n`);
    expect(lines && lines.at(-1)).toBe('The harbour reopened on Monday.');
  });

  // A heading's closing `#` was found by a pattern that backtracked over runs of spaces: a
  // heading of 20,000 spaces did not finish in ten minutes.
  it.each([
    ['spaces', `## a${' '.repeat(300_000)}b`],
    ['spaced hashes', `# a${' #'.repeat(150_000)}x`],
    ['spaces then hashes', `# a${' '.repeat(150_000)}${'#'.repeat(150_000)} b`],
  ])('a heading of 300 KB of %s is read at once', (_what, heading) => {
    const lines = bodyLinesOf('heading.md', `# Headings\n\n${heading}\n\nThe harbour reopened on Monday.\n`);
    expect(lines && lines.at(-1)).toBe('The harbour reopened on Monday.');
  });

  it('reads a heading’s closing `#` run as no part of it, and a `#` that ends a word as part of it', () => {
    expect(
      bodyLinesOf('headings.md', '# Headings\n\n## Learn C#\n\n## Results ##\n\nThe harbour reopened on Monday.\n'),
    ).toEqual(['Learn C#', 'Results', 'The harbour reopened on Monday.']);
  });

  it('reads a backslash before punctuation as that character, as CommonMark does', () => {
    expect(
      bodyLinesOf(
        'escapes.md',
        '# Escapes\n\n\\# Not a heading, \\[in brackets\\], \\*\\*not bold\\*\\* and C:\\Users.\n',
      ),
    ).toEqual(['# Not a heading, [in brackets], **not bold** and C:\\Users.']);
  });

  it('still reads a link whose address holds parentheses as its words', () => {
    expect(
      bodyLinesOf(
        'mosul.md',
        '# Mosul\n\nThe battle for [Mosul](https://en.wikipedia.org/wiki/Mosul_(city)) lasted nine months.\n',
      ),
    ).toEqual(['The battle for Mosul lasted nine months.']);
  });
});

describe('titles and metadata', () => {
  it('cuts a 1 MB title to the cap, says so, and still quotes the body', async () => {
    const { articles, engine, warnings } = await load({
      'marsh.json': JSON.stringify({ title: 'Cranes '.repeat(150_000), body: craneSentence, author: 'A'.repeat(1000) }),
    });
    const article = articles[0]!;
    expect([...article.title]).toHaveLength(maxTitleLength);
    expect(article.title.endsWith('…')).toBe(true);
    expect([...article.author!]).toHaveLength(maxMetaLength);
    expect(warnings).toEqual([
      { file: 'marsh.json', reason: `its title is over ${maxTitleLength} characters; it was cut`, kept: true },
      { file: 'marsh.json', reason: `its author is over ${maxMetaLength} characters; it was cut`, kept: true },
    ]);
    expect(firstQuote(engine, craneQuestion)).toBe(craneSentence);
  });

  it('never cuts a character in half', () => {
    const parsed = parseArticle('emoji.json', JSON.stringify({ title: '🦩'.repeat(1000), body: craneSentence }));
    const title = parsed.ok ? parsed.article.meta.title : '';
    expect(title).toBe(`${'🦩'.repeat(maxTitleLength - 1)}…`);
    expect(
      parseArticle('fits.json', JSON.stringify({ title: '🦩'.repeat(maxTitleLength), body: craneSentence })),
    ).toMatchObject({ ok: true, notes: [] });
  });

  it('names an untitled file by a heading of reasonable length', async () => {
    const { articles } = await load({
      'untitled.txt': `${'A'.repeat(5000)}\n\n${craneSentence} It was a long way. They rested.\n`,
    });
    expect([...articles[0]!.title].length).toBeLessThanOrEqual(maxTitleLength);
  });
});

describe('the url', () => {
  it('drops a masked link from front matter, with a warning, and keeps the article', async () => {
    const { articles, engine, warnings } = await load({
      'phish.md':
        '---\ntitle: Cranes return\nurl: ">[Click-to-verify](https://evil.example/login)"\n---\n' +
        `${craneSentence}\n`,
    });
    expect(articles[0]).toMatchObject({ title: 'Cranes return', url: null });
    expect(warnings).toEqual([
      { file: 'phish.md', reason: expect.stringMatching(/^its url was left out: /), kept: true },
    ]);
    expect(firstQuote(engine, craneQuestion)).toBe(craneSentence);
  });

  it.each([
    ['a javascript: link', 'javascript:alert(1)', /only http and https/],
    ['a relative path', '/relative/path', /not an absolute web address/],
    ['a space', 'https://example.com/a b', /spaces or control characters/],
    ['a bidi override', 'https://example.com/\u202Eevil', /spaces or control characters/],
    ['a control character', 'https://example.com/\u0007', /spaces or control characters/],
    ['a user name', 'https://bank.example@evil.example/login', /user name or password/],
    ['an over-long url', `https://example.com/${'a'.repeat(maxUrlLength)}`, /over 2048 characters/],
  ])('refuses a url with %s in a JSON article', (_, url, reason) => {
    // Written as a JSON escape (`\u202e`), which the cleaning of the file's raw text cannot see.
    const json = JSON.stringify({ title: 'Cranes', body: craneSentence, url }).replace(/\u202E/g, '\\u202e');
    const parsed = parseArticle('a.json', json);
    expect(parsed).toMatchObject({
      ok: true,
      article: { meta: { url: null } },
      notes: [expect.stringMatching(reason)],
    });
  });

  it('keeps a web address in its normalised form', () => {
    const parsed = parseArticle(
      'a.json',
      JSON.stringify({ title: 'Cranes', body: craneSentence, url: 'HTTPS://Example.COM/cranes?q="x"<y>' }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      article: { meta: { url: 'https://example.com/cranes?q=%22x%22%3Cy%3E' } },
      notes: [],
    });
  });
});

describe('bidi and control characters', () => {
  it('are taken out of text, title and metadata; words stay apart', async () => {
    const { articles, engine } = await load({
      'rtl.md':
        '---\ntitle: "Cranes \u202Ereturn\u202C home"\nauthor: "Jane\u2066 Roe\u2069"\noutlet: "Marsh\tNews"\n---\n' +
        `The cranes\u0001returned to the marsh\u200F in March.\u202E Nobody\u0085saw them leave.\n`,
      'escaped.json': JSON.stringify({
        title: 'Herons \u2067nest',
        body: 'The herons nested \u202Eby the river\u000b in May.',
        published: '2021-05-01\u200E',
      }),
    });
    for (const article of articles) for (const text of everyText(article)) expect(text).not.toMatch(invisibleControls);
    const [json, md] = articles;
    expect(md).toMatchObject({ title: 'Cranes return home', author: 'Jane Roe', outlet: 'Marsh News' });
    expect(sentencesOf(md!).map((s) => s.text)).toEqual([
      'Cranes return home',
      craneSentence,
      'Nobody saw them leave.',
    ]);
    expect(json).toMatchObject({ title: 'Herons nest', published: '2021-05-01' });
    expect(sentencesOf(json!).map((s) => s.text)).toContain('The herons nested by the river  in May.');
    expect(firstQuote(engine, craneQuestion)).toBe(craneSentence);
  });
});

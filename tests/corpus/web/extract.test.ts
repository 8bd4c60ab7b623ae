/**
 * Finding the article in a page and writing it as Citebot's `.md` file: metadata from the
 * page's tags, paragraphs kept, page furniture never quotable, front matter that a page
 * cannot inject into, English only. On the tests' own pages, and on the 24 saved news pages
 * of ../shared/bench/webpages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSavedPages, scorePage, type PageScore, type SavedPage } from '../../../src/bench/extractionScore.ts';
import { articleKeyFor } from '../../../src/corpus/citation.ts';
import { readFrontMatter } from '../../../src/corpus/frontMatter.ts';
import { parseArticle } from '../../../src/corpus/parse.ts';
import { segmentArticle } from '../../../src/corpus/segment.ts';
import { sentencesOf, type Article } from '../../../src/corpus/types.ts';
import { articleFileName, articleMarkdown } from '../../../src/corpus/web/articleFile.ts';
import { extractArticle, type PageArticle } from '../../../src/corpus/web/extract.ts';
import { articleFromHtml } from '../../../src/corpus/web/readPage.ts';
import { sharedAvailable } from '../../helpers.ts';
import { heronArticle, hostileArticle, noArticle, webpagesDir } from './pageServer.ts';

/** The article as Citebot reads its file back. */
function readBack(fileName: string, markdown: string): Article {
  const parsed = parseArticle(fileName, markdown);
  if (!parsed.ok) throw new Error(parsed.reason);
  return segmentArticle(articleKeyFor(fileName), fileName, parsed.article).article;
}

function quotable(article: Article): string[] {
  return sentencesOf(article)
    .filter((sentence) => sentence.kind === 'prose')
    .map((sentence) => sentence.text);
}

describe('a news page', () => {
  const read = articleFromHtml(heronArticle, 'https://news.test/2024/05/herons?utm_source=x#top');
  if (!read.ok) throw new Error(read.reason);
  const article = readBack(read.fileName, read.markdown);

  it('gives its metadata from the page tags, and its canonical address', () => {
    expect({
      title: article.title,
      outlet: article.outlet,
      author: article.author,
      published: article.published,
      url: article.url,
    }).toEqual({
      title: 'Herons return to the Kallur marsh',
      outlet: 'Marsh News',
      author: 'Ada Reed',
      published: '2024-05-02T08:00:00Z',
      url: 'https://news.test/articles/herons-return',
    });
    expect(read.fileName).toMatch(/^news\.test-articles-herons-return-[0-9a-f]{8}\.md$/);
  });

  it('keeps each paragraph as a paragraph, the headline as the title', () => {
    // Readability unwraps the newsletter box's one paragraph; the line kinds know it as boilerplate.
    expect(article.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
      'title',
      'prose',
      'caption',
      'prose',
      'prose',
      'prose',
      'boilerplate',
    ]);
    expect(article.paragraphs[1]!.text).toBe(
      'Grey herons have returned to the Kallur marsh for the first time in twelve years, the regional wildlife office said on Thursday.',
    );
  });

  it('never quotes the caption, share buttons, related stories, the newsletter box or the comments', () => {
    const sentences = quotable(article);
    expect(sentences).toHaveLength(4);
    expect(sentences.join(' ')).not.toMatch(
      /heron over the reeds|Share on|Storks|newsletter|seven of the herons|All rights reserved|Home/,
    );
    expect(sentencesOf(article).find((sentence) => sentence.text.startsWith('A grey heron over the reeds'))?.kind).toBe(
      'caption',
    );
  });

  it('keeps the same file name for the same article address, wherever it was linked from', () => {
    const again = articleFromHtml(heronArticle, 'https://news.test/share?id=9&utm_source=chat');
    expect(again.ok && again.fileName).toBe(read.fileName);
  });

  it('ignores a canonical link to another site: a page cannot pass itself off as another site’s article', () => {
    const impostor = articleFromHtml(
      heronArticle.replace('href="/articles/herons-return"', 'href="https://www.bbc.co.uk/news/world-1"'),
      'https://evil.test/copy',
    );
    expect(impostor.ok && readBack(impostor.fileName, impostor.markdown).url).toBe('https://evil.test/copy');
  });

  it('refuses a page with no article in it', () => {
    expect(articleFromHtml(noArticle, 'https://news.test/login')).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^I found no article on the page \(\d+ characters of text, where an article has at least 250\)$/,
      ),
    });
  });

  it('refuses pages built to make reading slow: too many elements, too deeply nested', () => {
    expect(
      extractArticle(
        `<html><body>${'<p>The council said the bridge will close.</p>'.repeat(20_000)}</body></html>`,
        'https://news.test/x',
      ),
    ).toEqual({ ok: false, reason: 'the page has over 10,000 elements, far more than a news page' });
    expect(
      extractArticle(
        `<html><body>${'<div>'.repeat(5_000)}Deep${'</div>'.repeat(5_000)}</body></html>`,
        'https://news.test/x',
      ),
    ).toEqual({ ok: false, reason: 'the page nests elements over 300 deep, far deeper than a news page' });
    // Parsing such a page is itself slow (80,000 nested elements took 2.6 s): refused unparsed.
    expect(extractArticle(`<html><body>${'<div>'.repeat(200_000)}Deep</body></html>`, 'https://news.test/x')).toEqual({
      ok: false,
      reason: 'the page has over 10,000 elements, far more than a news page',
    });
  });

  it('keeps pings and markdown as text: the quote holds them as the page wrote them', () => {
    const hostile = articleFromHtml(hostileArticle, 'https://news.test/hostile');
    if (!hostile.ok) throw new Error(hostile.reason);
    const sentences = quotable(readBack(hostile.fileName, hostile.markdown)).join(' ');
    expect(sentences).toContain('@everyone and @here should both be told');
    expect(sentences).toContain('<@123456789012345678>');
    expect(sentences).toContain('~~three~~');
  });
});

describe('the front matter a page’s metadata is written into', () => {
  const page = (overrides: Partial<PageArticle>): PageArticle => ({
    title: 'Herons return',
    byline: null,
    outlet: null,
    published: null,
    url: 'https://news.test/herons',
    declaredLanguage: 'en',
    blocks: [
      { kind: 'prose', text: 'Grey herons have returned to the Kallur marsh for the first time in twelve years.' },
    ],
    ...overrides,
  });

  const hostileValues = [
    'Herons"\n---\nurl: javascript:alert(1)\ntitle: Gotcha',
    'Herons: a return',
    '!!js/function "function () { return 1 }"',
    '&anchor *alias [list] {map: 1} | > # comment',
    'It\'s a "quote" \\ backslash',
    '---',
    '... end',
    'yes',
    '2024-05-02',
    '@everyone <@123> **bold**',
  ];
  for (const value of hostileValues) {
    it(`reads back exactly what was written, and adds no field: ${JSON.stringify(value)}`, () => {
      const markdown = articleMarkdown(page({ title: value, byline: value, outlet: value, published: value }));
      const front = readFrontMatter(markdown);
      const oneLine = value.replace(/\s+/g, ' ').trim();
      expect(front.ok && front.data).toEqual({
        title: oneLine,
        url: 'https://news.test/herons',
        author: oneLine,
        outlet: oneLine,
        published: oneLine,
      });
      const article = readBack('page.md', markdown);
      expect([article.title, article.author, article.url]).toEqual([oneLine, oneLine, 'https://news.test/herons']);
    });
  }

  it('writes a caption with brackets so that it reads back whole, and as a caption', () => {
    const article = readBack(
      'page.md',
      articleMarkdown(
        page({
          blocks: [
            { kind: 'caption', text: 'A heron [left] and \\ a stork](x) ![y]' },
            { kind: 'prose', text: 'The herons are back on the marsh after twelve years away from it.' },
          ],
        }),
      ),
    );
    expect(article.paragraphs[1]).toMatchObject({ kind: 'caption', text: 'A heron [left] and \\ a stork](x) ![y]' });
  });

  it('escapes the page’s text, so that every paragraph, heading and caption reads back as the page said it', () => {
    const blocks: PageArticle['blocks'] = [
      { kind: 'prose', text: '# Not a heading: the council met on Monday to vote.' },
      { kind: 'prose', text: '### Three hashes and a space start this paragraph.' },
      { kind: 'prose', text: '> Not a quotation, though it starts with a chevron.' },
      { kind: 'prose', text: 'Read [the report](https://example.com/report) before the vote on Friday.' },
      { kind: 'prose', text: '[Only a link](https://example.com/only)' },
      { kind: 'prose', text: '![Not a photo](heron.jpg)' },
      { kind: 'prose', text: 'The **bold** claim and the __underlined__ one were both denied.' },
      {
        kind: 'prose',
        text: 'A backslash \\# before a hash, \\\\ two of them, \\[ one before a bracket, and C:\\Users\\heron.',
      },
      { kind: 'prose', text: 'Prices rose 5% (see [note](x)) in C# and F#, said the_user on *the* forum.' },
      { kind: 'prose', text: 'Brackets [left] and ](right) and ![image and a lone * star.' },
      { kind: 'heading', text: '#1 story of the year' },
      { kind: 'heading', text: 'Learn C#' },
      { kind: 'heading', text: 'Ends with a hash #' },
      { kind: 'heading', text: '[Linked](x) heading with **bold**' },
      { kind: 'heading', text: '> Not a quote' },
      { kind: 'heading', text: '>>> deep' },
      { kind: 'caption', text: 'A caption with \\* a star, [brackets](x) and **bold** (Photo: AP)' },
    ];
    const article = readBack('page.md', articleMarkdown(page({ blocks })));
    expect(article.paragraphs.slice(1).map((paragraph) => paragraph.text)).toEqual(blocks.map((block) => block.text));
    expect(
      article.paragraphs.slice(1).map((paragraph) => paragraph.kind === 'heading' || paragraph.kind === 'caption'),
    ).toEqual(blocks.map((block) => block.kind !== 'prose'));
  });

  it('gives a name from the address that a server article may have', () => {
    expect(articleFileName('https://www.bbc.co.uk/news/world-us-canada-33646563')).toMatch(
      /^bbc\.co\.uk-news-world-us-canada-33646563-[0-9a-f]{8}\.md$/,
    );
    expect(articleFileName(`https://news.test/${'x'.repeat(500)}`)).toMatch(/^news\.test-x{70}-[0-9a-f]{8}\.md$/);
  });
});

describe.runIf(sharedAvailable(webpagesDir, 'the saved news pages'))('the 24 saved news pages', () => {
  // Read in beforeAll, which a skipped block never runs: without ../shared there is nothing to read.
  let pages: SavedPage[] = [];
  let scores: PageScore[] = [];
  beforeAll(() => {
    pages = loadSavedPages(webpagesDir);
    scores = pages.map((page) => scorePage(page));
  });

  it('all 24 give the title, outlet, byline and date the page has, and at least 95% of the expected body', () => {
    expect(scores).toHaveLength(24);
    for (const score of scores) {
      expect([score.name, score.title, score.outlet, score.byline, score.date]).toEqual([
        score.name,
        true,
        true,
        true,
        true,
      ]);
      expect(score.bodyShare, score.name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('refuses the French page and the Spanish one, saying which language; adds the 22 English ones', () => {
    expect(scores.filter((score) => score.refusal !== null).map((score) => [score.name, score.refusal])).toEqual([
      ['lemonde-1', 'the article is in French (the page says "fr"); I read and quote English articles only'],
      ['nytimes-5', 'the article is in Spanish (the page says "es"); I read and quote English articles only'],
    ]);
  });

  it('never makes a photo caption quotable prose', () => {
    let captions = 0;
    for (const page of pages) {
      const read = articleFromHtml(page.html, `https://news.test/${page.name}/`);
      if (!read.ok) continue;
      const prose = quotable(readBack(read.fileName, read.markdown));
      for (const caption of page.expectedCaptions.filter((text) => text.length > 30)) {
        captions += 1;
        expect(
          prose.filter((sentence) => caption.includes(sentence) && sentence.length > 30),
          `${page.name}: ${caption}`,
        ).toEqual([]);
      }
    }
    expect(captions).toBeGreaterThan(10);
  });
});

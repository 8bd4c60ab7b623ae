/**
 * Scores article extraction on saved news pages (../shared/bench/webpages): each page's
 * `source.html` against the article Mozilla's Readability tests expect from it
 * (`expected.html`, `expected-metadata.json`). Shared by `npm run bench:extraction` and the
 * tests.
 *
 * - Metadata: title, outlet (siteName), byline and date (publishedTime) are right when they
 *   equal the expected value once spaces are collapsed (both absent counts as right).
 * - Body: the share of the expected body's words that the extracted article holds, counted
 *   as a multiset (a word expected three times must be there three times), case folded.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../corpus/web/extract.ts';
import { articleFromHtml } from '../corpus/web/readPage.ts';

export interface ExpectedMetadata {
  readonly title: string | null;
  readonly byline: string | null;
  readonly siteName: string | null;
  readonly publishedTime: string | null;
}

export interface SavedPage {
  readonly name: string;
  readonly html: string;
  readonly expected: ExpectedMetadata;
  /** The text of the expected article body. */
  readonly expectedBody: string;
  /** Captions in the expected body (`<figcaption>`): never to be quotable prose. */
  readonly expectedCaptions: readonly string[];
}

export interface PageScore {
  readonly name: string;
  readonly title: boolean;
  readonly outlet: boolean;
  readonly byline: boolean;
  readonly date: boolean;
  /** Share of the expected body's words recovered, 0 to 1. */
  readonly bodyShare: number;
  /** Extracting, checking the language and writing the article file, in ms. */
  readonly ms: number;
  /** Null when the page would be added; else why it is refused. */
  readonly refusal: string | null;
}

function oneLine(text: string | null | undefined): string | null {
  const value = text?.replace(/\s+/g, ' ').trim() ?? '';
  return value === '' ? null : value;
}

export function loadSavedPages(pagesDir: string): SavedPage[] {
  return readdirSync(pagesDir)
    .sort()
    .map((name) => {
      const dir = join(pagesDir, name);
      const expected = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata;
      const { document } = parseHTML(
        `<!doctype html><html><body>${readFileSync(join(dir, 'expected.html'), 'utf8')}</body></html>`,
      );
      const expectedCaptions = Array.from(document.querySelectorAll('figcaption'))
        .map((caption) => oneLine((caption as { textContent: string | null }).textContent))
        .filter((caption): caption is string => caption !== null);
      return {
        name,
        html: readFileSync(join(dir, 'source.html'), 'utf8'),
        expected,
        expectedBody: document.body.textContent ?? '',
        expectedCaptions,
      };
    });
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The share of `expected`'s words (as a multiset) found in `extracted`. */
export function bodyShare(extracted: string, expected: string): number {
  const available = new Map<string, number>();
  for (const word of words(extracted)) available.set(word, (available.get(word) ?? 0) + 1);
  const wanted = words(expected);
  if (wanted.length === 0) return 1;
  let found = 0;
  for (const word of wanted) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      found += 1;
      available.set(word, left - 1);
    }
  }
  return found / wanted.length;
}

export function scorePage(page: SavedPage, pageUrl = `https://news.test/${page.name}/`): PageScore {
  const started = performance.now();
  const read = articleFromHtml(page.html, pageUrl);
  const ms = performance.now() - started;
  const extracted = extractArticle(page.html, pageUrl);
  const article = extracted.ok ? extracted.article : null;
  const same = (got: string | null | undefined, want: string | null) => oneLine(got) === oneLine(want);
  return {
    name: page.name,
    title: same(article?.title, page.expected.title),
    outlet: same(article?.outlet, page.expected.siteName),
    byline: same(article?.byline, page.expected.byline),
    date: same(article?.published, page.expected.publishedTime),
    bodyShare: article ? bodyShare(article.blocks.map((block) => block.text).join('\n'), page.expectedBody) : 0,
    ms,
    refusal: read.ok ? null : read.reason,
  };
}

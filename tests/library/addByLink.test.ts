/**
 * Adding an article by link, as /admin add url: does it: the page downloaded from a real
 * server on 127.0.0.1, its article found in the analysis worker thread, added to a server's
 * articles in a real SQLite store. A refusal at any step leaves the server's articles and
 * the store as they were; the same article added twice is replaced, not added twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { anyAddress } from '../../src/corpus/web/addresses.ts';
import { defaultPageRules, fetchPage, type PageRules } from '../../src/corpus/web/fetchPage.ts';
import { WorkerAnalyser } from '../../src/library/analysisWorker.ts';
import type { Store } from '../../src/store/store.ts';
import { ServerArticles, type AddArticleResult } from '../../src/library/serverArticles.ts';
import { startPageServer, type PageServer } from '../corpus/web/pageServer.ts';
import { describeEachBackend } from '../store/backends.ts';

let server: PageServer;
let analyser: WorkerAnalyser;
beforeAll(async () => {
  server = await startPageServer();
  analyser = new WorkerAnalyser({ pageTimeoutMs: 10_000 });
});
afterAll(async () => {
  await analyser?.close();
  await server?.stop();
});

/** As with CITEBOT_ALLOW_PRIVATE_URLS=1: the test server is on 127.0.0.1. */
const rules: PageRules = { ...defaultPageRules, timeoutMs: 1_500, checkAddress: anyAddress };
const noShared = { files: [], keys: new Map() };

/** The steps of /admin add url:, in its order. */
async function addLink(articles: ServerArticles, link: string): Promise<AddArticleResult> {
  const fetched = await fetchPage(link, rules);
  if (!fetched.ok) return fetched;
  const page = await articles.readPage('g1', { html: fetched.html, url: fetched.url });
  if (!page.ok) return page;
  return articles.add('g1', page.fileName, new TextEncoder().encode(page.markdown), 'u1');
}

async function storeKeys(store: Store): Promise<number> {
  const list = await new ServerArticles(store, noShared).sourceFiles('g1');
  return list.files.length;
}

describeEachBackend('adding an article by link', (backend) => {
  it('adds the article under a name from its address; adding it again replaces it', async () => {
    const store = await backend.open();
    const articles = new ServerArticles(store, noShared, {}, analyser);
    const first = await addLink(articles, server.url('/article'));
    expect(first).toMatchObject({
      ok: true,
      replaced: false,
      article: {
        file: expect.stringMatching(/^127\.0\.0\.1-articles-herons-return-[0-9a-f]{8}\.md$/),
        title: 'Herons return to the Kallur marsh',
        sentences: 8,
      },
    });
    const again = await addLink(articles, server.url('/redirect-to-article'));
    expect(again).toMatchObject({ ok: true, replaced: true });
    expect((await articles.list('g1')).map((article) => article.file)).toEqual([first.ok ? first.article.file : '']);
    expect(await storeKeys(store)).toBe(1);
  });

  it('changes nothing when a link is refused, at whichever step', async () => {
    const store = await backend.open();
    const articles = new ServerArticles(store, noShared, {}, analyser);
    expect((await addLink(articles, server.url('/article'))).ok).toBe(true);
    const before = await articles.list('g1');
    const refused: [string, RegExp][] = [
      ['/huge', /over the 2\.0 MiB limit/],
      ['/endless', /over the 2\.0 MiB limit/],
      ['/drip', /did not arrive within 2 s/],
      ['/pdf', /not a web page/],
      ['/not-found', /answered 404/],
      ['/server-error', /answered 500/],
      ['/no-article', /found no article/],
    ];
    for (const [path, reason] of refused) {
      const result = await addLink(articles, server.url(path));
      expect(result.ok ? '' : result.reason, path).toMatch(reason);
    }
    expect(await articles.list('g1')).toEqual(before);
    expect(await storeKeys(store)).toBe(1);
  });

  it('adds a page full of pings and markdown as text, like any other', async () => {
    const articles = new ServerArticles(await backend.open(), noShared, {}, analyser);
    const added = await addLink(articles, server.url('/hostile'));
    expect(added).toMatchObject({
      ok: true,
      article: { title: '@everyone **Free** [prizes](https://evil.example) ||now||' },
    });
  });

  it('gives up on a page whose article takes too long to find, and adds nothing', async () => {
    const slow = new WorkerAnalyser({ pageTimeoutMs: 200 });
    try {
      const store = await backend.open();
      const articles = new ServerArticles(store, noShared, {}, slow);
      const html = `<html><body><div>${'<p><a href="/x">link text here and there</a> and some text about the marsh.</p> '.repeat(4_900)}</div></body></html>`;
      expect(await articles.readPage('g1', { html, url: 'http://news.test/slow' })).toEqual({
        ok: false,
        reason: 'finding the article in the page took longer than 1 s',
      });
      expect(await articles.list('g1')).toEqual([]);
      expect(await storeKeys(store)).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

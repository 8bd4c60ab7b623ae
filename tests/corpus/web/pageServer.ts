/**
 * A web server on 127.0.0.1 for the tests of reading pages by link: the saved news pages of
 * ../shared/bench/webpages (at /pages/NAME/), a small article of its own, and hostile cases:
 * redirects to private addresses, endless and oversized bodies, a slow drip, wrong types and
 * error statuses, a page with no article, a page full of pings and markdown. It records the
 * requests it received (path and headers) so tests can see what the bot sent.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sharedDir } from '../../helpers.ts';

export const webpagesDir = join(sharedDir, 'bench', 'webpages', 'pages');

/** A short English news article of the tests' own, so the hostile cases need no shared data. */
export const heronArticle = `<!doctype html>
<html lang="en"><head>
<title>Herons return to the Kallur marsh | Marsh News</title>
<meta property="og:title" content="Herons return to the Kallur marsh">
<meta property="og:site_name" content="Marsh News">
<meta name="author" content="Ada Reed">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
<link rel="canonical" href="/articles/herons-return">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Herons return to the Kallur marsh</h1>
<p>Grey herons have returned to the Kallur marsh for the first time in twelve years, the regional wildlife office said on Thursday.</p>
<figure><img src="/heron.jpg" alt="A heron"><figcaption>A grey heron over the reeds at dawn. Photo: Marsh News</figcaption></figure>
<p>Volunteers counted 46 nesting pairs along the eastern reed beds after the water level was raised by forty centimetres last winter.</p>
<p>The warden, Tomas Lind, said the birds had come back because the restored marsh now holds fish all year round.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>The office plans to close the marsh path during the nesting season, from March to the end of June, to keep walkers away from the colony.</p>
<aside class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Storks nest on the old water tower in record numbers this spring</a></li></ul></aside>
<div class="newsletter-signup"><p>Sign up for our free weekly newsletter about the birds and wildlife of the marsh and the coast.</p></div>
</article>
<section id="comments"><h2>Comments</h2><p>I saw seven of the herons myself last Sunday morning, what a wonderful sight for everyone who lives here!</p></section>
<footer>© Marsh News. All rights reserved.</footer>
</body></html>`;

/** A page of pings and markdown: quoted, it must ping no one and show the characters as written. */
export const hostileArticle = `<!doctype html><html lang="en"><head><title>@everyone **Free** [prizes](https://evil.example) ||now||</title></head><body><article>
<h1>@everyone **Free** [prizes](https://evil.example) ||now||</h1>
<p>@everyone and @here should both be told that the harbour ferry leaves at seven, says <@123456789012345678> in a message to <@&987654321098765432>.</p>
<p>The ferry *will* leave from __pier two__ with ~~three~~ four crew members, and \`rm -rf\` is not a timetable, the port office said on Friday morning.</p>
<p>> A quoted line, # a hash, | a pipe, and a [masked link](https://evil.example/steal) sit in this sentence about the harbour ferry timetable for spring.</p>
</article></body></html>`;

/** No article: a login form and a list of links. */
export const noArticle = `<!doctype html><html lang="en"><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<form><label>Email <input name="email"></label><label>Password <input type="password" name="password"></label><button>Sign in</button></form>
<ul><li><a href="/a">Weather</a></li><li><a href="/b">Traffic</a></li></ul>
</body></html>`;

export interface PageServer {
  readonly port: number;
  /** `http://HOST:PORT/PATH`: HOST is 127.0.0.1 unless a test maps another name to it. */
  url(path: string, host?: string): string;
  /** Requests received, in order. */
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Responses cut off by the client before they ended (endless bodies, drips). */
  readonly cutOff: string[];
  stop(): Promise<void>;
}

const megabyte = 1024 * 1024;

function html(response: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
}

/** Writes `total` bytes (Infinity: forever) in 64 KiB chunks, minding back-pressure, until the client goes. */
function stream(response: ServerResponse, total: number, onCutOff: () => void): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  response.on('close', () => {
    if (!response.writableFinished) onCutOff();
  });
  const pump = (): void => {
    while (sent < total && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    if (!response.destroyed) response.end();
  };
  response.write('<!doctype html><html><body><p>');
  pump();
}

export async function startPageServer(): Promise<PageServer> {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const cutOff: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let port = 0;
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    response.on('error', () => {});
    const redirect = (location: string): void => void response.writeHead(302, { location }).end();
    const hop = /^\/hops\/(\d+)$/.exec(path);
    if (hop) return Number(hop[1]) === 0 ? html(response, heronArticle) : redirect(`/hops/${Number(hop[1]) - 1}`);
    const page = /^\/pages\/([\w-]+)\/$/.exec(path);
    if (page) {
      readFile(join(webpagesDir, page[1]!, 'source.html')).then(
        (bytes) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(bytes),
        () => response.writeHead(404).end(),
      );
      return;
    }
    switch (path) {
      case '/article':
        return html(response, heronArticle, { 'set-cookie': 'session=secret; Path=/' });
      case '/copy':
        // The same story, as another site would carry it: no canonical link, so it is known by this address.
        return html(response, heronArticle.replace(/<link rel="canonical"[^>]*>/, ''));
      case '/article-gzip':
        return void response
          .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          .end(gzipSync(heronArticle));
      case '/redirect-to-article':
        return redirect('/article');
      case '/redirect-to-loopback':
        return redirect(`http://127.0.0.1:${port}/article`);
      case '/redirect-to-metadata':
        return redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
      case '/redirect-to-mapped':
        return redirect(`http://[::ffff:127.0.0.1]:${port}/article`);
      case '/redirect-to-file':
        return redirect('file:///etc/passwd');
      case '/huge-declared':
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * megabyte) });
        return stream(response, 50 * megabyte, () => cutOff.push(path));
      case '/huge':
        response.writeHead(200, { 'content-type': 'text/html' });
        return stream(response, 50 * megabyte, () => cutOff.push(path));
      case '/gzip-bomb':
        return void response
          .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          .end(gzipSync(Buffer.alloc(50 * megabyte, 'a')));
      case '/endless':
        response.writeHead(200, { 'content-type': 'text/html' });
        return stream(response, Number.POSITIVE_INFINITY, () => cutOff.push(path));
      case '/drip': {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('a'), 1000);
        timers.add(timer);
        response.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
          cutOff.push(path);
        });
        return;
      }
      case '/slow-headers':
        return void timers.add(setTimeout(() => html(response, heronArticle), 60_000));
      case '/pdf':
        return void response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not really');
      case '/no-type':
        return void response.writeHead(200).end(heronArticle);
      case '/not-found':
        return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      case '/server-error':
        return void response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Oops</h1>');
      case '/no-article':
        return html(response, noArticle);
      case '/hostile':
        return html(response, hostileArticle);
      default:
        return void response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path, host = '127.0.0.1') => `http://${host}:${port}${path}`,
    requests,
    cutOff,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

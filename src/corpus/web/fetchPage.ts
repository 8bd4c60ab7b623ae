/**
 * Downloads a web page for `/admin add url:` and `npm run add`. The link is untrusted input
 * that makes the bot act on the network, so the download is held to rules that a hostile
 * link or server cannot get around:
 *
 * - only `http:` and `https:`, with no user name or password in the address;
 * - only hosts whose every address passes the address check (public addresses only, see
 *   addresses.ts). The check runs inside the socket's own `lookup`, so the address checked is
 *   the address connected to: there is no second lookup for a DNS-rebinding server to answer
 *   differently. An address written in the link itself (`http://10.0.0.1/`) is checked before
 *   connecting, since Node does not look those up, and the socket's remote address is checked
 *   again once connected;
 * - at most `maxRedirects` redirects, each new address checked as the first was;
 * - one total time limit over every hop, headers and body alike, so a server that drips one
 *   byte a second is cut off all the same;
 * - at most `maxBytes` of page, counted while it streams in (after decompression: a small
 *   gzip body can unpack to gigabytes), and refused at once when the server announces more;
 * - HTML only (`text/html`, `application/xhtml+xml`), and only a 2xx answer;
 * - no cookies, no credentials, no proxy from the environment: a fresh connection per hop
 *   (no agent keeps sockets), and only the headers written here.
 *
 * Every refusal is a sentence a server admin can act on ("the server answered 404"), and the
 * download leaves nothing behind: nothing is written until the page has been read whole.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { formatBytes } from '../validate.ts';
import { publicAddressesOnly, type AddressCheck } from './addresses.ts';

/** Resolves a host name to its addresses (dns.lookup by default; tests map names to 127.0.0.1). */
export type Resolver = (host: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

export interface PageRules {
  /** Bytes of page, after decompression. */
  readonly maxBytes: number;
  /** The whole download, redirects included. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Why an address may not be connected to, or null (addresses.ts). */
  readonly checkAddress: AddressCheck;
  readonly resolve?: Resolver;
}

/** 2 MiB: the limit for one article file (validate.ts); a news page's HTML is rarely over 1 MiB. */
export const defaultMaxPageBytes = 2 * 1024 * 1024;
/** 15 s, as for an attachment: a news page arrives in a second or two. */
export const defaultPageTimeoutMs = 15_000;
/** 5: a shortener, http -> https and a country edition take three; browsers allow 20, but a page that needs more is not worth following. */
export const defaultMaxRedirects = 5;

export const defaultPageRules: PageRules = {
  maxBytes: defaultMaxPageBytes,
  timeoutMs: defaultPageTimeoutMs,
  maxRedirects: defaultMaxRedirects,
  checkAddress: publicAddressesOnly,
};

export type FetchedPage =
  | { readonly ok: true; readonly url: string; readonly html: string; readonly bytes: number }
  | { readonly ok: false; readonly reason: string };

/** A refusal found deep in a connection (the lookup, the socket), carried out to the caller. */
class PageRefusal extends Error {}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const htmlTypes = new Set(['text/html', 'application/xhtml+xml']);

/** The headers sent: no cookies, no authorisation, nothing about the user. */
const requestHeaders = {
  'user-agent': 'Citebot/0.1 (reads a news article a Discord server asked for)',
  accept: 'text/html,application/xhtml+xml;q=0.9',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en',
};

/** The address as a web address the bot may request, or why not. */
export function checkPageAddress(
  address: string,
): { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string } {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, reason: 'that is not a web address (it should start with https://)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http and https links can be read, not ${url.protocol.replace(/:$/, '')}` };
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'the link carries a user name or password; links with credentials are not followed' };
  if (url.hostname === '') return { ok: false, reason: 'the link names no host' };
  return { ok: true, url };
}

/** The host as the socket sees it: `[::1]` -> `::1`. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

async function systemResolve(host: string): Promise<{ address: string; family: number }[]> {
  return dnsLookup(host, { all: true, verbatim: true });
}

/**
 * A `lookup` for the socket that resolves the name, refuses it when any of its addresses fails
 * the check (a host that answers with a public and a private address is not one to trust
 * with either), and hands the socket exactly the addresses it checked.
 */
function checkedLookup(rules: PageRules): LookupFunction {
  const resolve = rules.resolve ?? systemResolve;
  return ((
    host: string,
    options: { family?: number | string; all?: boolean },
    callback: (...args: unknown[]) => void,
  ) => {
    resolve(host).then(
      (found) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
        const addresses = found.filter((entry) => family === 0 || entry.family === family);
        if (addresses.length === 0)
          return callback(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }));
        for (const entry of addresses) {
          const refusal = rules.checkAddress(entry.address, host);
          if (refusal !== null)
            return callback(new PageRefusal(`${host} points to ${entry.address}, which is ${refusal}${publicOnly}`));
        }
        if (options.all)
          return callback(
            null,
            addresses.map((entry) => ({ address: entry.address, family: entry.family })),
          );
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as LookupFunction;
}

const publicOnly = '; I only read pages on the public internet';

/** Why a link that names an address (`http://10.0.0.1/`), or a connected socket's address, is refused. */
function addressRefusal(rules: PageRules, address: string, host: string): string | null {
  const refusal = rules.checkAddress(address, host);
  return refusal === null ? null : `${address} is ${refusal}${publicOnly}`;
}

/** One request, resolved with the response once its headers are in. */
function requestOnce(url: URL, rules: PageRules, signal: AbortSignal): Promise<http.IncomingMessage> {
  const host = bareHost(url);
  if (isIP(host) !== 0) {
    const refusal = addressRefusal(rules, host, host);
    if (refusal !== null) return Promise.reject(new PageRefusal(refusal));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      headers: requestHeaders,
      agent: false,
      lookup: checkedLookup(rules),
      signal,
    });
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        // The lookup already checked this address; this holds even if a future Node connected some other way.
        const remote = socket.remoteAddress;
        const refusal = remote === undefined ? 'the connection has no address' : addressRefusal(rules, remote, host);
        if (refusal !== null) request.destroy(new PageRefusal(refusal));
      });
    });
    request.once('response', resolve);
    // `on`, not `once`: an error after the response (the body cut off) must find a listener too.
    request.on('error', reject);
    request.end();
  });
}

/** The body, decompressed, at most `maxBytes`; null when it is over. */
async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  let body: NodeJS.ReadableStream = response;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br') {
    const decoder =
      encoding === 'br'
        ? zlib.createBrotliDecompress()
        : encoding === 'deflate'
          ? zlib.createInflate()
          : zlib.createGunzip();
    body = pipeline(response, decoder, () => {});
  } else if (encoding !== 'identity') {
    throw new PageRefusal(`the server sent the page encoded as "${encoding.slice(0, 20)}", which I cannot read`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    // Leaving the loop destroys the stream, and with it the connection.
    if (received > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The character set named by the Content-Type header, else by a `<meta>` near the top, else UTF-8 (HTML's default). */
function decodeHtml(bytes: Buffer, contentType: string): string {
  const declared =
    /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    // An unknown label: read it as UTF-8, and let a stray byte become U+FFFD.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function errorReason(error: unknown, rules: PageRules, signal: AbortSignal): string {
  if (error instanceof PageRefusal) return error.message;
  if (signal.aborted) return `the page did not arrive within ${Math.ceil(rules.timeoutMs / 1000)} s`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'there is no such host (the name does not resolve)';
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the server closed the connection';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code?.startsWith('UNABLE_TO_'))
    return `the site's certificate could not be verified (${code})`;
  // zlib's codes (Z_DATA_ERROR) and brotli's (ERR__ERROR_FORMAT_...).
  if (code?.startsWith('Z_') || code?.startsWith('ERR__'))
    return 'the server sent a compressed page that does not unpack';
  return `the page could not be downloaded (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

/** Downloads one page under `rules`. Never throws: a refusal says why. */
export async function fetchPage(address: string, rules: PageRules = defaultPageRules): Promise<FetchedPage> {
  const checked = checkPageAddress(address);
  if (!checked.ok) return checked;
  let url = checked.url;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), rules.timeoutMs);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const response = await requestOnce(url, rules, controller.signal);
      const status = response.statusCode ?? 0;
      if (redirectStatuses.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (location === undefined)
          return { ok: false, reason: `the server answered ${status} (a redirect) without saying where to` };
        if (redirects >= rules.maxRedirects)
          return { ok: false, reason: `the link redirects more than ${rules.maxRedirects} times` };
        const next = checkPageAddress(new URL(location, url).href);
        if (!next.ok) return { ok: false, reason: `it redirects to an address I will not follow: ${next.reason}` };
        url = next.url;
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        return {
          ok: false,
          reason: `the server answered ${status}${response.statusMessage ? ` (${response.statusMessage.slice(0, 40)})` : ''}`,
        };
      }
      const contentType = response.headers['content-type'] ?? '';
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
      if (!htmlTypes.has(mediaType)) {
        response.destroy();
        return {
          ok: false,
          reason: `the link is not a web page but ${mediaType === '' ? 'something of no stated type' : `"${mediaType.slice(0, 60)}"`}; I read HTML pages only`,
        };
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > rules.maxBytes) {
        response.destroy();
        return {
          ok: false,
          reason: `the page is ${formatBytes(declared)}, over the ${formatBytes(rules.maxBytes)} limit`,
        };
      }
      const body = await readBody(response, rules.maxBytes);
      if (body === null) {
        response.destroy();
        return { ok: false, reason: `the page is over the ${formatBytes(rules.maxBytes)} limit` };
      }
      return { ok: true, url: url.href, html: decodeHtml(body, contentType), bytes: body.byteLength };
    }
  } catch (error) {
    return { ok: false, reason: errorReason(error, rules, controller.signal) };
  } finally {
    clearTimeout(timer);
  }
}

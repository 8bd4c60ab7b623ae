/**
 * Downloading a page by link, against a real web server on 127.0.0.1. The test resolver maps
 * made-up names to addresses (news.test is the test server, private.test a private address),
 * and the test's address check treats the test server as public only when it is reached as
 * news.test or rebind.test: so the private-address rules are the real ones, and a redirect
 * to 127.0.0.1 by its address is refused as it would be in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyAddress, publicAddressesOnly, type AddressCheck } from '../../../src/corpus/web/addresses.ts';
import { defaultPageRules, fetchPage, type PageRules, type Resolver } from '../../../src/corpus/web/fetchPage.ts';
import { startPageServer, type PageServer } from './pageServer.ts';

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Names the test server answers to as if it were a public site. */
const publicTestNames = new Set(['news.test', 'rebind.test']);
let rebindLookups = 0;

const resolve: Resolver = async (host) => {
  if (host === 'news.test') return [{ address: '127.0.0.1', family: 4 }];
  // The first answer is the test server; every later one a private address, as a rebinding DNS server would answer.
  if (host === 'rebind.test')
    return (rebindLookups += 1) === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.7', family: 4 }];
  if (host === 'private.test') return [{ address: '10.0.0.7', family: 4 }];
  if (host === 'mixed.test')
    return [
      { address: '93.184.216.34', family: 4 },
      { address: '192.168.1.1', family: 4 },
    ];
  if (host === 'mapped.test') return [{ address: '::ffff:127.0.0.1', family: 6 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

const testAddressCheck: AddressCheck = (address, host) =>
  publicTestNames.has(host) && address === '127.0.0.1' ? null : publicAddressesOnly(address);

/** The real rules, with a short total time so the slow cases end quickly. */
const rules: PageRules = { ...defaultPageRules, timeoutMs: 1_500, checkAddress: testAddressCheck, resolve };

function newsUrl(path: string): string {
  return server.url(path, 'news.test');
}

describe('the address rules', () => {
  it('allows only public addresses, in IPv4 and IPv6, judging a mapped IPv4 address as itself', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(publicAddressesOnly(address)).toBeNull();
    const refused: [string, RegExp][] = [
      ['127.0.0.1', /loopback/],
      ['127.1.2.3', /loopback/],
      ['::1', /loopback/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::127.0.0.1', /loopback/],
      ['10.1.2.3', /private network/],
      ['172.16.0.1', /private network/],
      ['192.168.1.1', /private network/],
      ['100.64.0.1', /private network/],
      ['fc00::1', /private network/],
      ['fd12:3456::1', /private network/],
      ['169.254.169.254', /link-local/],
      ['fe80::1', /link-local/],
      ['224.0.0.1', /multicast/],
      ['ff02::1', /multicast/],
      ['255.255.255.255', /broadcast/],
      ['0.0.0.0', /unspecified/],
      ['::', /unspecified/],
      ['192.0.2.1', /reserved/],
      ['240.0.0.1', /reserved/],
      ['2001:db8::1', /reserved/],
      ['64:ff9b::7f00:1', /reserved range \(rfc6052\)/],
      ['2002:7f00:1::', /reserved range \(6to4\)/],
    ];
    for (const [address, reason] of refused) expect(publicAddressesOnly(address), address).toMatch(reason);
    expect(publicAddressesOnly('not-an-address')).toBe('not a network address');
    expect(anyAddress()).toBeNull();
  });
});

describe('downloading a page', () => {
  it('downloads an HTML page, sending no cookie and no credentials, even after the server set a cookie', async () => {
    const first = await fetchPage(newsUrl('/article'), rules);
    expect(first.ok).toBe(true);
    const again = await fetchPage(newsUrl('/redirect-to-article'), rules);
    expect(again.ok && again.url).toBe(newsUrl('/article'));
    expect(again.ok && again.html).toContain('46 nesting pairs');
    const sent = server.requests.filter((request) => request.path === '/article');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const request of sent) {
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('unpacks a gzipped page', async () => {
    const page = await fetchPage(newsUrl('/article-gzip'), rules);
    expect(page.ok && page.html).toContain('46 nesting pairs');
  });

  it('follows at most 5 redirects', async () => {
    expect((await fetchPage(newsUrl('/hops/5'), rules)).ok).toBe(true);
    expect(await fetchPage(newsUrl('/hops/6'), rules)).toEqual({
      ok: false,
      reason: 'the link redirects more than 5 times',
    });
  });
});

describe('hostile links and servers: each refused with its reason', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'a redirect to 127.0.0.1',
      () => newsUrl('/redirect-to-loopback'),
      /^127\.0\.0\.1 is this machine itself \(loopback\); I only read pages on the public internet$/,
    ],
    [
      'a redirect to 169.254.169.254 (a cloud metadata service)',
      () => newsUrl('/redirect-to-metadata'),
      /^169\.254\.169\.254 is link-local/,
    ],
    [
      'a redirect to ::ffff:127.0.0.1',
      () => newsUrl('/redirect-to-mapped'),
      /^::ffff:7f00:1 is this machine itself \(loopback\)/,
    ],
    [
      'a redirect to a file: address',
      () => newsUrl('/redirect-to-file'),
      /^it redirects to an address I will not follow: only http and https links can be read, not file$/,
    ],
    [
      'a host name that resolves to a private address',
      () => server.url('/article', 'private.test'),
      /^private\.test points to 10\.0\.0\.7, which is on a private network; I only read pages on the public internet$/,
    ],
    [
      'a host name with a public and a private address',
      () => server.url('/article', 'mixed.test'),
      /^mixed\.test points to 192\.168\.1\.1, which is on a private network/,
    ],
    [
      'a host name that resolves to ::ffff:127.0.0.1',
      () => server.url('/article', 'mapped.test'),
      /^mapped\.test points to ::ffff:127\.0\.0\.1, which is this machine itself/,
    ],
    ['a link straight to 127.0.0.1', () => server.url('/article'), /^127\.0\.0\.1 is this machine itself/],
    ['a link to [::1]', () => `http://[::1]:${server.port}/article`, /^::1 is this machine itself/],
    ['a link to 0.0.0.0', () => `http://0.0.0.0:${server.port}/article`, /unspecified address/],
    [
      'a link to 2130706433 (127.0.0.1 as one number)',
      () => `http://2130706433:${server.port}/article`,
      /^127\.0\.0\.1 is this machine itself/,
    ],
    [
      'a link with a user name and password',
      () => `http://admin:secret@news.test:${server.port}/article`,
      /user name or password/,
    ],
    ['a javascript: link', () => 'javascript:alert(1)', /only http and https links can be read, not javascript/],
    ['a file: link', () => 'file:///etc/passwd', /not file/],
    ['words, not a link', () => 'the heron article', /not a web address/],
    [
      'a 50 MB body announced as such',
      () => newsUrl('/huge-declared'),
      /^the page is 50\.0 MiB, over the 2\.0 MiB limit$/,
    ],
    ['a 50 MB body of no stated length', () => newsUrl('/huge'), /^the page is over the 2\.0 MiB limit$/],
    ['a gzipped body that unpacks to 50 MB', () => newsUrl('/gzip-bomb'), /^the page is over the 2\.0 MiB limit$/],
    ['a body that never ends', () => newsUrl('/endless'), /^the page is over the 2\.0 MiB limit$/],
    ['a slow drip of one byte a second', () => newsUrl('/drip'), /^the page did not arrive within 2 s$/],
    ['a server that never answers', () => newsUrl('/slow-headers'), /^the page did not arrive within 2 s$/],
    ['a PDF', () => newsUrl('/pdf'), /^the link is not a web page but "application\/pdf"; I read HTML pages only$/],
    ['a page of no stated type', () => newsUrl('/no-type'), /not a web page but something of no stated type/],
    ['a 404', () => newsUrl('/not-found'), /^the server answered 404 \(Not Found\)$/],
    ['a 500', () => newsUrl('/server-error'), /^the server answered 500 \(Internal Server Error\)$/],
    ['a host that does not exist', () => server.url('/article', 'nowhere.test'), /^there is no such host/],
  ];
  for (const [what, link, reason] of cases) {
    it(`refuses ${what}`, async () => {
      const before = server.requests.length;
      const page = await fetchPage(link(), rules);
      expect(page.ok).toBe(false);
      expect(page.ok ? '' : page.reason).toMatch(reason);
      // A refused address is never connected to: the test server saw at most the first hop.
      if (/redirect/.test(what)) expect(server.requests.length - before).toBe(1);
    });
  }

  it('cuts off a body that never ends, and a drip, rather than reading on', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.cutOff).toEqual(expect.arrayContaining(['/endless', '/drip', '/huge-declared', '/huge']));
  });

  it('checks the address it connects to on every connection, so a rebinding name cannot turn private', async () => {
    rebindLookups = 0;
    const page = await fetchPage(server.url('/redirect-to-article', 'rebind.test'), rules);
    expect(page).toEqual({
      ok: false,
      reason: 'rebind.test points to 10.0.0.7, which is on a private network; I only read pages on the public internet',
    });
    // One lookup per connection, and the second connection was never made.
    expect(rebindLookups).toBe(2);
  });

  it('refuses every private address under the production rules, test names included', async () => {
    const strict: PageRules = { ...rules, checkAddress: publicAddressesOnly };
    const page = await fetchPage(newsUrl('/article'), strict);
    expect(page).toEqual({
      ok: false,
      reason:
        'news.test points to 127.0.0.1, which is this machine itself (loopback); I only read pages on the public internet',
    });
  });
});

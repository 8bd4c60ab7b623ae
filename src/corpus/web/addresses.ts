/**
 * Which network addresses a page may be fetched from. A link comes from a Discord user, and
 * following it makes the bot open a connection from inside its own network: without this
 * check, `http://169.254.169.254/` (a cloud's metadata service, which hands out credentials),
 * `http://127.0.0.1:6379/` (the bot's own Redis) or a router's admin page would be one
 * `/admin add` away. So only addresses on the public internet are allowed, and every other
 * range is refused: private, loopback, link-local, multicast, broadcast, carrier-grade NAT,
 * unspecified and reserved, in IPv4 and IPv6. An IPv6 address that carries an IPv4 one
 * (`::ffff:127.0.0.1`, `::127.0.0.1`) is judged as that IPv4 address; the translation
 * prefixes that reach IPv4 through a gateway (NAT64 `64:ff9b::/96`, 6to4, Teredo) are refused,
 * since the IPv4 address behind them could be anything.
 *
 * The ranges are ipaddr.js's (RFC 6890's special-purpose registries), which names every
 * address outside them `unicast`: that is the one range allowed.
 */
import ipaddr from 'ipaddr.js';

/**
 * Why an address may not be fetched from ("on a private network"), or null when it may.
 * `host` is the name it was looked up for (the address itself when the link names one).
 */
export type AddressCheck = (address: string, host: string) => string | null;

const rangeNames: Readonly<Record<string, string>> = {
  private: 'on a private network',
  uniqueLocal: 'on a private network',
  carrierGradeNat: 'on a private network',
  loopback: 'this machine itself (loopback)',
  linkLocal: 'link-local (a cloud metadata service or a local device)',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  unspecified: 'the unspecified address',
};

/** Only public (unicast) addresses: the rule unless CITEBOT_ALLOW_PRIVATE_URLS is set. */
export function publicAddressesOnly(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns an IPv4-mapped IPv6 address into the IPv4 address it carries.
    parsed = ipaddr.process(address);
  } catch {
    return 'not a network address';
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  return rangeNames[range] ?? `in a reserved range (${range})`;
}

/** Any address: for tests and self-hosters who add pages from their own network (CITEBOT_ALLOW_PRIVATE_URLS=1). */
export function anyAddress(): string | null {
  return null;
}

export function addressCheckFor(allowPrivateAddresses: boolean): AddressCheck {
  return allowPrivateAddresses ? anyAddress : publicAddressesOnly;
}

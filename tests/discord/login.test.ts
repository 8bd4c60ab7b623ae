import { DiscordjsErrorCodes } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LoginTimeoutError, loginFailureKind, loginFailureMessage } from '../../src/discord/login.ts';

/** A lookup that failed, as Node reports it (offline, or a mistyped host). */
function dnsFailure(): Error {
  return Object.assign(new Error('getaddrinfo ENOTFOUND discord.com'), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname: 'discord.com',
  });
}

describe('why logging in failed', () => {
  it('calls a DNS failure a network problem, not a token problem', () => {
    const message = loginFailureMessage(dnsFailure(), null);
    expect(message).toBe(
      'Could not reach Discord: ENOTFOUND. This is a network problem, not the token: check the connection (and DNS).',
    );
    // fetch wraps the cause one level down.
    expect(loginFailureKind(new TypeError('fetch failed', { cause: dnsFailure() }))).toBe('network');
  });

  it('calls a request given up on by discord.js a network problem', () => {
    expect(loginFailureKind(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).toBe(
      'network',
    );
  });

  it('says the token was refused only when Discord refused it', () => {
    // discord.js's error for a 401 on its first request.
    const refused = Object.assign(new Error('An invalid token was provided.'), {
      code: DiscordjsErrorCodes.TokenInvalid,
    });
    expect(loginFailureKind(refused)).toBe('token');
    expect(loginFailureMessage(refused, null)).toMatch(
      /^Discord refused the token \(401 Unauthorized\)\. Check DISCORD_TOKEN/,
    );
  });

  it('names the time limit that ran out', () => {
    expect(loginFailureMessage(new LoginTimeoutError(30_000), null)).toMatch(
      /^Could not log in: Discord did not answer within 30 seconds \(LOGIN_TIMEOUT_SECONDS\)/,
    );
  });
});

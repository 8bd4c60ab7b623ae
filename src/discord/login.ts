/**
 * Logging in to Discord within a stated time, and saying why it failed in words that point at
 * the cause: a token Discord refused is not a network that is down, and neither is an API that
 * takes connections but never answers.
 */
import { DiscordjsErrorCodes, type Client } from 'discord.js';

/** Error codes of a connection that could not be made or was cut: the network, not the token. */
const networkCodes = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export class LoginTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Discord did not answer within ${timeoutMs / 1000} seconds`);
  }
}

/**
 * `client.login`, given up after `timeoutMs` (the client is then destroyed, so nothing is left
 * trying in the background). discord.js alone waits 15 s per request and retries.
 */
export async function loginWithin(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoginTimeoutError(timeoutMs)), timeoutMs);
  });
  const login = client.login(token);
  try {
    await Promise.race([login, timedOut]);
  } catch (error) {
    if (error instanceof LoginTimeoutError) {
      // The abandoned login fails once the client is destroyed: that is expected, not news.
      login.catch(() => {});
      await client.destroy();
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function codeOf(error: unknown): string | undefined {
  for (
    let current: unknown = error, depth = 0;
    current instanceof Object && depth < 4;
    current = (current as { cause?: unknown }).cause, depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.has(code)) return code;
  }
  return undefined;
}

export type LoginFailureKind = 'token' | 'network' | 'timeout' | 'other';

export function loginFailureKind(error: unknown): LoginFailureKind {
  if (error instanceof LoginTimeoutError) return 'timeout';
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  if (code === DiscordjsErrorCodes.TokenInvalid || status === 401) return 'token';
  // discord.js's REST gives up on a request after 15 s with an AbortError.
  if (codeOf(error) !== undefined || (error as Error | null)?.name === 'AbortError') return 'network';
  return 'other';
}

/** What to tell the person starting the bot, in one paragraph. */
export function loginFailureMessage(
  error: unknown,
  discordApiUrl: string | null,
  timeoutSetting = 'LOGIN_TIMEOUT_SECONDS',
): string {
  const where = discordApiUrl ? `the Discord API at ${discordApiUrl} (DISCORD_API_URL)` : 'Discord';
  const reason = error instanceof Error ? error.message : String(error);
  switch (loginFailureKind(error)) {
    case 'timeout':
      return `Could not log in: ${where} did not answer within ${(error as LoginTimeoutError).timeoutMs / 1000} seconds (${timeoutSetting}). Check the network, any proxy or firewall in between, and Discord's status (discordstatus.com); the token was never checked.`;
    case 'network':
      return `Could not reach ${where}: ${codeOf(error) ?? reason}. This is a network problem, not the token: check the connection${discordApiUrl ? ' and DISCORD_API_URL' : ' (and DNS)'}.`;
    case 'token':
      return `Discord refused the token (401 Unauthorized). Check DISCORD_TOKEN: copy it again from the Developer Portal (your application > Bot > Reset Token); a reset token replaces the old one.`;
    case 'other':
      return `Could not log in to Discord: ${reason}. Check DISCORD_TOKEN${discordApiUrl ? ` and DISCORD_API_URL (${discordApiUrl})` : ''}.`;
  }
}

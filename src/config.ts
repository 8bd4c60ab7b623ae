/**
 * The configuration of every entry point (`npm start`, `ask`, `quote`, `feedback`,
 * `deploy-commands`): read once at start from the environment and from `.env` when present
 * (the environment wins), validated in one pass so that every problem is named at once rather
 * than one per restart. `.env.example` lists every variable.
 *
 * Light on purpose: a command reads its configuration before anything heavy (discord.js, the
 * language model) is loaded, so that a mistake is reported at once.
 */
import { loadEnvFile } from 'node:process';
import { maskStoreUrl, parseStoreUrl, type StoreLocation } from './store/url.ts';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface RateLimitSettings {
  /** Interactions one user may start within a window. */
  readonly count: number;
  readonly windowMs: number;
}

export interface Config {
  /** The bot token; null when unset (only `npm start` and deploy need it). */
  readonly discordToken: string | null;
  readonly applicationId: string | null;
  readonly guildId: string | null;
  /** How long logging in to Discord may take before start-up gives up and says so. */
  readonly loginTimeoutMs: number;
  /** Another API base for discord.js (`http://127.0.0.1:PORT/api`), or null for Discord's own. */
  readonly discordApiUrl: string | null;
  readonly articlesDir: string;
  readonly logLevel: LogLevel;
  readonly rateLimit: RateLimitSettings;
  /** How long the More and Context buttons on an answer keep working. */
  readonly buttonLifetimeMs: number;
  /** KEYV_URL as given (undefined: the SQLite default), and where it points. */
  readonly storeUrl: string | undefined;
  readonly store: StoreLocation;
  /** SHARD_COUNT for `npm run start:sharded`: a number, or 'auto' (Discord's recommendation). */
  readonly shardCount: number | 'auto';
  /**
   * CITEBOT_ALLOW_PRIVATE_URLS: whether `/admin add url:` and `npm run add` may read pages
   * from private, loopback and link-local addresses (off: public addresses only).
   */
  readonly allowPrivateUrls: boolean;
  /**
   * HEAP_GROWTH_PERCENT: how far past what is live the JavaScript heap may grow before a full
   * collection, in percent (src/bot/heapGrowth.ts); 0 leaves it to V8.
   */
  readonly heapGrowthPercent: number;
}

export type ConfigResult =
  { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly problems: readonly string[] };

/** The articles folder when ARTICLES_DIR is unset: the news articles that come with Citebot. */
export const defaultArticlesDir = 'seeds';

/** Discord ids are snowflakes: unsigned 64-bit integers written in decimal. */
const snowflake = /^\d{17,20}$/;
/**
 * A bot token's shape: three base64url parts joined by dots (the bot's id, a timestamp, an
 * HMAC). Checked before connecting, so that a token pasted in part is named as such, not as
 * "Discord refused it" after a round trip.
 */
const tokenShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export const configDefaults = {
  articlesDir: defaultArticlesDir,
  logLevel: 'info' as LogLevel,
  rateLimitCount: 5,
  rateLimitWindowSeconds: 20,
  buttonLifetimeMinutes: 15,
  /**
   * Discord answers a login in about a second; discord.js alone would wait 15 s per request,
   * with retries, about a minute in all, before saying anything.
   */
  loginTimeoutSeconds: 30,
  /** src/bot/heapGrowth.ts says why, with what it costs. */
  heapGrowthPercent: 30,
};

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads `.env` into process.env without overriding what is already set (a variable set empty
 * in the environment stays empty). A missing file is fine; one that cannot be read is a
 * problem, returned to be named with the others.
 */
export function loadDotenvFile(path = '.env'): string | null {
  try {
    loadEnvFile(path);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `${path} could not be read: ${(error as Error).message}`;
  }
}

/** `.env`, then the environment over it, validated: what every entry point starts from. */
export function loadConfig(path = '.env', env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const fileProblem = loadDotenvFile(path);
  const result = readConfig(env);
  if (fileProblem === null) return result;
  return { ok: false, problems: [fileProblem, ...(result.ok ? [] : result.problems)] };
}

/** Validates the configuration held in `env`; pure, so it can be tested with any environment. */
export function readConfig(env: Environment): ConfigResult {
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const snowflakeOf = (name: string): string | null => {
    const value = text(name);
    if (value !== null && !snowflake.test(value))
      problems.push(`${name} must be a Discord id (17 to 20 digits), got "${value}"`);
    return value;
  };
  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === null) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return parsed;
  };

  const discordToken = text('DISCORD_TOKEN');
  if (discordToken !== null && /\s/.test(discordToken))
    problems.push('DISCORD_TOKEN must not contain spaces (paste the token alone, without "Bot ")');
  else if (discordToken !== null && !tokenShape.test(discordToken)) {
    // The token itself is never echoed: it is a secret, and it may be almost right.
    problems.push(
      'DISCORD_TOKEN is not shaped like a bot token (three parts of letters, digits, - and _, joined by dots); copy it again from the Developer Portal (your application > Bot > Reset Token)',
    );
  }

  const discordApiUrl = text('DISCORD_API_URL');
  if (discordApiUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(discordApiUrl);
    } catch {
      problems.push(`DISCORD_API_URL must be a URL like http://127.0.0.1:8080/api, got "${discordApiUrl}"`);
    }
    if (url && url.protocol !== 'http:' && url.protocol !== 'https:')
      problems.push(`DISCORD_API_URL must start with http:// or https://, got "${discordApiUrl}"`);
    if (url && /\/v\d+\/?$/.test(url.pathname))
      problems.push(`DISCORD_API_URL must not end with a version (discord.js adds /v10), got "${discordApiUrl}"`);
  }

  const logLevel = (text('LOG_LEVEL') ?? configDefaults.logLevel).toLowerCase();
  if (!(logLevels as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${logLevel}"`);

  const storeUrl = text('KEYV_URL') ?? undefined;
  let store: StoreLocation = parseStoreUrl(undefined);
  try {
    store = parseStoreUrl(storeUrl);
  } catch (error) {
    problems.push((error as Error).message);
  }

  const shardCountText = text('SHARD_COUNT')?.toLowerCase() ?? 'auto';
  let shardCount: number | 'auto' = 'auto';
  if (shardCountText !== 'auto') {
    shardCount = /^\d+$/.test(shardCountText) ? Number(shardCountText) : Number.NaN;
    if (!Number.isSafeInteger(shardCount) || shardCount < 1 || shardCount > 10_000) {
      problems.push(`SHARD_COUNT must be auto or a whole number from 1 to 10000, got "${shardCountText}"`);
      shardCount = 'auto';
    }
  }

  const allowPrivateUrls = allowPrivateUrlsFrom(env);
  if (allowPrivateUrls === null)
    problems.push(`CITEBOT_ALLOW_PRIVATE_URLS must be 1 (on) or 0 (off), got "${text('CITEBOT_ALLOW_PRIVATE_URLS')}"`);

  const config: Config = {
    discordToken,
    loginTimeoutMs: wholeNumber('LOGIN_TIMEOUT_SECONDS', configDefaults.loginTimeoutSeconds, 1, 600) * 1000,
    applicationId: snowflakeOf('DISCORD_APPLICATION_ID'),
    guildId: snowflakeOf('DISCORD_GUILD_ID'),
    discordApiUrl: discordApiUrl?.replace(/\/+$/, '') ?? null,
    articlesDir: text('ARTICLES_DIR') ?? configDefaults.articlesDir,
    logLevel: logLevel as LogLevel,
    rateLimit: {
      count: wholeNumber('RATE_LIMIT_COUNT', configDefaults.rateLimitCount, 1, 10_000),
      windowMs: wholeNumber('RATE_LIMIT_WINDOW_SECONDS', configDefaults.rateLimitWindowSeconds, 1, 86_400) * 1000,
    },
    // Discord lets an interaction token edit its message for 15 minutes; a button may live
    // longer because each press is a new interaction with a fresh token.
    buttonLifetimeMs:
      wholeNumber('BUTTON_LIFETIME_MINUTES', configDefaults.buttonLifetimeMinutes, 1, 7 * 24 * 60) * 60_000,
    storeUrl,
    store,
    shardCount,
    allowPrivateUrls: allowPrivateUrls ?? false,
    heapGrowthPercent: wholeNumber('HEAP_GROWTH_PERCENT', configDefaults.heapGrowthPercent, 0, 1000),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/**
 * CITEBOT_ALLOW_PRIVATE_URLS: 1/true/yes/on turns it on; 0/false/no/off or unset leaves it
 * off; anything else is null (a problem to name). Off by default: a link then can never make
 * the bot read from its own machine or network (see src/corpus/web/addresses.ts).
 */
export function allowPrivateUrlsFrom(env: Environment): boolean | null {
  const value = env.CITEBOT_ALLOW_PRIVATE_URLS?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  return null;
}

/** The store's address with any password masked, for messages and logs. */
export function displayStoreUrl(config: Config): string {
  return maskStoreUrl(config.store.url);
}

/** What to print when the configuration is invalid: every problem, one per line. */
export function describeProblems(problems: readonly string[]): string {
  return [
    `Citebot's configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (set in the environment or in .env; see .env.example):`,
    ...problems.map((problem) => `  - ${problem}`),
  ].join('\n');
}

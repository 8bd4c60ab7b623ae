/**
 * How often pages may be added by link. Each add makes the bot download a page (up to 2 MiB,
 * up to 15 s) from a site the user chose, and read it: without a limit, one server, or one
 * member, could use the bot to hammer a site, or keep the reading thread busy for everyone.
 * Counted per member and per server in the store (StoredRateLimiter), so the limits hold
 * across restarts and shards, like the interaction rate limit.
 */
import type { Store } from '../store/store.ts';
import { StoredRateLimiter, type FixedWindowLimit } from '../store/rateLimits.ts';

/** 10 links per member in 10 minutes: an admin adding the day's articles in one sitting. */
export const linkAddsPerUser: FixedWindowLimit = { limit: 10, windowMs: 10 * 60_000 };
/** 30 links per server in an hour: several admins at once, still far below anything a site notices. */
export const linkAddsPerServer: FixedWindowLimit = { limit: 30, windowMs: 60 * 60_000 };

export type LinkAddDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

function minutes(ms: number): string {
  const count = Math.max(1, Math.ceil(ms / 60_000));
  return `${count} minute${count === 1 ? '' : 's'}`;
}

export class LinkAddLimits {
  private readonly perUser: StoredRateLimiter;
  private readonly perServer: StoredRateLimiter;

  constructor(
    store: Store,
    private readonly userRule: FixedWindowLimit = linkAddsPerUser,
    private readonly serverRule: FixedWindowLimit = linkAddsPerServer,
  ) {
    this.perUser = new StoredRateLimiter(store, userRule, 'link-adds-by-user');
    this.perServer = new StoredRateLimiter(store, serverRule, 'link-adds-by-server');
  }

  /** Counts one add by this member in this server; the server is counted only when the member may go ahead. */
  async take(guildId: string, userId: string): Promise<LinkAddDecision> {
    const user = await this.perUser.take(userId);
    if (!user.allowed) {
      return {
        allowed: false,
        reason: `you have added ${this.userRule.limit} links in ${minutes(this.userRule.windowMs)}, the most one member may; try again in ${minutes(user.retryAfterMs)}`,
      };
    }
    const server = await this.perServer.take(guildId);
    if (!server.allowed) {
      return {
        allowed: false,
        reason: `this server has added ${this.serverRule.limit} links in ${minutes(this.serverRule.windowMs)}, the most it may; try again in ${minutes(server.retryAfterMs)}`,
      };
    }
    return { allowed: true };
  }
}

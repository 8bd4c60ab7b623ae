/**
 * How often articles may be added. Each add makes the bot read the article with wink in its
 * one reading thread (seconds for a large file), and an add by link first downloads a page
 * (up to 2 MiB, up to 15 s) from a site the user chose: without a limit, one server, or one
 * member, could keep the reading thread busy for everyone, or use the bot to hammer a site.
 *
 * - A server may add `articleAddsPerServer`, from files and links together: both keep the
 *   reading thread busy alike.
 * - A member may add `linkAddsPerUser` links besides: what reaches other sites.
 *
 * Counted in the store (StoredRateLimiter), so the limits hold across restarts and shards,
 * like the interaction rate limit.
 */
import type { Store } from '../store/store.ts';
import { StoredRateLimiter, type FixedWindowLimit, type RateLimitDecision } from '../store/rateLimits.ts';

/** 10 links per member in 10 minutes: an admin adding the day's articles in one sitting. */
export const linkAddsPerUser: FixedWindowLimit = { limit: 10, windowMs: 10 * 60_000 };
/** 30 articles per server in an hour: several admins at once, still far below anything a site notices. */
export const articleAddsPerServer: FixedWindowLimit = { limit: 30, windowMs: 60 * 60_000 };

export type AddDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Where an article to add comes from. */
type AddSource = 'file' | 'link';

function minutes(ms: number): string {
  const count = Math.max(1, Math.ceil(ms / 60_000));
  return `${count} minute${count === 1 ? '' : 's'}`;
}

export class ArticleAddLimits {
  private readonly perUser: StoredRateLimiter;
  private readonly perServer: StoredRateLimiter;

  constructor(
    store: Store,
    private readonly userRule: FixedWindowLimit = linkAddsPerUser,
    private readonly serverRule: FixedWindowLimit = articleAddsPerServer,
  ) {
    this.perUser = new StoredRateLimiter(store, userRule, 'link-adds-by-user');
    this.perServer = new StoredRateLimiter(store, serverRule, 'article-adds-by-server');
  }

  /**
   * Counts one add by this member in this server. A link from a member already at their limit
   * is refused first, from a read of their count that counts nothing, so that a member who
   * keeps retrying does not use up the server's adds for every other admin. Then the add is
   * counted against the server's limit, and a link against the member's only when the server
   * lets it go ahead, so that links tried while the server is full do not use up the
   * member's. The counters only go up, so a link the member's count refuses after the read
   * let it through (two of their links at once, the last of their allowance) still counts
   * against the server's: at most one per link of theirs in flight.
   */
  async take(source: AddSource, guildId: string, userId: string): Promise<AddDecision> {
    if (source === 'link') {
      const user = await this.perUser.peek(userId);
      if (!user.allowed) return this.memberRefusal(user);
    }
    const server = await this.perServer.take(guildId);
    if (!server.allowed) {
      return {
        allowed: false,
        reason: `this server has added ${this.serverRule.limit} articles in ${minutes(this.serverRule.windowMs)}, the most it may; try again in ${minutes(server.retryAfterMs)}`,
      };
    }
    if (source === 'link') {
      const user = await this.perUser.take(userId);
      if (!user.allowed) return this.memberRefusal(user);
    }
    return { allowed: true };
  }

  private memberRefusal(user: RateLimitDecision): AddDecision {
    return {
      allowed: false,
      reason: `you have added ${this.userRule.limit} links in ${minutes(this.userRule.windowMs)}, the most one member may; try again in ${minutes(user.retryAfterMs)}`,
    };
  }
}

/**
 * Per-server settings (`/settings`): how many quotes an answer shows by default, whether
 * answers are public or only for the asker by default, and which shared articles are on.
 *
 * Shared articles are recorded as the ones a server turned *off*, so that an article added
 * to the shared folder later is on everywhere without each server having to enable it.
 */
import type { Store } from './store.ts';
import { KeyedQueue } from './keyedQueue.ts';

export type AnswerVisibility = 'public' | 'private';

export interface ServerSettings {
  /** Quotes per answer when the user does not say. */
  readonly defaultQuoteCount: number;
  /** 'private': answers are ephemeral (only the asker sees them) unless asked otherwise. */
  readonly answerVisibility: AnswerVisibility;
  /** Keys of shared articles this server has turned off. */
  readonly disabledSharedArticles: readonly string[];
}

export const defaultServerSettings: ServerSettings = {
  defaultQuoteCount: 3,
  answerVisibility: 'public',
  disabledSharedArticles: [],
};

/** One quote per embed, and Discord allows at most 10 embeds in a message. */
export const maxDefaultQuoteCount = 10;

export class ServerSettingsError extends Error {}

export type ServerSettingsChange = Partial<ServerSettings>;

function validated(settings: ServerSettings): ServerSettings {
  const { defaultQuoteCount, answerVisibility, disabledSharedArticles } = settings;
  if (!Number.isInteger(defaultQuoteCount) || defaultQuoteCount < 1 || defaultQuoteCount > maxDefaultQuoteCount) {
    throw new ServerSettingsError(
      `The default number of quotes is a whole number from 1 to ${maxDefaultQuoteCount}, not ${defaultQuoteCount}.`,
    );
  }
  if (answerVisibility !== 'public' && answerVisibility !== 'private') {
    throw new ServerSettingsError(
      `Answers are "public" or "private" by default, not ${JSON.stringify(answerVisibility)}.`,
    );
  }
  if (!Array.isArray(disabledSharedArticles) || disabledSharedArticles.some((key) => typeof key !== 'string')) {
    throw new ServerSettingsError('The disabled shared articles are a list of article keys.');
  }
  return { defaultQuoteCount, answerVisibility, disabledSharedArticles: [...new Set(disabledSharedArticles)].sort() };
}

export class ServerSettingsStore {
  private readonly queue = new KeyedQueue();
  /** Each server's settings as last read or written here: what answers use while the store is down. */
  private readonly lastSeen = new Map<string, ServerSettings>();

  constructor(private readonly store: Store) {}

  private get settings() {
    return this.store.keyv<Partial<ServerSettings>>('server-settings');
  }

  /** The server's settings; defaults for anything it never set. */
  async get(guildId: string): Promise<ServerSettings> {
    const settings = { ...defaultServerSettings, ...((await this.settings.get(guildId)) ?? {}) };
    this.lastSeen.set(guildId, settings);
    return settings;
  }

  /** The settings as this process last saw them, without asking the store; undefined if never seen. */
  lastKnown(guildId: string): ServerSettings | undefined {
    return this.lastSeen.get(guildId);
  }

  /** Applies a change and returns the settings now in force; an invalid change is refused whole. */
  async update(guildId: string, change: ServerSettingsChange): Promise<ServerSettings> {
    return this.queue.run(guildId, async () => {
      const next = validated({ ...(await this.get(guildId)), ...change });
      await this.settings.set(guildId, next);
      this.lastSeen.set(guildId, next);
      return next;
    });
  }

  async setSharedArticleEnabled(guildId: string, articleKey: string, enabled: boolean): Promise<ServerSettings> {
    return this.queue.run(guildId, async () => {
      const current = await this.get(guildId);
      const disabled = new Set(current.disabledSharedArticles);
      if (enabled) disabled.delete(articleKey);
      else disabled.add(articleKey);
      const next = validated({ ...current, disabledSharedArticles: [...disabled] });
      await this.settings.set(guildId, next);
      this.lastSeen.set(guildId, next);
      return next;
    });
  }

  async reset(guildId: string): Promise<void> {
    await this.queue.run(guildId, async () => {
      await this.settings.delete(guildId);
      this.lastSeen.delete(guildId);
    });
  }
}

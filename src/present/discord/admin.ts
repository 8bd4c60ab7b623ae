/**
 * Replies for server admins: a server's own articles (/admin list) and its settings
 * (/settings view). Pure functions.
 */
import type { Article } from '../../corpus/types.ts';
import { formatBytes } from '../../corpus/validate.ts';
import { citebotColour } from './answer.ts';
import { escapeMarkdown } from './escape.ts';
import { discordLimits } from './limits.ts';
import type { DiscordMessage } from './message.ts';
import { fitWholePieces, truncateText } from './truncate.ts';

export interface ListedServerArticle {
  readonly file: string;
  readonly key: string;
  readonly title: string;
  readonly bytes: number;
  readonly addedBy: string;
  readonly addedAt: number;
}

/** /admin list: the articles this server added, with who added them and when. */
export function serverArticlesMessage(articles: readonly ListedServerArticle[]): DiscordMessage {
  if (articles.length === 0) {
    return { embeds: [{ color: citebotColour, title: "This server's articles", description: 'This server has added no articles yet. `/admin add` with a .txt, .md or .json file adds one.' }] };
  }
  const lines = articles.map(
    (article) =>
      `\`${article.key}\` **${escapeMarkdown(truncateText(article.title, 120, '…'))}** · ${escapeMarkdown(article.file)} · ${formatBytes(article.bytes)} · added <t:${Math.floor(article.addedAt / 1000)}:d> by <@${article.addedBy}>`,
  );
  return {
    embeds: [
      {
        color: citebotColour,
        title: `This server's articles (${articles.length})`,
        description: fitWholePieces(lines, discordLimits.embedDescription, '\n').text,
        footer: { text: 'Only this server sees them · /admin remove <article> takes one out' },
      },
    ],
  };
}

export interface SettingsView {
  readonly defaultQuoteCount: number;
  readonly answerVisibility: 'public' | 'private';
  readonly sharedArticleCount: number;
  /** Shared articles this server turned off. */
  readonly disabled: readonly Article[];
  readonly ownArticleCount: number;
}

/** /settings view. */
export function settingsMessage(settings: SettingsView): DiscordMessage {
  const off = settings.disabled.map((article) => `\`${article.key}\` ${escapeMarkdown(truncateText(article.title, 100, '…'))}`);
  const on = settings.sharedArticleCount - settings.disabled.length;
  return {
    embeds: [
      {
        color: citebotColour,
        title: 'Citebot settings for this server',
        fields: [
          { name: 'Quotes per answer', value: `${settings.defaultQuoteCount} by default (\`/ask count:\` overrides)`, inline: true },
          { name: 'Answers', value: settings.answerVisibility === 'private' ? 'private: only the asker sees them' : 'public: the channel sees them', inline: true },
          { name: 'Shared articles', value: `${on} of ${settings.sharedArticleCount} on · ${settings.ownArticleCount} added by this server` },
          ...(off.length > 0 ? [{ name: 'Turned off', value: fitWholePieces(off, discordLimits.fieldValue, '\n').text }] : []),
        ],
        footer: { text: 'Changing them needs the Manage Server permission: /settings quotes, /settings answers, /settings article' },
      },
    ],
  };
}

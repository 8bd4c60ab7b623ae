/**
 * Replies for server admins: adding an article (/admin add, from a file or a link), a
 * server's own articles (/admin list) and its settings (/settings view). Pure functions.
 */
import { leadOf, sentencesOf, type Article, type LoadWarning, type Sentence } from '../../corpus/types.ts';
import { formatBytes } from '../../corpus/validate.ts';
import type { ServerArticle } from '../../library/serverArticles.ts';
import { blockQuote, citebotColour } from './answer.ts';
import { plainText, webLink } from './escape.ts';
import { discordLimits } from './limits.ts';
import type { DiscordMessage } from './message.ts';
import { citation, displayDate, shownNameLength } from './sources.ts';
import { fitWholePieces, truncateText } from './truncate.ts';
import { detailTitleLength, echoed, noticeMessage } from './views.ts';

/** Titles in the admin lists are cut to this, so that one long title cannot crowd out the others. */
const listedTitleLength = 120;
/** File names are cut to this in replies: a name, not a paragraph. */
const shownFileLength = 100;
/** Files the reload reply names among those it skipped; the rest are counted. */
const skippedFilesShown = 5;
/** A skip reason (a JSON parser's message can quote the file) is cut to this. */
const skipReasonLength = 200;

export interface ListedServerArticle {
  readonly file: string;
  readonly key: string;
  readonly title: string;
  readonly bytes: number;
  readonly addedBy: string;
  readonly addedAt: number;
}

/** A server's budgets of sentences and bytes across its own articles, and how much is taken. */
export interface BudgetUsage {
  readonly sentences: number;
  readonly bytes: number;
  readonly maxSentences: number;
  readonly maxBytes: number;
}

/** "1,234 of 20,000 sentences and 1.2 MiB of 8.0 MiB". */
function budgetText(usage: BudgetUsage): string {
  const count = (value: number) => value.toLocaleString('en-US');
  return `${count(usage.sentences)} of ${count(usage.maxSentences)} sentences and ${formatBytes(usage.bytes)} of ${formatBytes(usage.maxBytes)}`;
}

/** What /admin add was given, as its replies name it: a file by its name, a link as given. */
export type AddSubject = { readonly file: string } | { readonly link: string };

/** Any refusal of /admin add, a limit's included: what was given, why, and that nothing changed. */
export function addRefusedMessage(subject: AddSubject, reason: string): DiscordMessage {
  const given = 'file' in subject ? `“${echoed(subject.file)}”` : echoed(subject.link, detailTitleLength);
  return noticeMessage(`I could not add ${given}: ${echoed(reason, 300)}. Nothing was changed.`);
}

/** An article /admin add added, for its reply. */
export interface AddedArticle {
  readonly from: 'file' | 'link';
  readonly replaced: boolean;
  /** As the server lists it: what the reply says when its index does not have it (the store was down). */
  readonly listed: Pick<ServerArticle, 'file' | 'key' | 'title' | 'sentences'>;
  /** As indexed for the server. */
  readonly article: Article | undefined;
  readonly usage: BudgetUsage;
  /** What was changed to keep it (a title cut, a url left out). */
  readonly notes: readonly string[];
}

/**
 * /admin add's reply: for a link, what was read from the page (pageAddedMessage); for a file,
 * its title, key and sentences. Both say who sees it and how much of the budgets is used.
 */
export function articleAddedMessage(added: AddedArticle): DiscordMessage {
  const { article, listed } = added;
  if (added.from === 'link' && article) {
    return pageAddedMessage({
      replaced: added.replaced,
      article,
      sentences: sentencesOf(article).length,
      firstQuotable: leadOf(article, 1)[0],
      usage: added.usage,
      notes: added.notes,
    });
  }
  const key = article?.key ?? listed.key;
  const sentences = article ? sentencesOf(article).length : (listed.sentences ?? 0);
  return noticeMessage(
    `${added.replaced ? 'Replaced' : 'Added'} **${echoed(listed.title, detailTitleLength)}** (${echoed(listed.file)}) as \`${key}\`: ${sentences} sentences, cited like \`${key}:1.1\`. ` +
      (keptWithChanges(added.notes)?.concat(' ') ?? '') +
      whoSeesIt(added.usage),
  );
}

/** What /admin add url: read from a page, for its reply. */
export interface PageAddSummary {
  readonly replaced: boolean;
  readonly article: Article;
  readonly sentences: number;
  /** The first sentence that can be quoted as an answer; none when the page gave only headings and captions. */
  readonly firstQuotable: Sentence | undefined;
  readonly usage: BudgetUsage;
  /** What was changed to keep it (a title cut, a url left out). */
  readonly notes: readonly string[];
}

/** Room kept for the first quotable sentence in the reply. */
const firstSentenceRoom = 600;

/** Who can ask about an added article, and what the server's articles now use: the last words of either add's reply. */
function whoSeesIt(usage: BudgetUsage): string {
  return `Everyone in this server can now \`/ask\` about it; other servers do not see it. This server's articles now use ${budgetText(usage)}.`;
}

/** Notes on what was changed to keep an added article, said after what was added; null when none. */
function keptWithChanges(notes: readonly string[]): string | null {
  return notes.length === 0 ? null : `Kept with changes: ${notes.map((note) => plainText(note, 300)).join('; ')}.`;
}

/**
 * /admin add url: what was read (title, outlet, date, byline, sentences) and the first
 * sentence it can quote, so the admin sees at once whether the extraction worked.
 */
function pageAddedMessage(summary: PageAddSummary): DiscordMessage {
  const { article } = summary;
  const title = plainText(article.title, listedTitleLength) || article.key;
  const link = webLink(article.url);
  const details = [
    article.outlet && plainText(article.outlet, shownNameLength),
    displayDate(article.published),
    article.author && `by ${plainText(article.author, shownNameLength)}`,
  ].filter(Boolean);
  const lines = [
    `${summary.replaced ? 'Replaced' : 'Added'} **${title}**${link === null ? '' : ` <${link}>`}${details.length > 0 ? `: ${details.join(', ')}` : ''}.`,
    `It is \`${article.key}\`: ${summary.sentences.toLocaleString('en-US')} sentences, cited like \`${article.key}:1.1\`.`,
    summary.firstQuotable === undefined
      ? 'I found no sentence in it that I can quote as an answer (only headings and captions).'
      : `The first sentence I can quote:\n${blockQuote([summary.firstQuotable.text], firstSentenceRoom)}\n${citation(summary.firstQuotable.id)}`,
    keptWithChanges(summary.notes),
    whoSeesIt(summary.usage),
  ].filter((line) => line !== null);
  return { content: truncateText(lines.join('\n'), discordLimits.content) };
}

/** /admin list: the articles this server added, with who added them and when. */
export function serverArticlesMessage(articles: readonly ListedServerArticle[], usage?: BudgetUsage): DiscordMessage {
  if (articles.length === 0) {
    return {
      embeds: [
        {
          color: citebotColour,
          title: "This server's articles",
          description:
            "This server has added no articles yet. `/admin add` with a .txt, .md or .json file, or `url:` with a news article's link, adds one.",
        },
      ],
    };
  }
  const lines = articles.map(
    (article) =>
      `\`${article.key}\` **${plainText(article.title, listedTitleLength) || article.key}** · ${plainText(article.file, shownFileLength)} · ${formatBytes(article.bytes)} · added <t:${Math.floor(article.addedAt / 1000)}:d> by <@${article.addedBy}>`,
  );
  return {
    embeds: [
      {
        color: citebotColour,
        title: `This server's articles (${articles.length})`,
        description: fitWholePieces(lines, discordLimits.embedDescription, '\n').text,
        footer: {
          text: `Only this server sees them${usage ? ` · they use ${budgetText(usage)}` : ''} · /admin remove <article> takes one out`,
        },
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
  const off = settings.disabled.map((article) => `\`${article.key}\` ${plainText(article.title, listedTitleLength)}`);
  const on = settings.sharedArticleCount - settings.disabled.length;
  return {
    embeds: [
      {
        color: citebotColour,
        title: 'Citebot settings for this server',
        fields: [
          {
            name: 'Quotes per answer',
            value: `${settings.defaultQuoteCount} by default (\`/ask count:\` overrides)`,
            inline: true,
          },
          {
            name: 'Answers',
            value:
              settings.answerVisibility === 'private'
                ? 'private: only the asker sees them'
                : 'public: the channel sees them',
            inline: true,
          },
          {
            name: 'Shared articles',
            value: `${on} of ${settings.sharedArticleCount} on · ${settings.ownArticleCount} added by this server`,
          },
          ...(off.length > 0
            ? [{ name: 'Turned off', value: fitWholePieces(off, discordLimits.fieldValue, '\n').text }]
            : []),
        ],
        footer: {
          text: 'Changing them needs the Manage Server permission: /settings quotes, /settings answers, /settings article',
        },
      },
    ],
  };
}

export interface ReloadSummary {
  readonly articleCount: number;
  readonly sentenceCount: number;
  /** The index came from the store unchanged (no file was read anew). */
  readonly fromStore: boolean;
  readonly analysedCount: number;
  /** Files skipped, or loaded in part (`kept`), and why. */
  readonly warnings: readonly LoadWarning[];
}

/** /admin reload: what was read, and the files skipped with their reasons (the first few; the others counted). */
export function reloadMessage(reload: ReloadSummary): DiscordMessage {
  const fileLines = (warnings: readonly LoadWarning[]): string[] =>
    warnings
      .slice(0, skippedFilesShown)
      .map(
        (warning) => `\n- ${plainText(warning.file, shownFileLength)}: ${plainText(warning.reason, skipReasonLength)}`,
      );
  // A file loaded with something left out (a dropped url, a cut title) is not a skipped file.
  const skippedFiles = reload.warnings.filter((warning) => !warning.kept);
  const skipped = fileLines(skippedFiles);
  const more =
    skippedFiles.length > skipped.length ? `\n… and ${skippedFiles.length - skipped.length} more skipped.` : '';
  const keptInPart = fileLines(reload.warnings.filter((warning) => warning.kept));
  const text =
    `Read the shared articles again: ${reload.articleCount} articles, ${reload.sentenceCount} sentences` +
    (reload.fromStore ? ' (unchanged: index from the store).' : ` (${reload.analysedCount} files read anew).`) +
    (skipped.length > 0 ? `\nSkipped:${skipped.join('')}${more}` : '') +
    (keptInPart.length > 0 ? `\nLoaded in part:${keptInPart.join('')}` : '');
  return { content: truncateText(text, discordLimits.content) };
}

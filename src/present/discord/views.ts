/**
 * The other replies: one sentence for /quote, the /search list, /articles pages, /article
 * details, /help, short notices and autocomplete choices. Pure functions.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { Article, Sentence } from '../../corpus/types.ts';
import type { Quote } from '../../retrieval/types.ts';
import { blockQuote, citebotColour, fitBlockQuote } from './answer.ts';
import { escapeMarkdown, plainText, webLink } from './escape.ts';
import { discordLimits } from './limits.ts';
import type { DiscordMessage } from './message.ts';
import { citation, displayDate, shownNameLength, sourceLine } from './sources.ts';
import { cutAt, fitWholePieces, truncateText, wellFormed } from './truncate.ts';

/**
 * Titles are cut to this where they are not the heading: they name the article, the quote is
 * the point. Titles, links and messages echoed in a notice or a heading are cut to it too.
 */
export const detailTitleLength = 200;
/** Authors (several names, sometimes) and file names are cut to this in /article's fields. */
const detailNameLength = 100;
/** A lead sentence is only started when at least this much room is left for it. */
const smallestLeadSentence = 80;

/**
 * /quote: the sentence ready to paste into a discussion (message content, so it copies as
 * text), with an embed naming its source.
 */
export function quoteMessage(sentence: Sentence, article: Article): DiscordMessage {
  const details = [
    plainText(article.title, detailTitleLength) || article.key,
    article.outlet && plainText(article.outlet, shownNameLength),
    displayDate(article.published),
  ]
    .filter(Boolean)
    .join(', ');
  const target = webLink(article.url);
  // In angle brackets: the address shows as a link without Discord adding a preview of the page.
  const link = target === null ? '' : ` <${target}>`;
  const attribution = `— ${details} ${citation(sentence.id)}${link}`;
  const quoted = blockQuote([sentence.text], discordLimits.content - attribution.length - 1);
  const embed: APIEmbed = { color: citebotColour, description: `${citation(sentence.id)} from ${sourceLine(article)}` };
  return { content: cutAt(`${quoted}\n${attribution}`, discordLimits.content), embeds: [embed] };
}

/** /search: one line per matching sentence, its id first. */
export function searchMessage(terms: string, quotes: readonly Quote[]): DiscordMessage {
  const title = truncateText(
    `Sentences matching “${plainText(terms, discordLimits.embedTitle)}”`,
    discordLimits.embedTitle,
  );
  if (quotes.length === 0)
    return {
      embeds: [
        {
          color: citebotColour,
          title,
          description: 'No sentence in the articles matches those words. Try fewer or different words.',
        },
      ],
    };
  const lines = quotes.map(
    (quote) => `${citation(quote.main.id)} ${escapeMarkdown(truncateText(quote.text.replace(/\s+/g, ' '), 300))}`,
  );
  return {
    embeds: [
      {
        color: citebotColour,
        title,
        description: fitWholePieces(lines, discordLimits.embedDescription, '\n').text,
        footer: { text: '/quote <id> shows one in full, ready to paste' },
      },
    ],
  };
}

export const articlesPerPage = 10;

/** /articles: one page of what the bot has read; buttons for the other pages. */
export function articlesMessage(
  articles: readonly Article[],
  page: number,
  pageButtonId: (page: number) => string,
): DiscordMessage {
  const pages = Math.max(1, Math.ceil(articles.length / articlesPerPage));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const lines = articles.slice(shown * articlesPerPage, (shown + 1) * articlesPerPage).map(sourceLine);
  const description =
    lines.length > 0
      ? fitWholePieces(lines, discordLimits.embedDescription, '\n').text
      : 'I have not read any articles yet.';
  const buttons = [
    { page: shown - 1, label: 'Previous', show: shown > 0 },
    { page: shown + 1, label: 'Next', show: shown < pages - 1 },
  ].filter((button) => button.show);
  return {
    embeds: [
      {
        color: citebotColour,
        title: `Articles I have read (${articles.length})`,
        description,
        footer: { text: `Page ${shown + 1} of ${pages} · /article <name> for one article's details` },
      },
    ],
    components:
      buttons.length === 0
        ? []
        : [
            {
              type: ComponentType.ActionRow,
              components: buttons.map((button) => ({
                type: ComponentType.Button as const,
                style: ButtonStyle.Secondary as const,
                custom_id: pageButtonId(button.page),
                label: button.label,
              })),
            },
          ],
  };
}

/** The lead's sentences in order, each a block quote with its citation, as many as fit in `limit`; the last may be cut at a word. */
function leadText(lead: readonly Sentence[], limit: number): string {
  const pieces: string[] = [];
  let used = 0;
  for (const sentence of lead) {
    const id = citation(sentence.id);
    const separator = pieces.length > 0 ? 1 : 0;
    const room = limit - used - separator - id.length - 1;
    if (room < smallestLeadSentence) break;
    const quoted = fitBlockQuote([sentence.text], room);
    const piece = `${quoted.text}\n${id}`;
    pieces.push(piece);
    used += separator + piece.length;
    if (quoted.kept === 0) break;
  }
  return pieces.join('\n');
}

/** /article: details and the lead. */
export function articleMessage(article: Article, lead: readonly Sentence[], sentenceCount: number): DiscordMessage {
  const fields = [
    { name: 'Outlet', value: article.outlet === null ? null : plainText(article.outlet, shownNameLength) },
    { name: 'Published', value: displayDate(article.published) },
    { name: 'Author', value: article.author === null ? null : plainText(article.author, detailNameLength) },
    { name: 'Key', value: `\`${article.key}\` · ${sentenceCount} sentences · ids look like \`${article.key}:1.1\`` },
    { name: 'File', value: plainText(article.file, detailNameLength) },
  ]
    .filter((field): field is { name: string; value: string } => field.value !== null && field.value !== '')
    .map((field) => ({ name: field.name, value: field.value, inline: field.name !== 'Key' && field.name !== 'File' }));
  const title =
    truncateText(plainText(article.title, discordLimits.embedTitle), discordLimits.embedTitle) || article.key;
  const fieldsLength = fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const quotedLead = leadText(
    lead,
    Math.min(discordLimits.embedDescription, discordLimits.embedTotal - title.length - fieldsLength),
  );
  const embed: APIEmbed = {
    color: citebotColour,
    title,
    description: quotedLead === '' ? 'This article has no prose sentences.' : quotedLead,
    fields,
  };
  const target = webLink(article.url);
  if (target !== null) embed.url = target;
  return { embeds: [embed] };
}

export interface CommandSummary {
  readonly usage: string;
  readonly description: string;
}

/** /help: what each command does. */
export function helpMessage(commands: readonly CommandSummary[]): DiscordMessage {
  const lines = commands.map((command) => `**${command.usage}** — ${command.description}`);
  return {
    embeds: [
      {
        color: citebotColour,
        title: 'Citebot',
        description: fitWholePieces(
          [
            'I answer questions about the articles I have read by quoting their sentences verbatim, each with a citation id you can paste into a discussion. I never write answers of my own.',
            '',
            ...lines,
            '',
            '**Reading citations.** `[a3:4.1]` + `[a3:4.2]`: one quote of two sentences in one article. "also in `[a1:7.1]`": another article has the very same words, so the quote is cited to it too. "similar wording in `[a2:4.1]`": another article says nearly the same in other words; look it up with `/quote` before citing it.',
          ],
          discordLimits.embedDescription,
          '\n',
        ).text,
        footer: { text: 'Citation ids look like a3:4.2: article a3, paragraph 4, sentence 2.' },
      },
    ],
  };
}

/** A short message of our own (errors, refusals); any user text in it is escaped by the caller. */
export function noticeMessage(text: string): DiscordMessage {
  return { content: truncateText(text, discordLimits.content) };
}

/** User text to show inside a notice: escaped, on one line, and short. */
export function echoed(text: string, limit = 80): string {
  return plainText(text, limit);
}

/** An autocomplete choice within Discord's 100-character name and value limits. */
export function choice(name: string, value: string): APIApplicationCommandOptionChoice<string> {
  const shownValue = cutAt(wellFormed(value), discordLimits.choiceValue);
  return {
    name:
      truncateText(wellFormed(name).replace(/\s+/g, ' ').trim(), discordLimits.choiceName) ||
      cutAt(shownValue, discordLimits.choiceName),
    value: shownValue,
  };
}

/**
 * The other replies: one sentence for /quote, the /search list, /articles pages, /article
 * details, /help, short notices and autocomplete choices. Pure functions.
 */
import { ButtonStyle, ComponentType, type APIApplicationCommandOptionChoice, type APIEmbed } from 'discord-api-types/v10';
import type { Article, Sentence } from '../../corpus/types.ts';
import type { Quote } from '../../retrieval/types.ts';
import { blockQuote, citebotColour } from './answer.ts';
import { escapeMarkdown, isWebLink } from './escape.ts';
import { discordLimits } from './limits.ts';
import type { DiscordMessage } from './message.ts';
import { citation, displayDate, linkedTitle, sourceLine } from './sources.ts';
import { fitWholePieces, truncateText } from './truncate.ts';

/**
 * /quote: the sentence ready to paste into a discussion (message content, so it copies as
 * text), with an embed naming its source.
 */
export function quoteMessage(sentence: Sentence, article: Article): DiscordMessage {
  const details = [escapeMarkdown(truncateText(article.title, 200, '…')), article.outlet && escapeMarkdown(article.outlet), displayDate(article.published)].filter(Boolean).join(', ');
  const link = isWebLink(article.url) ? ` <${article.url}>` : '';
  const attribution = `— ${details} ${citation(sentence.id)}${link}`;
  const quoted = blockQuote([sentence.text], discordLimits.content - attribution.length - 1);
  const embed: APIEmbed = { color: citebotColour, description: `${citation(sentence.id)} from ${sourceLine(article)}` };
  return { content: `${quoted}\n${attribution}`.slice(0, discordLimits.content), embeds: [embed] };
}

/** /search: one line per matching sentence, its id first. */
export function searchMessage(terms: string, quotes: readonly Quote[]): DiscordMessage {
  const title = truncateText(`Sentences matching “${escapeMarkdown(terms.replace(/\s+/g, ' ').trim())}”`, discordLimits.embedTitle, '…');
  if (quotes.length === 0) return { embeds: [{ color: citebotColour, title, description: 'No sentence in the articles matches those words. Try fewer or different words.' }] };
  const lines = quotes.map((quote) => `${citation(quote.main.id)} ${escapeMarkdown(truncateText(quote.text.replace(/\s+/g, ' '), 300, '…'))}`);
  return { embeds: [{ color: citebotColour, title, description: fitWholePieces(lines, discordLimits.embedDescription, '\n').text, footer: { text: '/quote <id> shows one in full, ready to paste' } }] };
}

export const articlesPerPage = 10;

/** /articles: one page of what the bot has read; buttons for the other pages. */
export function articlesMessage(articles: readonly Article[], page: number, pageButtonId: (page: number) => string): DiscordMessage {
  const pages = Math.max(1, Math.ceil(articles.length / articlesPerPage));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const lines = articles.slice(shown * articlesPerPage, (shown + 1) * articlesPerPage).map(sourceLine);
  const description = lines.length > 0 ? fitWholePieces(lines, discordLimits.embedDescription, '\n').text : 'I have not read any articles yet.';
  const buttons = [
    { page: shown - 1, label: 'Previous', show: shown > 0 },
    { page: shown + 1, label: 'Next', show: shown < pages - 1 },
  ].filter((button) => button.show);
  return {
    embeds: [{ color: citebotColour, title: `Articles I have read (${articles.length})`, description, footer: { text: `Page ${shown + 1} of ${pages} · /article <name> for one article's details` } }],
    components:
      buttons.length === 0
        ? []
        : [{ type: ComponentType.ActionRow, components: buttons.map((button) => ({ type: ComponentType.Button as const, style: ButtonStyle.Secondary as const, custom_id: pageButtonId(button.page), label: button.label })) }],
  };
}

/** /article: details and the lead. */
export function articleMessage(article: Article, lead: readonly Sentence[], sentenceCount: number): DiscordMessage {
  const fields = [
    { name: 'Outlet', value: article.outlet },
    { name: 'Published', value: displayDate(article.published) },
    { name: 'Author', value: article.author },
    { name: 'Key', value: `\`${article.key}\` · ${sentenceCount} sentences · ids look like \`${article.key}:1.1\`` },
    { name: 'File', value: article.file },
  ]
    .filter((field): field is { name: string; value: string } => field.value !== null && field.value !== '')
    .map((field) => ({ name: field.name, value: escapeMarkdownExceptCode(field), inline: field.name !== 'Key' && field.name !== 'File' }));
  const leadText = lead.map((sentence) => `${blockQuote([sentence.text], 1500)}\n${citation(sentence.id)}`).join('\n');
  const embed: APIEmbed = {
    color: citebotColour,
    title: truncateText(article.title, discordLimits.embedTitle, '…'),
    description: leadText === '' ? 'This article has no prose sentences.' : leadText,
    fields,
  };
  if (isWebLink(article.url)) embed.url = article.url;
  return { embeds: [embed] };
}

function escapeMarkdownExceptCode(field: { name: string; value: string }): string {
  return truncateText(field.name === 'Key' ? field.value : escapeMarkdown(field.value), discordLimits.fieldValue, '…');
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
  return { content: truncateText(text, discordLimits.content, '…') };
}

/** User text to show inside a notice: escaped, on one line, and short. */
export function echoed(text: string, limit = 80): string {
  return escapeMarkdown(truncateText(text.replace(/[\s\p{Cc}]+/gu, ' ').trim(), limit, '…'));
}

/** An autocomplete choice within Discord's 100-character name and value limits. */
export function choice(name: string, value: string): APIApplicationCommandOptionChoice<string> {
  return { name: truncateText(name.replace(/\s+/g, ' ').trim(), discordLimits.choiceName, '…') || value.slice(0, discordLimits.choiceName), value: value.slice(0, discordLimits.choiceValue) };
}

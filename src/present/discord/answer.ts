/**
 * Answers -> Discord messages: the embed for /ask, "Find quotes" and the More button, and the
 * surrounding-context view for the Context button. Pure: the Discord layer adds the reply
 * policy (allowed mentions, privacy) and decides the buttons' custom ids.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
} from 'discord-api-types/v10';
import type { Article, Sentence } from '../../corpus/types.ts';
import type { Highlight } from '../../retrieval/highlight.ts';
import type { Answer, NoAnswer, Quote } from '../../retrieval/types.ts';
import { escapeMarkdown, plainText } from './escape.ts';
import { cutMarker, discordLimits } from './limits.ts';
import type { DiscordMessage } from './message.ts';
import { citation, linkedTitle, sourceLine } from './sources.ts';
import { fitWholePieces, truncateText } from './truncate.ts';

export const citebotColour = 0x3b6ea5;
const footerText = 'Verbatim from the articles · /quote <id> cites one sentence';
/** Room left for the line that says quotes were left out to fit. */
const leftOutLineRoom = 120;
/** A quote block is only started when at least this much room is left for it. */
const smallestQuoteBlock = 160;
/** Other articles holding the same sentence named under a quote; more are counted, not listed. */
const alsoInShown = 3;
/** Titles under a quote and above a context are cut to this, so the quote keeps most of the room. */
const quoteTitleLength = 80;

/** Custom ids for the buttons under an answer; a button is left out when its id is absent. */
export interface AnswerButtons {
  readonly more?: string;
  readonly context?: string;
  /** 👍 and 👎: feedback on the answer. */
  readonly voteUp?: string;
  readonly voteDown?: string;
}

export interface AnswerView {
  /** Rank of the first quote shown (0 for the first page, more for "More"). */
  readonly offset?: number;
  readonly buttons?: AnswerButtons;
  /** Heading other than the question, e.g. for "Find quotes". */
  readonly heading?: string;
}

/** Quotes in article order (then paragraph, then sentence), so that one article's quotes read in sequence. */
export function inArticleOrder(quotes: readonly Quote[]): Quote[] {
  return [...quotes].sort(
    (a, b) =>
      a.main.articleKey.localeCompare(b.main.articleKey, 'en', { numeric: true }) ||
      a.main.paragraph - b.main.paragraph ||
      a.main.position - b.main.position,
  );
}

/** `> sentence sentence` lines of a block quote, escaped, cut between sentences to `limit`. */
export function blockQuote(sentences: readonly string[], limit: number): string {
  return fitBlockQuote(sentences, limit).text;
}

/** A sentence as markdown: escaped, on one line, with the spans given (offsets into `text`) in bold. */
function emphasised(text: string, spans: readonly Highlight[]): string {
  const plain = (part: string): string => escapeMarkdown(part.replace(/\s+/g, ' '));
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    out += `${plain(text.slice(at, span.start))}**${plain(text.slice(span.start, span.end))}**`;
    at = span.end;
  }
  return (out + plain(text.slice(at))).trim();
}

/** The highlights of a quote that fall in each of its sentences, as offsets into that sentence. */
function highlightsBySentence(sentences: readonly string[], highlights: readonly Highlight[]): Highlight[][] {
  let offset = 0;
  return sentences.map((sentence) => {
    const from = offset;
    offset += sentence.length + 1; // the quote's text joins its sentences with one space
    return highlights
      .filter((span) => span.start >= from && span.end <= from + sentence.length)
      .map((span) => ({ start: span.start - from, end: span.end - from }));
  });
}

/**
 * The block quote and how many sentences it keeps whole (0 when even the first had to be cut).
 * `highlights` (offsets into the sentences joined by one space) are shown in bold, unless the
 * first sentence has to be cut, where bold could be cut in half.
 */
export function fitBlockQuote(
  sentences: readonly string[],
  limit: number,
  highlights: readonly Highlight[] = [],
): { text: string; kept: number } {
  const prefix = '> ';
  const spans = highlightsBySentence(sentences, highlights);
  const withBold = fitWholePieces(
    sentences.map((text, i) => emphasised(text, spans[i]!)),
    limit - prefix.length,
    ' ',
  );
  const fitted =
    withBold.kept > 0 || highlights.length === 0
      ? withBold
      : fitWholePieces(
          sentences.map((text) => emphasised(text, [])),
          limit - prefix.length,
          ' ',
        );
  return { text: prefix + fitted.text, kept: fitted.kept };
}

/**
 * ` · also in [b1:2.3], [b4:1.1] and 2 more`: other articles with the very same words, which the
 * quote is cited to as well; ` · similar wording in [a2:4.1]`: near-duplicates in other words.
 */
function otherSourcesText(others: Quote['sources']): string {
  const listed = (label: string, sources: Quote['sources']): string => {
    if (sources.length === 0) return '';
    const named = sources.slice(0, alsoInShown).map((source) => citation(source.citationIds[0]!));
    const unnamed = sources.length - named.length;
    return ` · ${label} ${named.join(', ')}${unnamed > 0 ? ` and ${unnamed} more` : ''}`;
  };
  return (
    listed(
      'also in',
      others.filter((source) => source.wording === 'same'),
    ) +
    listed(
      'similar wording in',
      others.filter((source) => source.wording === 'similar'),
    )
  );
}

/** `[a3:4.1]`, or `[a3:4.1] + [a3:4.2]` for a quote of two sentences. */
function quoteCitation(quote: Quote): string {
  return quote.sentences.map((sentence) => citation(sentence.id)).join(' + ');
}

function quoteBlock(quote: Quote, limit: number): { text: string; kept: number } {
  const [first, ...others] = quote.sources;
  const alsoIn = otherSourcesText(others);
  const head = `— ${quoteCitation(quote)} `;
  // The line under the quote takes at most half the block: the title is linked only when the
  // link fits, and shortened when even the title does not.
  const titleRoom = Math.floor(limit / 2) - head.length - alsoIn.length;
  const titleLength = Math.min(quoteTitleLength, Math.floor((titleRoom - 4) / 2));
  const title = first && titleLength > 0 ? linkedTitle(first.article, titleLength, titleRoom) : '';
  const idLine = `${head}${title}${alsoIn}`;
  const quoteRoom = limit - idLine.length - 1;
  const quoted = fitBlockQuote(
    quote.sentences.map((sentence) => sentence.text),
    quoteRoom,
    quote.highlights,
  );
  return { text: `${quoted.text}\n${idLine}`, kept: quoted.kept };
}

function buttonRow(
  buttons: readonly { customId: string; label: string }[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (buttons.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: buttons.map(({ customId, label }): APIButtonComponentWithCustomId => {
        if (customId.length > discordLimits.customId)
          throw new RangeError(`custom_id "${customId}" is over ${discordLimits.customId} characters`);
        return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label };
      }),
    },
  ];
}

/** The distinct articles behind some quotes, first appearance first. */
function articlesOf(quotes: readonly Quote[]): Article[] {
  const seen = new Map<string, Article>();
  for (const quote of quotes)
    for (const source of quote.sources) if (!seen.has(source.article.key)) seen.set(source.article.key, source.article);
  return [...seen.values()];
}

function noAnswerMessage(answer: NoAnswer, offset: number): DiscordMessage {
  const question = plainText(answer.question, 300);
  const why =
    offset > 0
      ? 'There are no more quotes for this question.'
      : answer.reason === 'off-topic'
        ? `I couldn't find anything about “${question}” in the articles I have read.`
        : `I couldn't find a sentence in the articles that answers “${question}”.`;
  return {
    embeds: [
      {
        color: citebotColour,
        description: `${why}\n\nTry \`/search\` with a few key words, rephrase the question, or see what I have read with \`/articles\`.`,
      },
    ],
  };
}

/** The message for an answer: quotes as block quotes with their citations, then the sources. */
export function answerMessage(answer: Answer, view: AnswerView = {}): DiscordMessage {
  const offset = view.offset ?? 0;
  // A found answer holds at least one quote; only a NoAnswer can have none to show.
  if (!answer.answered && answer.closest.length === 0) return noAnswerMessage(answer, offset);
  const shown = answer.answered ? answer.quotes : answer.closest;
  const quotes = inArticleOrder(shown);
  // Said before the quotes: closest quotes are not an answer, and corrected words were searched for.
  const notices: string[] = [];
  if (!answer.answered)
    notices.push('*No sentence in the articles answers this directly. These are the closest quotes, not an answer.*');
  if (answer.corrections && answer.corrections.length > 0)
    notices.push(`*Searched for: ${escapeMarkdown(answer.corrections.map((c) => c.to).join(', '))}*`);
  // The question is the user's own text: escaped, so that it shows as typed in the title.
  const title = truncateText(
    plainText(view.heading ?? answer.question, discordLimits.embedTitle),
    discordLimits.embedTitle,
  );
  const sources = fitWholePieces(articlesOf(quotes).map(sourceLine), discordLimits.fieldValue, '\n').text;
  const fixed = title.length + 'Sources'.length + sources.length + footerText.length + 20;
  const descriptionRoom = Math.min(discordLimits.embedDescription, discordLimits.embedTotal - fixed) - leftOutLineRoom;

  const blocks: string[] = [...notices];
  let used = notices.reduce((sum, notice) => sum + notice.length + 2, 0);
  for (const quote of quotes) {
    const room = descriptionRoom - used - 2;
    if (room < smallestQuoteBlock) break;
    const block = quoteBlock(quote, room);
    // Only the first quote may be cut inside a sentence (it alone is over the limit); a later
    // quote that cannot keep one whole sentence is left out and counted instead.
    if ((block.kept === 0 && blocks.length > notices.length) || block.text.length > room) break;
    blocks.push(block.text);
    used += block.text.length + 2;
  }
  const leftOut = quotes.length - (blocks.length - notices.length);
  if (leftOut > 0)
    blocks.push(
      `${cutMarker} ${leftOut} more ${leftOut === 1 ? 'quote' : 'quotes'} left out to fit Discord's length limit.`,
    );

  const embed: APIEmbed = {
    color: citebotColour,
    title,
    description: blocks.join('\n\n'),
    fields: [{ name: 'Sources', value: sources }],
    footer: { text: `Quotes ${offset + 1}–${offset + quotes.length} · ${footerText}` },
  };
  const buttons: { customId: string; label: string }[] = [];
  if (view.buttons?.more) buttons.push({ customId: view.buttons.more, label: 'More' });
  if (view.buttons?.context) buttons.push({ customId: view.buttons.context, label: 'Context' });
  if (view.buttons?.voteUp) buttons.push({ customId: view.buttons.voteUp, label: '👍' });
  if (view.buttons?.voteDown) buttons.push({ customId: view.buttons.voteDown, label: '👎' });
  return { embeds: [embed], components: buttonRow(buttons) };
}

/** One quoted sentence with the sentences around it in its article. */
export interface QuoteContext {
  readonly quotedIds: ReadonlySet<string>;
  readonly article: Article;
  readonly sentences: readonly Sentence[];
}

/** The Context button's view: each quote's neighbourhood, the quoted sentences in bold. */
export function contextMessage(contexts: readonly QuoteContext[]): DiscordMessage {
  if (contexts.length === 0)
    return {
      embeds: [
        { color: citebotColour, description: 'The quoted sentences are no longer in the articles I have read.' },
      ],
    };
  const room =
    Math.floor(
      (Math.min(discordLimits.embedDescription, discordLimits.embedTotal - 100) - leftOutLineRoom) / contexts.length,
    ) - 2;
  const blocks = contexts.map(({ quotedIds, article, sentences }) => {
    const heading = linkedTitle(article, quoteTitleLength, Math.floor(room / 2));
    const lines = sentences.map((sentence) => {
      const text = escapeMarkdown(sentence.text.replace(/\s+/g, ' ').trim());
      return `> ${citation(sentence.id)} ${quotedIds.has(sentence.id) ? `**${text}**` : text}`;
    });
    return `${heading}\n${fitWholePieces(lines, room - heading.length - 1, '\n', `> ${cutMarker}`).text}`;
  });
  const description = fitWholePieces(blocks, discordLimits.embedDescription, '\n\n').text;
  return {
    embeds: [
      {
        color: citebotColour,
        title: 'Context',
        description,
        footer: { text: 'Quoted sentences in bold; the others are their neighbours in the article.' },
      },
    ],
  };
}

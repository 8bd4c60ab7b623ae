/**
 * Answers -> text for a terminal, and -> the CLI's JSON contract. Pure functions.
 */
import type { Article } from '../corpus/types.ts';
import type { Answer, Quote, QuoteSource } from '../retrieval/types.ts';

/** One result of the `--json` contract. */
export interface JsonResult {
  readonly text: string;
  readonly id: string;
  /** Every citation id of the quote: the quoted sentences, in every article that carries it. */
  readonly ids: readonly string[];
  readonly score: number;
  /** Spans of `text` that answer the kind of question asked (`text.slice(start, end)`, in UTF-16 code units). */
  readonly highlights: readonly { readonly start: number; readonly end: number }[];
  readonly source: { readonly file: string; readonly title: string; readonly url: string | null };
  /** Further articles carrying the very same words (wire copy, follow-ups): the quote is cited to them too. */
  readonly alsoIn: readonly OtherSource[];
  /** Articles carrying a near-duplicate in other words: related, but not the same citation. */
  readonly similarIn: readonly OtherSource[];
}

/** Another article that carries the quote, and the id of its copy. */
export interface OtherSource {
  readonly file: string;
  readonly title: string;
  readonly url: string | null;
  readonly id: string;
}

export interface JsonAnswer {
  readonly question: string;
  readonly answered: boolean;
  /** Why there is no answer: 'no-direct-answer' (results are the closest quotes) or 'off-topic' (no results). */
  readonly reason?: string;
  readonly confidence: number;
  /** Spelling corrections made to the question: [{ "from": "trops", "to": "troops" }]. */
  readonly corrections?: readonly { readonly from: string; readonly to: string }[];
  readonly results: readonly JsonResult[];
  /** Why the question was not asked at all (empty, too long, control characters): results are then empty. */
  readonly error?: string;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function sourceOf(article: Article): JsonResult['source'] {
  return { file: article.file, title: article.title, url: article.url };
}

function otherSources(quote: Quote, wording: QuoteSource['wording']): OtherSource[] {
  return quote.sources
    .slice(1)
    .filter((source) => source.wording === wording)
    .map((source) => ({ ...sourceOf(source.article), id: source.citationIds[0]! }));
}

export function answerToJson(answer: Answer): JsonAnswer {
  const corrections = answer.corrections && answer.corrections.length > 0 ? { corrections: answer.corrections } : {};
  const quotes = answer.answered ? answer.quotes : answer.closest;
  return {
    question: answer.question,
    answered: answer.answered,
    ...(answer.answered ? {} : { reason: answer.reason }),
    confidence: round(answer.confidence),
    ...corrections,
    results: quotes.map((quote) => ({
      text: quote.text,
      id: quote.main.id,
      ids: quote.sources.filter((source) => source.wording === 'same').flatMap((source) => source.citationIds),
      score: round(quote.score),
      highlights: quote.highlights.map(({ start, end }) => ({ start, end })),
      source: sourceOf(quote.sources[0]!.article),
      alsoIn: otherSources(quote, 'same'),
      similarIn: otherSources(quote, 'similar'),
    })),
  };
}

export interface TerminalStyle {
  /** ANSI colour and bold, for a terminal that shows them. */
  readonly colour: boolean;
  /** Wrap width for quotes. */
  readonly width: number;
}

/** Length as shown: ANSI styling takes no room. */
function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- ANSI escapes start with ESC
  return text.replace(/\u001b\[\d+m/g, '').length;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

export function describeArticle(article: Article): string {
  const details = [article.outlet, article.published, article.author && `by ${article.author}`]
    .filter(Boolean)
    .join(', ');
  return `${article.title}${details ? ` (${details})` : ''} — ${article.url ?? article.file}`;
}

/** `[a3:4.1 + a3:4.2]`: the sentences of one quote, in one pair of brackets. */
function citationOf(source: QuoteSource): string {
  return `[${source.citationIds.join(' + ')}]`;
}

function listed(label: string, sources: readonly QuoteSource[]): string[] {
  return sources.length === 0 ? [] : [`${label} ${sources.map(citationOf).join(', ')}`];
}

/** The quote's text with its highlights in bold (each word of a span on its own, so that wrapping keeps the styling). */
function emphasised(quote: Quote, bold: (text: string) => string): string {
  let out = '';
  let at = 0;
  for (const { start, end } of quote.highlights) {
    if (start < at) continue;
    out +=
      quote.text.slice(at, start) +
      quote.text
        .slice(start, end)
        .split(/(\s+)/)
        .map((part) => (/\S/.test(part) ? bold(part) : part))
        .join('');
    at = end;
  }
  return out + quote.text.slice(at);
}

function quoteBlock(quote: Quote, number: number, style: TerminalStyle): string {
  const bold = (s: string): string => (style.colour ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string): string => (style.colour ? `\u001b[2m${s}\u001b[22m` : s);
  const [first, ...others] = quote.sources;
  const citations = [
    citationOf(first!),
    ...listed(
      'also in',
      others.filter((source) => source.wording === 'same'),
    ),
    ...listed(
      'similar wording in',
      others.filter((source) => source.wording === 'similar'),
    ),
  ].join(' · ');
  return `${bold(`${number}.`)} ${wrap(`“${emphasised(quote, bold)}”`, style.width, '   ').trimStart()}\n   ${dim(citations)}`;
}

/** "searched for: troops, ceiling", when words of the question were taken for others. */
export function correctionLine(answer: Answer): string | undefined {
  const corrections = answer.corrections ?? [];
  return corrections.length === 0 ? undefined : `searched for: ${corrections.map((c) => c.to).join(', ')}`;
}

export function answerToText(answer: Answer, style: TerminalStyle = { colour: false, width: 88 }): string {
  const searched = correctionLine(answer);
  const heading = `Q: ${answer.question}${searched ? `\n(${searched})` : ''}`;
  if (!answer.answered && answer.closest.length === 0) {
    return `${heading}\nNo answer found. Nothing in the articles is about that.\n`;
  }
  const quotes = answer.answered ? answer.quotes : answer.closest;
  const blocks = quotes.map((quote, i) => quoteBlock(quote, i + 1, style));
  const keys = new Map<string, Article>();
  for (const quote of quotes) for (const source of quote.sources) keys.set(source.article.key, source.article);
  const sources = [...keys.values()].map((article) => `  ${article.key}  ${describeArticle(article)}`);
  const lead = answer.answered
    ? ''
    : 'No sentence in the articles answers that directly. These are the closest, not an answer:\n\n';
  return `${heading}\n\n${lead}${blocks.join('\n\n')}\n\nSources:\n${sources.join('\n')}\n`;
}

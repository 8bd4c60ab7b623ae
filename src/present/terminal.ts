/**
 * Answers -> text for a terminal, and -> the CLI's JSON contract. Pure functions.
 */
import type { Article } from '../corpus/types.ts';
import type { Answer, Quote } from '../retrieval/types.ts';

/** One result of the `--json` contract. */
export interface JsonResult {
  readonly text: string;
  readonly id: string;
  /** Every citation id of the quote: the quoted sentences, in every article that carries it. */
  readonly ids: readonly string[];
  readonly score: number;
  readonly source: { readonly file: string; readonly title: string; readonly url: string | null };
  /** Further articles carrying the same sentence (near-duplicates), if any. */
  readonly alsoIn: readonly { readonly file: string; readonly title: string; readonly url: string | null; readonly id: string }[];
}

export interface JsonAnswer {
  readonly question: string;
  readonly answered: boolean;
  readonly confidence: number;
  readonly results: readonly JsonResult[];
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function sourceOf(article: Article): JsonResult['source'] {
  return { file: article.file, title: article.title, url: article.url };
}

export function answerToJson(answer: Answer): JsonAnswer {
  if (!answer.answered) return { question: answer.question, answered: false, confidence: round(answer.confidence), results: [] };
  return {
    question: answer.question,
    answered: true,
    confidence: round(answer.confidence),
    results: answer.quotes.map((quote) => ({
      text: quote.text,
      id: quote.main.id,
      ids: quote.sources.flatMap((source) => source.citationIds),
      score: round(quote.score),
      source: sourceOf(quote.sources[0]!.article),
      alsoIn: quote.sources.slice(1).map((source) => ({ ...sourceOf(source.article), id: source.citationIds[0]! })),
    })),
  };
}

export interface TerminalStyle {
  /** ANSI colour and bold, for a terminal that shows them. */
  readonly colour: boolean;
  /** Wrap width for quotes. */
  readonly width: number;
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

export function describeArticle(article: Article): string {
  const details = [article.outlet, article.published, article.author && `by ${article.author}`].filter(Boolean).join(', ');
  return `${article.title}${details ? ` (${details})` : ''} — ${article.url ?? article.file}`;
}

function quoteBlock(quote: Quote, number: number, style: TerminalStyle): string {
  const bold = (s: string): string => (style.colour ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string): string => (style.colour ? `\u001b[2m${s}\u001b[22m` : s);
  const citations = quote.sources.map((source) => `[${source.citationIds.join(', ')}]`).join(' ');
  return `${bold(`${number}.`)} ${wrap(`“${quote.text}”`, style.width, '   ').trimStart()}\n   ${dim(citations)}`;
}

export function answerToText(answer: Answer, style: TerminalStyle = { colour: false, width: 88 }): string {
  if (!answer.answered) {
    const why =
      answer.reason === 'no-matching-terms'
        ? 'None of the question’s words appear in the articles.'
        : 'Nothing in the articles answers that closely enough to quote.';
    return `Q: ${answer.question}\nNo answer found. ${why}\n`;
  }
  const blocks = answer.quotes.map((quote, i) => quoteBlock(quote, i + 1, style));
  const keys = new Map<string, Article>();
  for (const quote of answer.quotes) for (const source of quote.sources) keys.set(source.article.key, source.article);
  const sources = [...keys.values()].map((article) => `  ${article.key}  ${describeArticle(article)}`);
  return `Q: ${answer.question}\n\n${blocks.join('\n\n')}\n\nSources:\n${sources.join('\n')}\n`;
}

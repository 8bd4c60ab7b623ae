/**
 * One sentence looked up by its citation id (`npm run quote`, the terminal's /quote) -> text
 * for a terminal, and -> JSON. Pure functions.
 */
import type { Article, Sentence } from '../corpus/types.ts';
import { describeArticle, type TerminalStyle } from './terminal.ts';

export interface JsonQuote {
  readonly id: string;
  /** Verbatim, as in the article. */
  readonly text: string;
  readonly source: {
    readonly file: string;
    readonly title: string;
    readonly url: string | null;
    readonly outlet: string | null;
    readonly published: string | null;
    readonly author: string | null;
  };
  /** With --context: the sentence and its neighbours in the article, in order. */
  readonly context?: readonly { readonly id: string; readonly text: string; readonly quoted: boolean }[];
}

export function quoteToJson(sentence: Sentence, article: Article, context?: readonly Sentence[]): JsonQuote {
  const { file, title, url, outlet, published, author } = article;
  return {
    id: sentence.id,
    text: sentence.text,
    source: { file, title, url, outlet, published, author },
    ...(context
      ? {
          context: context.map((neighbour) => ({
            id: neighbour.id,
            text: neighbour.text,
            quoted: neighbour.id === sentence.id,
          })),
        }
      : {}),
  };
}

/**
 * The quote on one line, not wrapped, so that it pastes as one; then its citation and source.
 * With `context`, the sentences around it, the quoted one marked.
 */
export function quoteToText(
  sentence: Sentence,
  article: Article,
  context: readonly Sentence[] | undefined,
  style: Pick<TerminalStyle, 'colour'>,
): string {
  const bold = (s: string): string => (style.colour ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string): string => (style.colour ? `\u001b[2m${s}\u001b[22m` : s);
  const lines = [`“${sentence.text}”`, `${dim(`[${sentence.id}]`)} ${describeArticle(article)}`];
  if (context) {
    lines.push('', 'Context:');
    for (const neighbour of context) {
      const quoted = neighbour.id === sentence.id;
      lines.push(`${quoted ? '>' : ' '} ${dim(`[${neighbour.id}]`)} ${quoted ? bold(neighbour.text) : neighbour.text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

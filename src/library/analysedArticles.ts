/**
 * One analysed article (the article and the wink tokens of each sentence) <-> a JSON string,
 * so that when one file of a corpus changes only that file is read with wink again: the
 * others come from the store as they were analysed.
 *
 * Tokens are written column by column, each column as its distinct values and one small
 * number per token (a part of speech or a token type is one of a dozen strings; writing it
 * out per token would make the record several times larger). The columns are whatever
 * fields the tokens have, so a field added to AnalysedToken is kept without a change here.
 */
import type { AnalysedArticle } from '../corpus/segment.ts';
import type { AnalysedToken } from '../nlp/analyse.ts';

interface EncodedColumn {
  readonly values: unknown[];
  readonly codes: number[];
}

interface EncodedAnalysedArticle {
  readonly article: AnalysedArticle['article'];
  /** Tokens per sentence, in `sentencesOf` order. */
  readonly sentenceTokenCounts: number[];
  readonly columns: Record<string, EncodedColumn>;
}

export function encodeAnalysedArticle(analysed: AnalysedArticle): string {
  const tokens = analysed.tokens.flat() as unknown as Record<string, unknown>[];
  // Every token has the same fields; the first of each sentence is enough to find them all.
  const fields = new Set<string>();
  for (const sentence of analysed.tokens)
    if (sentence[0]) for (const field of Object.keys(sentence[0])) fields.add(field);
  const columns: Record<string, EncodedColumn> = {};
  for (const field of fields) {
    const codeOf = new Map<unknown, number>();
    const values: unknown[] = [];
    const codes = new Array<number>(tokens.length);
    for (let t = 0; t < tokens.length; t += 1) {
      const value = tokens[t]![field] ?? null;
      let code = codeOf.get(value);
      if (code === undefined) {
        code = values.length;
        codeOf.set(value, code);
        values.push(value);
      }
      codes[t] = code;
    }
    columns[field] = { values, codes };
  }
  const encoded: EncodedAnalysedArticle = {
    article: analysed.article,
    sentenceTokenCounts: analysed.tokens.map((sentence) => sentence.length),
    columns,
  };
  return JSON.stringify(encoded);
}

export function decodeAnalysedArticle(text: string): AnalysedArticle {
  const encoded = JSON.parse(text) as EncodedAnalysedArticle;
  const fields = Object.entries(encoded.columns);
  let next = 0;
  const tokens = encoded.sentenceTokenCounts.map((count) => {
    const sentence: AnalysedToken[] = [];
    for (let i = 0; i < count; i += 1, next += 1) {
      const token: Record<string, unknown> = {};
      for (const [field, column] of fields) token[field] = column.values[column.codes[next]!];
      sentence.push(token as unknown as AnalysedToken);
    }
    return sentence;
  });
  return { article: encoded.article, tokens };
}

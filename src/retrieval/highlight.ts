/**
 * The answer inside a quote: where a question asks for a number, a date, a name, a place or an
 * amount, the words of the quote that are one and that the question does not already hold
 * ("How many US troops are in Iraq?" -> "There are currently **2,500** US troops in Iraq.").
 *
 * Pure: question and quote text in, character spans out. The words stay verbatim; showing the
 * spans (bold in Discord and the terminal, offsets in JSON) is presentation's job.
 */
import { analyse, type AnalysedToken } from '../nlp/analyse.ts';
import { TokenFlag, visitDocumentTokenTerms } from '../index/terms.ts';
import { countsAt, formKind, type CountWord } from './counts.ts';
import { analyseQuestion, answerTypeFlags, type AnalysedQuestion, type AnswerType } from './question.ts';

/** What may stand between two words of one name or amount: a space, or a particle joined by a hyphen. */
const oneName = /^(?:\s|[-‐]|\s\p{Ll}{1,3}[-‐])$/u;
const monthBefore =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)(?:\s+\d{1,2},?)?\s+$/;

/** A span of a quote's text: `text.slice(start, end)`. */
export interface Highlight {
  readonly start: number;
  readonly end: number;
}

/** Token flags that mark the answer for each kind of question; a type left out is never highlighted. */
function wantedFlags(type: AnswerType): { readonly wanted: number; readonly unwanted: number } {
  switch (type) {
    // A year is not a count: "how many troops" is not answered by "2003".
    case 'number':
      return { wanted: TokenFlag.number, unwanted: TokenFlag.date };
    // A country answers "where", not "who".
    case 'person':
    case 'organisation':
      return { wanted: TokenFlag.properNoun, unwanted: TokenFlag.country };
    default:
      return { wanted: answerTypeFlags[type], unwanted: 0 };
  }
}

function tokenFlags(token: AnalysedToken): number {
  let flags = 0;
  visitDocumentTokenTerms(token, (_term, termFlags) => (flags |= termFlags));
  // A count spelt in words ("seven times"): wink takes number words for stop words, which have no terms.
  if (flags === 0 && token.stopWord && token.pos === 'NUM') flags = TokenFlag.number;
  return flags;
}

/** The tokens of a sentence as counts.ts reads them. */
function countWordsOfTokens(tokens: readonly AnalysedToken[], flags: readonly number[]): CountWord[] {
  return tokens.map((token, i): CountWord => {
    const form = formKind(token.normal);
    if ((flags[i]! & TokenFlag.number) !== 0)
      return { normal: token.normal, kind: form === 'multiplier' ? 'multiplier' : 'number' };
    if (token.type === 'word' && !token.stopWord) return { normal: token.normal, kind: 'content' };
    return { normal: token.normal, kind: form === 'break' ? 'break' : 'other' };
  });
}

/**
 * Spans of `text` that answer the kind of question asked; empty when the question asks for no
 * particular kind of answer, or the text holds none the question does not.
 */
export function answerHighlights(
  question: string,
  text: string,
  countedWord?: (normal: string) => boolean,
): Highlight[] {
  return answerHighlighter(analyseQuestion(question), countedWord)(text);
}

/**
 * answerHighlights for one question, as the ranker read it, and many quotes: the question is
 * read with wink once for ranking and highlighting (reading is the costly part).
 */
export function answerHighlighter(
  question: Pick<AnalysedQuestion, 'answerType' | 'words'>,
  countedWord?: (normal: string) => boolean,
): (text: string) => Highlight[] {
  const { wanted, unwanted } = wantedFlags(question.answerType);
  if (wanted === 0) return () => [];
  // "How many troops": a count of troops (or soldiers: the ranker's countedWord), not of aircraft (counts.ts).
  const counts = question.answerType === 'number';
  return (text) => spansOf(text, wanted, unwanted, question.words, counts, countedWord);
}

function spansOf(
  text: string,
  wanted: number,
  unwanted: number,
  asked: ReadonlySet<string>,
  counts: boolean,
  countedWord: ((normal: string) => boolean) | undefined,
): Highlight[] {
  const spans: Highlight[] = [];
  let cursor = 0;
  let previousCurrency: Highlight | null = null;
  for (const sentence of analyse(text)) {
    const tokens = sentence.tokens;
    const flagsOf = tokens.map(tokenFlags);
    const words = counts ? countWordsOfTokens(tokens, flagsOf) : [];
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      const start = text.indexOf(token.value, cursor);
      if (start === -1) continue;
      const end = start + token.value.length;
      cursor = end;
      if (token.type === 'currency') {
        previousCurrency = { start, end };
        continue;
      }
      const flags = flagsOf[i]!;
      const answers =
        (flags & wanted) !== 0 &&
        (flags & unwanted) === 0 &&
        !asked.has(token.normal) &&
        !asked.has(token.normal.replace(/,/g, '')) &&
        (!counts || countsAt(words, i, countedWord));
      const currency: Highlight | null = previousCurrency;
      previousCurrency = null;
      if (!answers) continue;
      // "$" before "450,000" belongs to the amount.
      const from = currency !== null && currency.end === start ? currency.start : start;
      const last = spans[spans.length - 1];
      // Words of one name or amount make one span: "Mustafa al-Kadhimi", "2.5 million".
      if (last && oneName.test(text.slice(last.end, from))) spans[spans.length - 1] = { start: last.start, end };
      else spans.push({ start: from, end });
    }
  }
  return flagsForDates(wanted) ? spans.map((span) => withMonth(text, span)) : spans;
}

function flagsForDates(wanted: number): boolean {
  return (wanted & TokenFlag.date) !== 0;
}

/** "May 2020", "July 26, 2021": the month (and day) before a year belong to the date. */
function withMonth(text: string, span: Highlight): Highlight {
  const before = monthBefore.exec(text.slice(Math.max(0, span.start - 24), span.start));
  return before ? { start: span.start - before[0].length, end: span.end } : span;
}

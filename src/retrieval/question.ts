/**
 * Question analysis: the terms to look for, how much each counts, and what kind of answer the
 * question wants ("how many" wants a number, "when" a date, "who" a name).
 */
import { analyse } from '../nlp/analyse.ts';
import { TokenFlag, termsOf, wordStemOf } from '../index/terms.ts';

/**
 * The longest question Citebot takes, in characters: a question, not a pasted article. The
 * bot also sets it as the option's max_length, so Discord's client stops longer input first.
 */
export const maxQuestionLength = 300;

/** C0/C1 controls, and the invisible format characters used to hide text (zero-width, bidi overrides). */
export const controlCharacters = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/**
 * A lone surrogate: half of a character outside the Basic Multilingual Plane (most emoji), as
 * a client that cut text in the wrong place sends it. It is not text: it cannot be looked up,
 * and echoed back it would be half an emoji.
 */
const loneSurrogate = /\p{Cs}/u;

/** Tabs and line breaks (a pasted question often carries them), with the spaces around them. */
const lineBreaksAndTabs = /\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/gu;

/** The question as typed, tabs and line breaks made single spaces, trimmed: what questionProblem checks. */
export function normaliseQuestion(input: string): string {
  return input.replace(lineBreaksAndTabs, ' ').trim();
}

export type QuestionProblem = 'empty' | 'control-characters' | 'broken-characters' | 'too-long';

/**
 * Why a question (already normalised) is not worth looking up, or null when it is fine. One rule
 * for every surface; each says it in its own words.
 */
export function questionProblem(text: string): QuestionProblem | null {
  if (text === '') return 'empty';
  if (controlCharacters.test(text)) return 'control-characters';
  if (loneSurrogate.test(text)) return 'broken-characters';
  if (text.length > maxQuestionLength) return 'too-long';
  return null;
}

export type AnswerType = 'person' | 'organisation' | 'date' | 'number' | 'money' | 'duration' | 'percent' | 'place' | 'reason' | 'any';

/** Token flags that can hold each answer type (see TokenFlag). */
export const answerTypeFlags: Record<AnswerType, number> = {
  person: TokenFlag.properNoun,
  organisation: TokenFlag.properNoun,
  place: TokenFlag.properNoun | TokenFlag.country,
  date: TokenFlag.date,
  number: TokenFlag.number,
  money: TokenFlag.money | TokenFlag.number,
  duration: TokenFlag.duration | TokenFlag.number | TokenFlag.date,
  percent: TokenFlag.percent | TokenFlag.number,
  reason: 0,
  any: 0,
};

const typePatterns: readonly [RegExp, AnswerType][] = [
  [/\b(what|which) (year|years|date|day|month|decade|century|time)\b|\bwhen\b|\bhow long ago\b/i, 'date'],
  [/\bhow (long|old)\b|\bfor how long\b/i, 'duration'],
  [/\bhow much (money|did|does|do|is|was|are|were|will)?\b.*\b(cost|spend|spent|pay|paid|worth|price|budget|fund|dollars?|money)\b|\bhow much money\b/i, 'money'],
  [/\b(what|which) (percentage|percent|proportion|share)\b|\bhow much of\b/i, 'percent'],
  [/\bhow (many|much)\b|\b(what|which) (number|amount)\b/i, 'number'],
  [/\bwho(m|se)?\b/i, 'person'],
  [/\b(what|which) (outlet|newspaper|paper|network|channel|agency|organi[sz]ation|company|firm|group|party|publication|magazine|website|site|broadcaster|team|club|university|school|band)s?\b/i, 'organisation'],
  [/\bwhere\b|\b(what|which) (country|city|state|place|region|town|province)\b/i, 'place'],
  [/\bwhy\b|\bwhat (caused|was the reason|is the reason)\b/i, 'reason'],
];

export function answerTypeOf(question: string): AnswerType {
  for (const [pattern, type] of typePatterns) if (pattern.test(question)) return type;
  return 'any';
}

export interface QuestionTerm {
  readonly term: string;
  /** Position among the question's content terms, for phrase matches. */
  readonly position: number;
  /** An English word (false for a misspelling or an unusual name): only those get spelling correction. */
  readonly known: boolean;
}

/**
 * Words that carry no topic in a question ("what's the thing about ...", "right now"). They
 * are not stop words in a document, so wink keeps them; in a question they only dilute.
 */
const questionFillers = new Set(
  'whats whos wheres whens hows whys thing things stuff right like happen happened happening tell know think mean lot really actually exactly please anyone someone anybody somebody kind sort way go going get got make'
    .split(' '),
);

export interface AnalysedQuestion {
  readonly text: string;
  readonly terms: readonly QuestionTerm[];
  /** Stems of every word of the question, stop words included: synonym phrases are found in these. */
  readonly wordStems: readonly string[];
  readonly answerType: AnswerType;
}

/**
 * Nouns that name the kind of answer right after "what"/"which" ("what year", "which
 * country"): the answer sentence holds a year, not the word "year", so they are not looked for.
 */
const answerTypeNouns = new Set('year years date day month decade century time percentage percent proportion number amount country city state place region town province name'.split(' '));

export function analyseQuestion(question: string): AnalysedQuestion {
  const tokens = analyse(question, { lexicon: true })
    .flatMap((sentence) => sentence.tokens)
    .filter((token, i, all) => !questionFillers.has(token.normal) && !(answerTypeNouns.has(token.normal) && /^(what|which)$/.test(all[i - 1]?.normal ?? '')));
  const terms = termsOf(tokens, 'question').map((occurrence, position) => ({
    term: occurrence.term,
    position,
    known: occurrence.known !== false,
  }));
  const wordStems = tokens.filter((token) => token.type === 'word').map(wordStemOf);
  return { text: question, terms, wordStems, answerType: answerTypeOf(question) };
}

/**
 * Question analysis: the terms to look for, how much each counts, and what kind of answer the
 * question wants ("how many" wants a number, "when" a date, "who" a name).
 */
import { analyse } from '../nlp/analyse.ts';
import { TokenFlag, termsOf } from '../index/terms.ts';

export type AnswerType = 'person' | 'date' | 'number' | 'money' | 'duration' | 'percent' | 'place' | 'reason' | 'any';

/** Token flags that can hold each answer type (see TokenFlag). */
export const answerTypeFlags: Record<AnswerType, number> = {
  person: TokenFlag.properNoun,
  place: TokenFlag.properNoun,
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
}

export interface AnalysedQuestion {
  readonly text: string;
  readonly terms: readonly QuestionTerm[];
  readonly answerType: AnswerType;
}

export function analyseQuestion(question: string): AnalysedQuestion {
  const tokens = analyse(question).flatMap((sentence) => sentence.tokens);
  const terms = termsOf(tokens, 'question').map((occurrence, position) => ({ term: occurrence.term, position }));
  return { text: question, terms, answerType: answerTypeOf(question) };
}

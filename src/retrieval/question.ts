/**
 * Question analysis: the terms to look for, how much each counts, and what kind of answer the
 * question wants ("how many" wants a number, "when" a date, "who" a name).
 */
import { analyse, type AnalysedToken } from '../nlp/analyse.ts';
import { TokenFlag, visitTerms, wordStemOf } from '../index/terms.ts';

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

export type AnswerType =
  | 'person'
  | 'organisation'
  | 'date'
  | 'number'
  | 'money'
  | 'duration'
  | 'percent'
  | 'place'
  | 'reason'
  | 'manner'
  | 'any';

/** Token flags that can hold each answer type (see TokenFlag). */
export const answerTypeFlags: Record<AnswerType, number> = {
  person: TokenFlag.properNoun,
  organisation: TokenFlag.properNoun,
  place: TokenFlag.properNoun | TokenFlag.country,
  date: TokenFlag.date,
  // A count: a number that is not a year or a date ("how many troops": 2,500, not 2003).
  number: TokenFlag.number,
  // "How much money" wants an amount of money, not any number.
  money: TokenFlag.money,
  // "How long" wants a duration ("six months", "a year"), not a date.
  duration: TokenFlag.duration,
  percent: TokenFlag.percent | TokenFlag.number,
  reason: 0,
  manner: 0,
  any: 0,
};

/** Flags that disqualify a token as the answer type, though it has a wanted flag. */
export const answerTypeExcludedFlags: Record<AnswerType, number> = {
  person: 0,
  organisation: 0,
  place: 0,
  date: 0,
  number: TokenFlag.date,
  money: 0,
  duration: 0,
  percent: 0,
  reason: 0,
  manner: 0,
  any: 0,
};

/**
 * Words that state a cause or a manner, for "why" and "how did ..." questions: such an answer
 * is a clause, not a token kind, so the sentence's wording is looked at. Conjunctions and
 * prepositions of cause and means in English grammars (Quirk et al. 1985, 15.45-15.48).
 */
export const answerCues: Partial<Record<AnswerType, RegExp>> = {
  reason:
    /\b(because|since|due to|owing to|as a result|result of|in order to|so that|so as to|reasons?|caused?|led to|amid|in response|response to|to (?:counter|fight|combat|help|support|protect|defend|stop|prevent|avoid|ensure|keep|push|pressure)|after|following|aimed at|intended to|meant to|in an effort)\b/i,
  manner: /\b(by|through|via|using|with|without|under|in a|in an)\b/i,
};

const typePatterns: readonly [RegExp, AnswerType][] = [
  [/\b(what|which) (year|years|date|day|month|decade|century|time)\b|\bwhen\b|\bhow long ago\b/i, 'date'],
  [/\bhow (long|old)\b|\bfor how long\b/i, 'duration'],
  [
    /\bhow much (money|did|does|do|is|was|are|were|will)?\b.*\b(cost|spend|spent|pay|paid|worth|price|budget|fund|raised?|dollars?|money)\b|\bhow much money\b/i,
    'money',
  ],
  [/\b(what|which) (percentage|percent|proportion|share)\b|\bhow much of\b/i, 'percent'],
  [/\bhow (many|much)\b|\b(what|which) (number|amount)\b/i, 'number'],
  [/\bwho(m|se)?\b/i, 'person'],
  [
    /\b(what|which) (outlet|newspaper|paper|network|channel|agency|organi[sz]ation|company|firm|group|party|publication|magazine|website|site|broadcaster|team|club|university|school|band)s?\b/i,
    'organisation',
  ],
  [/\bwhere\b|\b(what|which) (country|city|state|place|region|town|province)\b/i, 'place'],
  [/\bwhy\b|\bwhat (caused|was the reason|is the reason)\b|\bhow come\b/i, 'reason'],
  [/\bhow (do|does|did|can|could|will|would|is|was|are|were|has|have|had|should)\b/i, 'manner'],
];

export function answerTypeOf(question: string): AnswerType {
  for (const [pattern, type] of typePatterns) if (pattern.test(question)) return type;
  return 'any';
}

export interface QuestionTerm {
  readonly term: string;
  /** The word as the question has it (lower case), to show a spelling correction against. */
  readonly word: string;
  /** How much the term counts, 0..1: 1, or less for a light verb (see lightWords). */
  readonly weight: number;
  /** A name (a person, a place, an organisation): another name is never a paraphrase of it. */
  readonly name: boolean;
  /** Position among the question's content terms, for phrase matches. */
  readonly position: number;
  /** An English word (false for a misspelling or an unusual name): only those get spelling correction. */
  readonly known: boolean;
  /** What "how many" counts ("how many US troops": troops): the answer is a number of it. */
  readonly counted: boolean;
}

/**
 * Words that carry no topic in a question ("what's the thing about ...", "right now", "wait so
 * ...", "tl;dr"). They are not stop words in a document, so wink keeps them; in a question
 * they only dilute.
 */
const questionFillers = new Set(
  (
    'whats whos wheres whens hows whys thing things stuff right like lot really actually exactly please pls plz anyone someone anybody somebody kind sort way ' +
    'wait hey guys lol btw tldr tl dr ok okay yeah yes hmm um uh gonna wanna again basically literally anyway'
  ).split(' '),
);

/**
 * Verbs that carry part of a question without naming its topic ("does Biden think ...", "what
 * did Kirby say", "what does Kadhimi want"): kept, since a sentence with the same verb is
 * likelier to state the answer, but at this weight, so that they never outweigh the topic.
 */
const lightWords = new Set(
  'think thought say said tell told know knew mean meant want wanted happen happened happening go going went get got make made'.split(
    ' ',
  ),
);
const lightWordWeight = 0.5;

/**
 * The words that negate a clause in English: `not` and `n't`, and the negative determiners,
 * pronouns and adverbs (Huddleston & Pullum, "The Cambridge Grammar of the English Language",
 * 2002, ch. 9). The apostrophe may be straight or curly, as articles write it.
 */
const negators = /\b(?:not|never|no|none|nobody|nothing|nowhere|neither|nor|cannot)\b|n['’]t\b/i;

/** Whether a text (a question, a sentence) says that something is not so. */
export function isNegated(text: string): boolean {
  return negators.test(text);
}

export interface AnalysedQuestion {
  readonly text: string;
  /** The question negates ("which troops did not leave"): an answer must say the same. */
  readonly negated: boolean;
  readonly terms: readonly QuestionTerm[];
  /** Stems of every word of the question, stop words included: synonym phrases are found in these. */
  readonly wordStems: readonly string[];
  readonly answerType: AnswerType;
  /** Every word as the question has it (lower case, and without thousands commas): what the asker already said. */
  readonly words: ReadonlySet<string>;
}

/**
 * Nouns that name the kind of answer right after "what"/"which" ("what year", "which
 * country"): the answer sentence holds a year, not the word "year", so they are not looked for.
 */
const answerTypeNouns = new Set(
  'year years date day month decade century time percentage percent proportion number amount country city state place region town province name'.split(
    ' ',
  ),
);

/** Words that may stand between "how many" and the noun it counts ("how many more US troops"). */
const countedNounModifiers = /^(ADJ|NOUN|PROPN|NUM)$/;

/**
 * General nouns (Halliday & Hasan, "Cohesion in English", 1976, 6.4): they name a whole class
 * ("people", "times"), so an article counts them under a narrower name ("20,000 visitors",
 * "sacked him seven times" for "how many times"), and any number may be their count.
 */
const generalNouns = new Set(
  'people person persons man men woman women child children thing things stuff place places time times matter matters'.split(
    ' ',
  ),
);

/**
 * The nouns "how many" counts: the noun phrase right after it ("how many American service
 * members" -> service, members), its common nouns, or its proper ones when it has none ("how
 * many Iraqis"). A number of something else ("2003", "500 miles") does not answer it. None when
 * the phrase is a general noun ("how many people"): then any number may be the count.
 */
function countedTokens(tokens: readonly AnalysedToken[]): Set<AnalysedToken> {
  const counted = new Set<AnalysedToken>();
  for (let i = 1; i < tokens.length; i += 1) {
    if (tokens[i]!.normal !== 'many' || tokens[i - 1]!.normal !== 'how') continue;
    const phrase: AnalysedToken[] = [];
    for (let j = i + 1; j < tokens.length; j += 1) {
      const token = tokens[j]!;
      if (token.normal === 'more' || token.normal === 'us') continue;
      if (!countedNounModifiers.test(token.pos)) break;
      phrase.push(token);
    }
    const nouns = phrase.filter((token) => token.pos === 'NOUN');
    if (nouns.some((token) => generalNouns.has(token.normal))) continue;
    for (const token of nouns.length > 0 ? nouns : phrase.filter((token) => token.pos === 'PROPN')) counted.add(token);
  }
  return counted;
}

export function analyseQuestion(question: string): AnalysedQuestion {
  const allTokens = analyse(question, { lexicon: true }).flatMap((sentence) => sentence.tokens);
  const counted = countedTokens(allTokens);
  const words = new Set(allTokens.flatMap((token) => [token.normal, token.normal.replace(/,/g, '')]));
  const tokens = allTokens.filter(
    (token, i, all) =>
      !questionFillers.has(token.normal) &&
      !(answerTypeNouns.has(token.normal) && /^(what|which)$/.test(all[i - 1]?.normal ?? '')),
  );
  const terms: QuestionTerm[] = [];
  visitTerms(tokens, 'question', (term, flags, known, token) => {
    // A stray letter ("tl;dr" splits into pieces) says nothing; a digit may ("World War 2").
    if (term.length < 2 && !/\d/.test(term)) return;
    const name = (flags & (TokenFlag.properNoun | TokenFlag.country)) !== 0;
    terms.push({
      term,
      word: token.normal,
      weight: lightWords.has(token.normal) ? lightWordWeight : 1,
      name,
      position: terms.length,
      known: known !== false,
      counted: counted.has(token),
    });
  });
  const wordStems = tokens.filter((token) => token.type === 'word').map(wordStemOf);
  return {
    text: question,
    negated: isNegated(question),
    terms,
    wordStems,
    answerType: answerTypeOf(question),
    words,
  };
}

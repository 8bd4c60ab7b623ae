/**
 * Tokens -> index terms. One function serves documents and questions, so both sides agree.
 *
 * - Words are lower-cased and Porter2-stemmed (wink's stemmer): "troops" -> "troop".
 * - Stop words are dropped, with care: "US", "U.S." and "USA" (upper case) are the country,
 *   not the pronoun "us", and become the term "us". In a question, where people type in lower
 *   case, "us" followed by a noun ("us troops") or after "the" is the country too.
 * - Irregular forms meet their base form before stemming: "withdrew" -> "withdraw".
 * - Numbers keep their digits and lose their separators: "2,500" and "2500" are one term.
 * - Hyphenated words give their parts as well: "anti-ISIS" -> "anti", "isis".
 */
import type { AnalysedToken } from '../nlp/analyse.ts';
import { maxCachedWords, stem } from '../nlp/wink.ts';
import { baseForm } from '../nlp/irregular.ts';
import { isPlaceName } from './places.ts';

/** Per-token facts the ranker uses for question types, packed into one byte. */
export const TokenFlag = {
  properNoun: 1,
  number: 2,
  date: 4,
  duration: 8,
  money: 16,
  percent: 32,
  ordinal: 64,
  /** A country or continent ("US", "Iraq"): an answer to "where", not to "who". */
  country: 128,
} as const;

export interface TermOccurrence {
  readonly term: string;
  readonly flags: number;
  /** The word is in wink's English lexicon (false for misspellings); null when not looked up. */
  readonly known: boolean | null;
  /** Part of speech of the token the term comes from. */
  readonly pos: AnalysedToken['pos'];
}

const countryForms = /^(u\.?s\.?a?\.?|usa)$/i;
const yearLike = /^(1[0-9]{3}|20[0-9]{2})s?$/;
const wordChars = /[\p{L}\p{N}]/u;
const possessive = /^[’']s?$/;

/** A cheap first test for countryForms: every form starts with "u" and has at most six characters. */
function mayBeCountry(value: string): boolean {
  const first = value.charCodeAt(0);
  return value.length <= 6 && (first === 117 || first === 85);
}

function flagsOf(token: AnalysedToken): number {
  let flags = 0;
  if (token.pos === 'PROPN') flags |= TokenFlag.properNoun;
  if (token.type === 'number' || token.pos === 'NUM' || token.entity === 'CARDINAL') flags |= TokenFlag.number;
  if (token.entity === 'DATE' || token.entity === 'TIME' || (token.type === 'number' && yearLike.test(token.value)))
    flags |= TokenFlag.date;
  if (token.entity === 'DURATION') flags |= TokenFlag.duration;
  if (token.entity === 'MONEY' || token.type === 'currency') flags |= TokenFlag.money;
  if (token.entity === 'PERCENT') flags |= TokenFlag.percent;
  if (token.entity === 'ORDINAL' || token.type === 'ordinal') flags |= TokenFlag.ordinal;
  return flags;
}

/** A token's flags as a place: the country or a continent answers "where", not "who". */
function asPlace(flags: number): number {
  return (flags & ~TokenFlag.properNoun) | TokenFlag.country;
}

/**
 * The stem of any word, stop words included, with "US", "U.S." and "USA" as "us": what
 * question words and synonym phrases are matched on.
 */
export function wordStemOf(token: AnalysedToken): string {
  return mayBeCountry(token.value) && countryForms.test(token.value) ? 'us' : stem(token.normal);
}

function normaliseNumber(value: string): string {
  return value.replace(/(?<=\d)[,\u00a0\u202f](?=\d{3})/g, '');
}

export function termsOf(tokens: readonly AnalysedToken[], role: 'document' | 'question'): TermOccurrence[] {
  const out: TermOccurrence[] = [];
  visitTerms(tokens, role, (term, flags, known, token) => out.push({ term, flags, known, pos: token.pos }));
  return out;
}

export type TermVisitor = (term: string, flags: number, known: boolean | null, token: AnalysedToken) => void;

/**
 * termsOf without an object per term: `visit` is called with each term in order. The index
 * builder uses it for the hundreds of thousands of terms of a corpus.
 */
export function visitTerms(tokens: readonly AnalysedToken[], role: 'document' | 'question', visit: TermVisitor): void {
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    // In a question, where people type in lower case, "us troops" or "the us" is the country.
    const bareUsIsCountry =
      role === 'question' &&
      isBareUs(token) &&
      ((/^(NOUN|PROPN|ADJ)$/.test(tokens[i + 1]?.pos ?? '') && tokens[i - 1]?.pos !== 'VERB') ||
        tokens[i - 1]?.normal === 'the');
    visitTokenTerms(token, bareUsIsCountry, visit);
  }
}

/**
 * The terms of one token of a document. No neighbour changes them (in a document a bare "us"
 * is always the pronoun), so the index may work them out once per distinct token.
 */
export function visitDocumentTokenTerms(token: AnalysedToken, visit: TermVisitor): void {
  visitTokenTerms(token, false, visit);
}

function isBareUs(token: AnalysedToken): boolean {
  return token.value === 'us' || token.value === 'Us';
}

function visitTokenTerms(token: AnalysedToken, bareUsIsCountry: boolean, visit: TermVisitor): void {
  if (
    token.type === 'punctuation' ||
    token.type === 'symbol' ||
    token.type === 'currency' ||
    token.type === 'emoji' ||
    token.type === 'emoticon'
  )
    return;
  const flags = flagsOf(token);
  if (mayBeCountry(token.value) && countryForms.test(token.value)) {
    if (!isBareUs(token) || bareUsIsCountry) visit('us', asPlace(flags), true, token);
    return;
  }
  if (token.stopWord) return;
  if (token.type === 'number' || token.type === 'ordinal') {
    visit(normaliseNumber(token.normal), flags, true, token);
    return;
  }
  const wordFlags = (flags & TokenFlag.properNoun) !== 0 && isPlaceName(token.normal) ? asPlace(flags) : flags;
  for (const term of wordTerms(token.normal))
    visit(term, term === 'us' ? asPlace(flags) : wordFlags, token.known, token);
}

/** A word's terms, cached: a corpus repeats its words, and stemming is the costly part. */
const wordTermCache = new Map<string, readonly string[]>();

/** The index terms of one lower-case word as a document has it ("troops" -> troop). */
export function wordTerms(normal: string): readonly string[] {
  const cached = wordTermCache.get(normal);
  if (cached !== undefined) return cached;
  // Every result is filled from this one empty array literal, so that all have the same
  // elements kind (V8 makes later arrays from a literal the kind earlier ones grew into): a
  // word without terms returning a bare [] made the loops over results compile again.
  const terms: string[] = [];
  // A possessive's clitic ("'s" of "Iraq's", a token of its own) carries no meaning.
  if (wordChars.test(normal) && !possessive.test(normal)) {
    const parts =
      normal.length > 3 && normal.includes('-')
        ? normal.split('-').filter((part) => part.length > 1 && wordChars.test(part))
        : [];
    if (parts.length > 0) for (const part of parts) terms.push(countryForms.test(part) ? 'us' : stem(baseForm(part)));
    else terms.push(stem(baseForm(normal.replace(/[’']s$/, ''))));
  }
  if (wordTermCache.size < maxCachedWords) wordTermCache.set(normal, terms);
  return terms;
}

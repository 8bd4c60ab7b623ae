/**
 * Porter2 ("English snowball") stemmer, written to give exactly the output of the stemmer that
 * ships inside wink-eng-lite-web-model (`model.addons.stem`, dist/porter-stemmer.js), which the
 * index was built with, at a fraction of its cost: that one runs dozens of regular
 * expressions per word and indexing stems every first-seen word of a corpus.
 *
 * Identical output is the point, so the model's quirks are kept on purpose, each marked
 * "Quirk" below. The algorithm itself: https://snowballstem.org/algorithms/english/stemmer.html
 *
 * Like the model's, it works on UTF-16 code units, and its vowels are the ASCII a e i o u y:
 * an accented or non-Latin letter counts as a consonant. A 'y' that acts as a consonant is
 * marked with the character '3' while stemming and turned back into 'y' at the end.
 */

// Character codes of the letters the rules name.
const a = 97,
  b = 98,
  c = 99,
  d = 100,
  e = 101,
  f = 102,
  g = 103,
  i = 105,
  l = 108,
  m = 109,
  n = 110,
  o = 111;
const p = 112,
  r = 114,
  s = 115,
  t = 116,
  u = 117,
  w = 119,
  x = 120,
  y = 121;
const yMark = 51; // '3'
const apostrophe = 39,
  rightQuote = 0x2019;

/** The vowels of the regions, short syllables and step 1: a e i o u and an unmarked y. */
function isVowel(code: number): boolean {
  return code === a || code === e || code === i || code === o || code === u || code === y;
}

/**
 * The model's regular expressions use `.`, which matches anything but a line terminator, so a
 * word with a line break inside (never a token, but the contract is "any string") stems as
 * if the break cut it. These checks stand where the model has a `.`.
 */
function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

function matchesDot(word: string, at: number): boolean {
  return at >= 0 && at < word.length && !isLineTerminator(word.charCodeAt(at));
}

/**
 * Whole words the algorithm would get wrong, from the Porter2 definition. Quirk: the model's
 * list lacks "howe", which therefore stems to "how".
 */
const exceptionalForms = new Map<string, string>([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ['sky', 'sky'],
  ['news', 'news'],
  ['atlas', 'atlas'],
  ['cosmos', 'cosmos'],
  ['bias', 'bias'],
  ['andes', 'andes'],
]);

/** Words left as they are once step 1a has removed a plural 's'. */
const invariantAfterStep1a = new Set([
  'inning',
  'outing',
  'canning',
  'herring',
  'proceed',
  'exceed',
  'succeed',
  'earring',
]);

// ---------------------------------------------------------------------------------------------
// Regions. R1 is what follows the first non-vowel that follows a vowel; R2 is the same taken
// again inside R1. Quirk: the model recomputes them from the current word at every step
// rather than once from the original word, and so do we.

/** R1 and R2 as [start, end) offsets into the word; a region is empty when start >= end. */
interface Regions {
  readonly r1Start: number;
  readonly r1End: number;
  readonly r2Start: number;
  readonly r2End: number;
}

const noRegions: Regions = { r1Start: 0, r1End: 0, r2Start: 0, r2End: 0 };

/**
 * Where the region after the first vowel-then-non-vowel inside word[from, to) starts, as the
 * model's /[aeiouy]+([^aeiouy]{1}.+)/ finds it, or -1: at least one character that is not a
 * line terminator (the `.`) must follow the non-vowel.
 */
function regionStart(word: string, from: number, to: number): number {
  let at = from;
  while (at < to) {
    if (!isVowel(word.charCodeAt(at))) {
      at += 1;
      continue;
    }
    let runEnd = at + 1;
    while (runEnd < to && isVowel(word.charCodeAt(runEnd))) runEnd += 1;
    // word[runEnd] is the non-vowel; the region starts after it.
    const start = runEnd + 1;
    if (start < to && !isLineTerminator(word.charCodeAt(start))) return start;
    at = start;
  }
  return -1;
}

/** Where a region that starts at `start` ends: the `.+` stops at a line terminator. */
function regionEnd(word: string, start: number, to: number): number {
  let end = start + 1;
  while (end < to && !isLineTerminator(word.charCodeAt(end))) end += 1;
  return end;
}

/** Porter2 lets R1 start right after these, where the vowel rule would start it too late. */
function prefixEndingR1(word: string): number {
  switch (word.charCodeAt(0)) {
    case g:
      return word.startsWith('gener') ? 5 : 0;
    case c:
      return word.startsWith('commun') ? 6 : 0;
    case a:
      return word.startsWith('arsen') ? 5 : 0;
    default:
      return 0;
  }
}

function regionsOf(word: string): Regions {
  const length = word.length;
  let r1Start = regionStart(word, 0, length);
  if (r1Start === -1) return noRegions;
  let r1End = regionEnd(word, r1Start, length);
  // Quirk: the prefix rule applies only when the vowel rule found an R1 at all (always the
  // case for these prefixes), and then R1 runs to the end of the word, line breaks included.
  const prefixEnd = prefixEndingR1(word);
  if (prefixEnd > 0) {
    r1Start = prefixEnd;
    r1End = length;
  }
  const r2Start = regionStart(word, r1Start, r1End);
  if (r2Start === -1) return { r1Start, r1End, r2Start: 0, r2End: 0 };
  return { r1Start, r1End, r2Start, r2End: regionEnd(word, r2Start, r1End) };
}

/**
 * Quirk: the model asks whether a suffix occurs anywhere in a region, not whether it ends it.
 * For ordinary words the region runs to the end of the word, so the two agree.
 */
function regionContains(word: string, start: number, end: number, text: string): boolean {
  if (end - start < text.length) return false;
  const found = word.indexOf(text, start);
  return found !== -1 && found + text.length <= end;
}

function regionEndsWith(word: string, start: number, end: number, text: string): boolean {
  return end - start >= text.length && word.startsWith(text, end - text.length);
}

// ---------------------------------------------------------------------------------------------
// Suffix tables. Every suffix ends in a lower-case ASCII letter; a table keeps, for each such
// letter, the suffixes that end with it, so a lookup checks a handful of them, not the list.

type ByLastLetter<T> = readonly (readonly T[] | undefined)[];

function byLastLetter<T>(items: readonly T[], suffixOf: (item: T) => string): ByLastLetter<T> {
  const table: T[][] = [];
  for (const item of items) {
    const suffix = suffixOf(item);
    (table[suffix.charCodeAt(suffix.length - 1) - a] ??= []).push(item);
  }
  return table;
}

/** The entries for the word's last letter: none when it is not a lower-case ASCII letter. */
function entriesFor<T>(table: ByLastLetter<T>, word: string): readonly T[] | undefined {
  const letter = word.charCodeAt(word.length - 1) - a;
  return letter >= 0 && letter < 26 ? table[letter] : undefined;
}

/** Suffixes sorted longest first, so that the first that ends a word is its longest. */
function suffixTable(suffixes: readonly string[]): ByLastLetter<string> {
  return byLastLetter(
    [...suffixes].sort((left, right) => right.length - left.length),
    (suffix) => suffix,
  );
}

/** The longest of the table's suffixes that ends the word, as the model's `$`-anchored alternations find it. */
function longestSuffix(word: string, table: ByLastLetter<string>): string | undefined {
  const candidates = entriesFor(table, word);
  if (candidates) {
    // Indexed loops here and below: for-of allocates an iterator, which costs before the JIT has compiled it away.
    for (let k = 0; k < candidates.length; k += 1) if (word.endsWith(candidates[k]!)) return candidates[k];
  }
  return undefined;
}

interface Replacement {
  readonly suffix: string;
  readonly by: string;
}

/** Replacements kept in the model's order: the first whose suffix ends the word applies. */
function replacementTable(pairs: readonly (readonly [string, string])[]): ByLastLetter<Replacement> {
  return byLastLetter(
    pairs.map(([suffix, by]) => ({ suffix, by })),
    (replacement) => replacement.suffix,
  );
}

function replaceSuffix(word: string, table: ByLastLetter<Replacement>): string | undefined {
  const candidates = entriesFor(table, word);
  if (candidates) {
    for (let k = 0; k < candidates.length; k += 1) {
      const { suffix, by } = candidates[k]!;
      if (word.endsWith(suffix)) return word.slice(0, word.length - suffix.length) + by;
    }
  }
  return undefined;
}

const step2Suffixes = suffixTable([
  'ization',
  'ational',
  'fulness',
  'ousness',
  'iveness',
  'tional',
  'biliti',
  'lessli',
  'entli',
  'ation',
  'alism',
  'aliti',
  'ousli',
  'iviti',
  'fulli',
  'enci',
  'anci',
  'abli',
  'izer',
  'ator',
  'alli',
  'bli',
  'ogi',
  'li',
]);

const step2Replacements = replacementTable([
  ['ational', 'ate'],
  ['ization', 'ize'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['iviti', 'ive'],
  ['ousli', 'ous'],
  ['ation', 'ate'],
  ['entli', 'ent'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['fulli', 'ful'],
  ['alli', 'al'],
  ['ator', 'ate'],
  ['izer', 'ize'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['bli', 'ble'],
  // "ogi" is replaced only after an l, "li" only after a valid li-ending letter.
  ['logi', 'log'],
  ...[...'cdeghkmnrt'].map((letter) => [`${letter}li`, letter] as const),
]);

const step3Suffixes = suffixTable(['ational', 'tional', 'alize', 'icate', 'iciti', 'ative', 'ical', 'ness', 'ful']);

const step3Replacements = replacementTable([
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
]);

const step4Suffixes = suffixTable([
  'ement',
  'ance',
  'ence',
  'able',
  'ible',
  'ment',
  'ant',
  'ent',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
  'ion',
  'al',
  'er',
  'ic',
]);

// ---------------------------------------------------------------------------------------------
// The steps, in the order the model runs them.

/**
 * Marks consonant y's as '3' and drops a possessive ending.
 * Quirks: only the first y after a vowel is marked ("boyoy" keeps its last y a vowel), the
 * vowels here leave out y, and a plural possessive loses its s as well ("dogs'" -> "dog").
 */
function prelude(word: string): string {
  if (word.charCodeAt(0) === y) word = `3${word.slice(1)}`;
  for (let at = word.indexOf('y', 1); at !== -1; at = word.indexOf('y', at + 1)) {
    const before = word.charCodeAt(at - 1);
    if (before === a || before === e || before === i || before === o || before === u) {
      word = `${word.slice(0, at)}3${word.slice(at + 1)}`;
      break;
    }
  }
  const last = word.charCodeAt(word.length - 1);
  if (last !== s && !isApostrophe(last)) return word;
  // In turn, as the model does: "'s" goes, then "s'", then a final apostrophe.
  if (last === s && isApostrophe(word.charCodeAt(word.length - 2))) word = word.slice(0, -2);
  if (isApostrophe(word.charCodeAt(word.length - 1)) && word.charCodeAt(word.length - 2) === s)
    word = word.slice(0, -2);
  if (isApostrophe(word.charCodeAt(word.length - 1))) word = word.slice(0, -1);
  return word;
}

/** The typewriter apostrophe and the typographic one (U+2019), which news text uses too. */
function isApostrophe(code: number): boolean {
  return code === apostrophe || code === rightQuote;
}

/** Plurals: sses -> ss, ied/ies -> i or ie, and a final s after a syllable goes. */
function step1a(word: string): string {
  const length = word.length;
  const last = word.charCodeAt(length - 1);
  if (last !== s && last !== d) return word;
  if (word.endsWith('ied') || word.endsWith('ies')) {
    if (matchesDot(word, length - 4) && matchesDot(word, length - 5)) return `${word.slice(0, -3)}i`;
    if (matchesDot(word, length - 4)) return `${word.slice(0, -3)}ie`;
  }
  if (last !== s) return word;
  if (word.endsWith('sses') && matchesDot(word, length - 5)) return `${word.slice(0, -4)}ss`;
  const before = word.charCodeAt(length - 2);
  if ((before === u || before === s) && matchesDot(word, length - 3)) return word;
  if (matchesDot(word, length - 2) && hasVowelBeforeLast(word, length - 1)) return word.slice(0, -1);
  return word;
}

/**
 * The model's /[aeiuouy](.+)$/ on word[0, end): a vowel that is not the last character, with
 * no line break after it.
 */
function hasVowelBeforeLast(word: string, end: number): boolean {
  for (let at = end - 1; at >= 0; at -= 1) {
    const code = word.charCodeAt(at);
    if (isLineTerminator(code)) return false;
    if (at < end - 1 && isVowel(code)) return true;
  }
  return false;
}

/** A vowel in word[0, end) with no line break between it and `end` (the model's [aeiouy].*). */
function hasVowelBefore(word: string, end: number): boolean {
  for (let at = end - 1; at >= 0; at -= 1) {
    const code = word.charCodeAt(at);
    if (isVowel(code)) return true;
    if (isLineTerminator(code)) return false;
  }
  return false;
}

/** The length of the -ed, -edly, -ing or -ingly ending step 1b removes, or 0. */
function inflectionLength(word: string): number {
  switch (word.charCodeAt(word.length - 1)) {
    case d:
      return word.endsWith('ed') ? 2 : 0;
    case g:
      return word.endsWith('ing') ? 3 : 0;
    case y:
      return word.endsWith('edly') ? 4 : word.endsWith('ingly') ? 5 : 0;
    default:
      return 0;
  }
}

/** The doubled consonants that lose a letter once -ed or -ing has gone ("hopping" -> "hop"). */
function endsWithDouble(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  if (last !== word.charCodeAt(word.length - 2)) return false;
  return (
    last === b ||
    last === d ||
    last === f ||
    last === g ||
    last === m ||
    last === n ||
    last === p ||
    last === r ||
    last === t
  );
}

/** -ed, -edly, -ing, -ingly (after a vowel) go; eed/eedly in R1 -> ee. */
function step1b(word: string): string {
  const eedLength = word.endsWith('eed') ? 3 : word.endsWith('eedly') ? 5 : 0;
  if (eedLength > 0) {
    const { r1Start, r1End } = regionsOf(word);
    const inR1 = regionEndsWith(word, r1Start, r1End, 'eed') || regionEndsWith(word, r1Start, r1End, 'eedly');
    return inR1 ? `${word.slice(0, -eedLength)}ee` : word;
  }
  const suffixLength = inflectionLength(word);
  if (suffixLength === 0 || !hasVowelBefore(word, word.length - suffixLength)) return word;

  const stem = word.slice(0, -suffixLength);
  // at, bl, iz -> ate, ble, ize; a doubled consonant is undoubled; a short word gets its e back.
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  if (endsWithDouble(stem)) return stem.slice(0, -1);
  if (isShort(stem)) {
    const { r1Start, r1End } = regionsOf(stem);
    if (r1Start >= r1End) return `${stem}e`;
  }
  return stem;
}

/**
 * Ends in a short syllable (non-vowel, vowel, non-vowel other than w, x or a consonant y), or
 * is a vowel alone or followed by one non-vowel. The caller adds Porter2's "R1 is empty".
 */
function isShort(word: string): boolean {
  const length = word.length;
  if (length >= 3) {
    const last = word.charCodeAt(length - 1);
    if (
      !isVowel(word.charCodeAt(length - 3)) &&
      isVowel(word.charCodeAt(length - 2)) &&
      !isVowel(last) &&
      last !== w &&
      last !== x &&
      last !== yMark
    )
      return true;
  }
  if (length === 1) return isVowel(word.charCodeAt(0));
  if (length === 2) return isVowel(word.charCodeAt(0)) && !isVowel(word.charCodeAt(1));
  return false;
}

/**
 * A final y after a non-vowel becomes i ("cry" -> "cri"). Quirk: the marker '3' counts as a
 * y here, and so does a digit 3 the word had ("2013" -> "201i").
 */
function step1c(word: string): string {
  const length = word.length;
  const last = word.charCodeAt(length - 1);
  if ((last === y || last === yMark) && !isVowel(word.charCodeAt(length - 2)) && matchesDot(word, length - 3)) {
    return `${word.slice(0, -1)}i`;
  }
  return word;
}

/** Derivational suffixes in R1 -> a shorter form ("ational" -> "ate", "fulness" -> "ful"). */
function step2(word: string): string {
  const suffix = longestSuffix(word, step2Suffixes);
  if (suffix === undefined) return word;
  const { r1Start, r1End } = regionsOf(word);
  if (!regionContains(word, r1Start, r1End, suffix)) return word;
  return replaceSuffix(word, step2Replacements) ?? word;
}

/** More derivational suffixes in R1; "ative" goes only in R2. */
function step3(word: string): string {
  const suffix = longestSuffix(word, step3Suffixes);
  if (suffix === undefined) return word;
  const regions = regionsOf(word);
  if (!regionContains(word, regions.r1Start, regions.r1End, suffix)) return word;
  const replaced = replaceSuffix(word, step3Replacements);
  if (replaced !== undefined) return replaced;
  // Only "ative" is left without a replacement above.
  return regionContains(word, regions.r2Start, regions.r2End, 'ative') ? word.slice(0, -5) : word;
}

/** Suffixes in R2 go; "ion" only after s or t. */
function step4(word: string): string {
  const suffix = longestSuffix(word, step4Suffixes);
  if (suffix === undefined) return word;
  const { r2Start, r2End } = regionsOf(word);
  if (!regionContains(word, r2Start, r2End, suffix)) return word;
  if (suffix !== 'ion') return word.slice(0, -suffix.length);
  const before = word.charCodeAt(word.length - 4);
  return before === s || before === t ? word.slice(0, -3) : word;
}

/** A final e in R2, or in R1 after a syllable that is not short, goes; ll in R2 -> l. */
function step5(word: string): string {
  const last = word.charCodeAt(word.length - 1);
  if (last === e) {
    const regions = regionsOf(word);
    const withoutE = word.slice(0, -1);
    if (regionContains(word, regions.r2Start, regions.r2End, 'e')) return withoutE;
    return regionContains(word, regions.r1Start, regions.r1End, 'e') && !isShort(withoutE) ? withoutE : word;
  }
  if (last === l && word.charCodeAt(word.length - 2) === l) {
    const { r2Start, r2End } = regionsOf(word);
    if (regionEndsWith(word, r2Start, r2End, 'l')) return word.slice(0, -1);
  }
  return word;
}

/** The Porter2 stem of a word, lower-cased, exactly as wink-eng-lite-web-model's stemmer gives it. */
export function porter2(word: string): string {
  let stemmed = word.toLowerCase();
  if (stemmed.length < 3) return stemmed;
  const exceptional = exceptionalForms.get(stemmed);
  if (exceptional !== undefined) return exceptional;

  stemmed = step1a(prelude(stemmed));
  if (!invariantAfterStep1a.has(stemmed)) {
    stemmed = step5(step4(step3(step2(step1c(step1b(stemmed))))));
  }
  return stemmed.includes('3') ? stemmed.replaceAll('3', 'y') : stemmed;
}

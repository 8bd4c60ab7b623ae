/**
 * Whether a number in a sentence counts the thing a "how many" question asks about: the rule
 * the ranker (over a sentence's words) and the answer highlights (over a quote's tokens) share.
 * A number counts the first content words after it, up to countedNounReach of them: "2,500
 * U.S. troops", "500 more American soldiers", "seven times", "2.5 million rounds". A noun after
 * another number is that number's ("12 aircraft and 2,000 troops"); "one of" picks one of a
 * set and counts nothing; a clause break (; : ! ?) ends the reach.
 *
 * Counts are also spelt in words, as news style writes small numbers (AP and most newsroom
 * guides: one to nine); wink takes number words for stop words, so they are read here. The
 * ranker reads figures over a sentence's index terms instead (spelt as the index spells them,
 * a year told by its flags), where the reach is counted alike but a clause break, not being a
 * term, does not end it.
 */

/** How many content words after a number the noun it counts may come. */
export const countedNounReach = 3;

/** What a word is to the rule. */
export type CountWordKind =
  /** A number in figures or words ("2,500", "seven"). */
  | 'number'
  /** A word that multiplies the number before it: "2.5 million troops" is one number. */
  | 'multiplier'
  /** A word that may be what is counted. */
  | 'content'
  /** A stop word or punctuation inside a clause: it takes no room ("2,000 of the troops"). */
  | 'other'
  /** The end of a clause. */
  | 'break';

export interface CountWord {
  /** Lower case, as written. */
  readonly normal: string;
  readonly kind: CountWordKind;
}

const cardinalWords = new Set(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety'.split(
    ' ',
  ),
);
const multiplierWord = /^(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?)$/;
const clauseBreak = /^[;:!?]$/;

/** The kind of a word that is not a content word of the sentence: a number, a multiplier, a break, or other. */
export function formKind(normal: string): Exclude<CountWordKind, 'content'> | undefined {
  if (/^\d/.test(normal) || cardinalWords.has(normal)) return 'number';
  if (multiplierWord.test(normal)) return 'multiplier';
  if (clauseBreak.test(normal)) return 'break';
  return undefined;
}

/**
 * Whether words[at], a number, counts a word `isCounted` accepts; when the question counts
 * nothing in particular ("how many people", "how many times": isCounted undefined), whether
 * it is a count at all.
 */
export function countsAt(
  words: readonly CountWord[],
  at: number,
  isCounted: ((normal: string) => boolean) | undefined,
): boolean {
  if (words[at]!.normal === 'one' && words[at + 1]?.normal === 'of') return false;
  if (isCounted === undefined) return true;
  let reached = 0;
  for (let i = at + 1; i < words.length && reached < countedNounReach; i += 1) {
    const { normal, kind } = words[i]!;
    if (kind === 'break' || kind === 'number') return false;
    if (kind !== 'content') continue;
    if (isCounted(normal)) return true;
    reached += 1;
  }
  return false;
}

/** A number spelt in words, where a sentence's text is read for counts. */
const spelledNumber = new RegExp(
  `\\b(?:${[...cardinalWords].join('|')}|hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\\b`,
  'g',
);

/** The next word after a position (figures, letters, or a clause break), past spaces and other punctuation. */
const nextWord = /[^\p{L}\p{M}\d;:!?]*(\d[\d,.]*\d|\d|[\p{L}\p{M}'’-]+|[;:!?])/uy;

/** Words read after a number: enough for countedNounReach content words among stop words. */
const wordsReadAfterANumber = 4 * countedNounReach;

/** How a sentence's text is read for counts spelt in words (hasSpelledCountIn). */
export interface CountReading {
  /** A content word, not a stop word (for the ranker: the word has an index term). */
  readonly isContent: (normal: string) => boolean;
  /** The words the question counts; undefined when it counts nothing in particular. */
  readonly isCounted: ((normal: string) => boolean) | undefined;
  /** Numbers the question says itself ("were there three ...?"): they do not answer it. */
  readonly asked: ReadonlySet<string>;
}

/**
 * Whether a number spelt in words in the text ("seven", "hundreds") counts what the question
 * counts (see countsAt). Only the words after each number word are read, so a sentence
 * without one costs one scan. The words are read as written: a word the index spells
 * otherwise (wink reads "litres" as "liters") is not recognised after a number word.
 */
export function hasSpelledCountIn(text: string, reading: CountReading): boolean {
  const lower = text.toLowerCase();
  for (const match of lower.matchAll(spelledNumber)) {
    const normal = match[0];
    if (reading.asked.has(normal)) continue;
    const words: CountWord[] = [{ normal, kind: formKind(normal)! }];
    nextWord.lastIndex = match.index + normal.length;
    for (let read = 0; read < wordsReadAfterANumber; read += 1) {
      const next = nextWord.exec(lower);
      if (next === null) break;
      const word = next[1]!;
      words.push({ normal: word, kind: formKind(word) ?? (reading.isContent(word) ? 'content' : 'other') });
    }
    if (countsAt(words, 0, reading.isCounted)) return true;
  }
  return false;
}

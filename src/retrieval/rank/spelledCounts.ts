/**
 * Counts spelt in words ("seven times", "four teams", "a dozen planes"): news style writes
 * small numbers out (AP and most newsroom guides: one to nine), and wink takes number words
 * for stop words, so they are not index terms and carry no number flag. A "how many"
 * question's answer is often one of them, so the sentence's text is read for them.
 */
import { wordTerms } from '../../index/terms.ts';

/** Cardinal number words and the round ones that count ("hundreds of troops"). */
const numberWords =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen ' +
  'twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens';

/** A number word and the words after it, as far as countedNounReach reaches (see below). */
const spelledCount = new RegExp(
  `\\b(?:${numberWords.split(' ').join('|')})\\b((?:[^\\p{L}\\p{N}.;:!?]+[\\p{L}'’-]+){1,4})`,
  'giu',
);

/** A word, for the words after a number word. */
const word = /[\p{L}'’-]+/gu;

/**
 * Whether the text has a number word followed, within `reach` words, by a word one of whose
 * terms `isCounted` accepts ("sacked him seven times" for "times").
 */
export function hasSpelledCountOf(text: string, reach: number, isCounted: (term: string) => boolean): boolean {
  for (const match of text.matchAll(spelledCount)) {
    const following = match[1]!.toLowerCase().match(word) ?? [];
    for (const next of following.slice(0, reach)) if (wordTerms(next).some(isCounted)) return true;
  }
  return false;
}

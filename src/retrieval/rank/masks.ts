/**
 * Question words as bits. Each distinct question word gets one bit, and a sentence's, a
 * paragraph's or an article's matches are a mask of them, so "which of the question's words
 * are here" is one integer and combining places is a bitwise or.
 */

/**
 * The most question words that get a bit. JavaScript's bitwise operators work on 32-bit
 * signed integers; 30 keeps `1 << bit` and `(1 << count) - 1` positive. Words past the 30th
 * of a question are not ranked on (a question is at most 300 characters, so rarely has
 * more).
 */
export const maxQuestionBits = 30;

/** The bit number of the lowest set bit of a mask (`bits & -bits` isolates it). */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** The idf mass of the question words in `mask`. */
export function maskIdf(mask: number, bitIdf: Float64Array): number {
  let sum = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) sum += bitIdf[lowestBit(bits)]!;
  return sum;
}

/** The idf mass of the weightiest question word in `mask`. */
export function maxBitIdf(mask: number, bitIdf: Float64Array): number {
  let best = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) best = Math.max(best, bitIdf[lowestBit(bits)]!);
  return best;
}

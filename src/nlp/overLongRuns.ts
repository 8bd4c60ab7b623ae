/**
 * Over-long runs of characters without a space (a URL, a hash, junk) are kept from wink, which
 * would take too long over them, yet stay in the text, so that sentences are still cut
 * verbatim: blanked out before reading, then put back in a sentence after.
 */

/**
 * The longest run of characters without a space that wink is given, in UTF-16 code units.
 * wink's tokeniser works through a run by matching its patterns against the rest of the run
 * again and again, so its time grows with the square of the run's length: a 40,000-character
 * word took 1.6 s, and one in an article or a question held everything else up. Words are far
 * shorter (English words rarely pass 30 letters); what is longer is a URL, a hash or junk, and
 * is not worth indexing.
 */
export const maxTokenLength = 64;

/** Runs longer than maxTokenLength between wink's own separators (its model's `splitter`). */
const overLongRun = new RegExp(
  `[^ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f\\n\\r\\t]{${maxTokenLength + 1},}`,
  'g',
);

/**
 * The text wink reads: each over-long run replaced by as many spaces, so that every offset in
 * it is the same offset in the text. `runs` receives each run's [start, end).
 */
export function withoutOverLongRuns(text: string, runs: [number, number][]): string {
  overLongRun.lastIndex = 0;
  if (!overLongRun.test(text)) return text;
  return text.replace(overLongRun, (run: string, at: number) => {
    runs.push([at, at + run.length]);
    return ' '.repeat(run.length);
  });
}

/** A sentence as character offsets into the text, with its tokens. */
export interface SentenceSpan<Token> {
  start: number;
  end: number;
  readonly tokens: readonly Token[];
}

const sentenceEnd = /[.!?…]["'”’)\]]*$/u;

/**
 * Puts each left-out run back in a sentence, so that no text goes missing from the quotes and
 * a sentence still reads from its first character to its last: a run inside a sentence is part
 * of it already; one after a sentence that has not ended continues it; one after a sentence
 * that has ended opens the next (or is a sentence of its own, without tokens, at the end).
 */
export function coverRuns<Token>(
  text: string,
  sentences: SentenceSpan<Token>[],
  runs: readonly [number, number][],
): void {
  let k = 0;
  for (const [start, end] of runs) {
    while (k < sentences.length && sentences[k]!.end <= start) k += 1;
    const next = sentences[k];
    if (next !== undefined && next.start <= start) continue;
    const previous = k > 0 ? sentences[k - 1] : undefined;
    if (previous !== undefined && !sentenceEnd.test(text.slice(Math.max(0, previous.end - 4), previous.end)))
      previous.end = end;
    else if (next !== undefined) next.start = start;
    else sentences.push({ start, end, tokens: [] });
  }
}

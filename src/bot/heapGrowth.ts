/**
 * How far the bot's JavaScript heap may grow past what is live before V8 collects it whole.
 *
 * Left to itself, V8 lets the heap grow to two to four times what is live between full
 * collections when collecting looks cheap, and how far varies from run to run. The bot keeps
 * a steady set alive (the language model, the shared index, the lexicon) and makes garbage of
 * one kind over and over (each server's small index loaded, held a while, then dropped), so its
 * peak is mostly garbage not yet collected. At `npm run bench:servers -- --full` (about 110 MB
 * live), V8 alone peaked at 534 to 761 MB of resident memory over three runs; a growth of 30%
 * at 361 to 366 MB over four (50%: 381 MB), for about 36 full collections in the bench's 20,000
 * questions where V8 made 6, about a third of a second of collecting in all. Its p95 stayed
 * within the runs' noise (5.2 to 6.5 ms with 30%, 5.9 to 6.1 without). At the default size,
 * where it saves no memory (about 310 MB either way), two runs each gave a p95 of 5.0 and 5.1
 * ms with it and 4.2 and 4.7 without: HEAP_GROWTH_PERCENT=0 is there for such a bot. Unlike a
 * heap cap (--max-old-space-size) it is no limit: a larger shared library grows the heap as far
 * as it needs, only collected sooner.
 *
 * V8 reads the growth factor each time it sizes the heap after a collection, so setting the
 * flag once the process is running takes effect from the next collection on
 * (tests/bot/heapGrowth.test.ts counts the full collections it makes).
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag for a growth of `percent`, or null for V8's own growth (0). */
export function heapGrowthFlag(percent: number): string | null {
  if (!Number.isSafeInteger(percent) || percent < 0)
    throw new RangeError(`heap growth ${percent}% is not a whole percentage`);
  return percent === 0 ? null : `--heap-growing-percent=${percent}`;
}

/** Sets the process's heap growth (every thread of it: V8 flags are per process). */
export function applyHeapGrowth(percent: number): void {
  const flag = heapGrowthFlag(percent);
  if (flag) setFlagsFromString(flag);
}

/**
 * How far the bot's JavaScript heap may grow past what is live before V8 collects it whole.
 *
 * Left to itself, V8 lets the heap grow to two to four times what is live between full
 * collections when collecting looks cheap, and how far varies from run to run. The bot keeps
 * a steady set alive (the language model, the shared index, the lexicon) and makes garbage of
 * one kind over and over (each server's small index loaded, held a while, then dropped), so its
 * peak is mostly garbage not yet collected: at `npm run bench:servers -- --full` 530 to 760 MB
 * of resident memory for about 110 MB of live heap. A growth of 30% kept it at 366 MB (50%: 381
 * MB) for more full collections (about 36 in that bench's 20,000 questions where V8 alone made
 * 6: about a third of a second of collecting in all), with answer times within the runs' noise
 * (p95 5.6 to 6.5 ms either way). Unlike a heap cap (--max-old-space-size) it is no limit: a
 * larger shared library grows the heap as far as it needs, only collected sooner.
 *
 * V8 reads the growth factor each time it sizes the heap after a collection, so setting the
 * flag once the process is running takes effect from the next collection on (the bench checks
 * the resident memory it gives).
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

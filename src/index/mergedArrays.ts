/**
 * The per-sentence and per-term typed arrays of an index with a server's sentences appended to
 * the shared one (append.ts): where each sentence's terms start, its article, paragraph, whether
 * it may be quoted and its near-duplicate group; each term's document frequency. All but the
 * server's part is the shared index's (its sentences keep their values, and a term's frequency
 * is the shared one plus the server's), so one set is kept for every merged index over one
 * shared index, and the server's part is written in when a merged index is read after another
 * one was: some thousands of numbers, microseconds, where a set per merged index would be about
 * a quarter of a megabyte over SQuAD dev, allocated on every load and kept with every engine.
 *
 * So the arrays handed out hold this merged index's values until another merged index over the
 * same shared index is read. What reads them (ranking a question, grouping a server's
 * sentences, looking a sentence up) runs start to finish without yielding, and asks its index
 * for them again each time (the merged index's getters): an array kept across a yield, or
 * across reading another merged index, may hold the other's values.
 */
import type { SentenceIndex } from './sentenceIndex.ts';

/** What a merged index holds of its own to write its part in. */
export interface MergedPart {
  readonly base: SentenceIndex;
  /** The server's own index. */
  readonly extra: SentenceIndex;
  /** Server term id -> merged term id. */
  readonly termMap: Uint32Array;
  readonly termCount: number;
  /** Article and paragraph numbers of the server's sentences count on from these. */
  readonly firstArticle: number;
  readonly firstParagraph: number;
  /** The server's sentences' near-duplicate groups, once worked out. */
  groups: Uint32Array | undefined;
}

export interface MergedArrays {
  readonly sentenceTermStart: Uint32Array;
  readonly sentenceArticle: Uint32Array;
  readonly sentenceParagraph: Uint32Array;
  readonly sentenceQuotable: Uint8Array;
  readonly sentenceGroup: Uint32Array;
  readonly documentFrequency: Uint32Array;
}

/** One set of arrays over one shared index, with room for the largest server's part seen. */
class SharedSet {
  /** The arrays at their full room, the shared index's values at the front. */
  readonly arrays: MergedArrays;
  /** The part written in now, and views of the arrays at its length. */
  owner: MergedPart | undefined;
  views: MergedArrays | undefined;

  constructor(
    base: SentenceIndex,
    readonly sentenceRoom: number,
    readonly termRoom: number,
  ) {
    const withBase = <T extends Uint32Array | Uint8Array>(room: T, values: T): T => (room.set(values), room);
    this.arrays = {
      sentenceTermStart: withBase(new Uint32Array(sentenceRoom + 1), base.sentenceTermStart),
      sentenceArticle: withBase(new Uint32Array(sentenceRoom), base.sentenceArticle),
      sentenceParagraph: withBase(new Uint32Array(sentenceRoom), base.sentenceParagraph),
      sentenceQuotable: withBase(new Uint8Array(sentenceRoom), base.sentenceQuotable),
      sentenceGroup: withBase(new Uint32Array(sentenceRoom), base.sentenceGroup),
      documentFrequency: withBase(new Uint32Array(termRoom), base.documentFrequency),
    };
  }
}

/** The set over each shared index (two while a reload replaces it), dropped with its shared index. */
const sets = new WeakMap<SentenceIndex, SharedSet>();

/** The merged index's arrays: its part written into the shared set unless it is there already. */
export function mergedArrays(part: MergedPart): MergedArrays {
  let current = sets.get(part.base);
  if (current?.owner === part) return current.views!;
  const { base, extra } = part;
  const baseSentences = base.sentenceArticle.length;
  const sentenceCount = baseSentences + extra.sentenceArticle.length;
  if (current === undefined || current.sentenceRoom < sentenceCount || current.termRoom < part.termCount) {
    // Room for a few servers' parts more than this one, so that the next larger one rarely makes a set again.
    const roomFor = (count: number, own: number) => count + own * 2;
    current = new SharedSet(
      base,
      roomFor(sentenceCount, extra.sentenceArticle.length),
      roomFor(part.termCount, part.termCount - base.documentFrequency.length),
    );
    sets.set(base, current);
  } else if (current.owner) {
    // The shared terms the previous part counted in go back to the shared frequencies.
    const { termMap } = current.owner;
    for (let t = 0; t < termMap.length; t += 1) {
      const id = termMap[t]!;
      if (id < base.documentFrequency.length) current.arrays.documentFrequency[id] = base.documentFrequency[id]!;
    }
  }
  const set = current;
  const arrays = set.arrays;
  const firstTermPosition = base.sentenceTermStart[baseSentences]!;
  for (let s = 0; s < extra.sentenceArticle.length; s += 1) {
    arrays.sentenceTermStart[baseSentences + s + 1] = extra.sentenceTermStart[s + 1]! + firstTermPosition;
    arrays.sentenceArticle[baseSentences + s] = extra.sentenceArticle[s]! + part.firstArticle;
    arrays.sentenceParagraph[baseSentences + s] = extra.sentenceParagraph[s]! + part.firstParagraph;
    arrays.sentenceQuotable[baseSentences + s] = extra.sentenceQuotable[s]!;
    // Each its own group until grouped (grouping reads the shared groups, not these).
    arrays.sentenceGroup[baseSentences + s] = part.groups ? part.groups[s]! : baseSentences + s;
  }
  const baseTerms = base.documentFrequency.length;
  for (let t = 0; t < part.termMap.length; t += 1) {
    const id = part.termMap[t]!;
    arrays.documentFrequency[id] = (id < baseTerms ? base.documentFrequency[id]! : 0) + extra.documentFrequency[t]!;
  }
  set.owner = part;
  set.views = {
    sentenceTermStart: arrays.sentenceTermStart.subarray(0, sentenceCount + 1),
    sentenceArticle: arrays.sentenceArticle.subarray(0, sentenceCount),
    sentenceParagraph: arrays.sentenceParagraph.subarray(0, sentenceCount),
    sentenceQuotable: arrays.sentenceQuotable.subarray(0, sentenceCount),
    sentenceGroup: arrays.sentenceGroup.subarray(0, sentenceCount),
    documentFrequency: arrays.documentFrequency.subarray(0, part.termCount),
  };
  return set.views;
}

/** Records the server's sentences' groups once worked out (and writes them in, if its part is the one there). */
export function setMergedGroups(part: MergedPart, groups: Uint32Array): void {
  part.groups = groups;
  const current = sets.get(part.base);
  if (current?.owner !== part) return;
  current.arrays.sentenceGroup.set(groups, part.base.sentenceArticle.length);
}

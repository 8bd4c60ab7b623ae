/**
 * Near-duplicate sentences across articles: wire copy and follow-ups repeat sentences with
 * small edits ("There are currently about 2,500 US troops in Iraq ..." / "There are currently
 * 2,500 US troops in Iraq ..."). Such a group is quoted once and cited to every article.
 *
 * Two sentences are near-duplicates when the Jaccard similarity of their term sets is at least
 * 0.7. Candidates come from the postings of a sentence's three rarest terms, so the
 * pass stays near-linear on large corpora.
 */
import { emptyTermRun, postingRuns, sentenceTermRun, type SentenceIndex, type TermRun } from './sentenceIndex.ts';

export const nearDuplicateSimilarity = 0.7;
const minimumTerms = 5;
const maxCandidates = 64;
const candidateTerms = 3;

type GroupingInput = Omit<SentenceIndex, 'sentenceGroup'>;

/** Sentences grouped already (a server's articles appended to the shared index, whose groups are known). */
export interface GroupedBefore {
  /** The first sentence to group: those before keep `groups`. */
  readonly from: number;
  readonly groups: Uint32Array;
  /** distinctTermCounts of the index the sentences before `from` are (to skip hopeless comparisons). */
  readonly distinct: Int32Array;
}

/**
 * Scratch reused by every grouping (each runs start to finish without yielding), so that
 * grouping a server's few sentences against the shared index allocates nothing the size of it.
 * Made again only for a larger index.
 */
class GroupingScratch {
  constructor(
    readonly mark: Int32Array,
    readonly stamp: Int32Array,
    readonly tried: Int32Array,
    readonly distinct: Int32Array,
  ) {}
}
let scratch = new GroupingScratch(new Int32Array(0), new Int32Array(0), new Int32Array(0), new Int32Array(0));

function groupingScratch(terms: number, sentences: number): GroupingScratch {
  if (scratch.mark.length < terms || scratch.tried.length < sentences) {
    const termRoom = Math.max(terms, scratch.mark.length);
    const sentenceRoom = Math.max(sentences, scratch.tried.length);
    scratch = new GroupingScratch(
      new Int32Array(termRoom),
      new Int32Array(termRoom),
      new Int32Array(sentenceRoom),
      new Int32Array(sentenceRoom),
    );
  }
  scratch.mark.fill(-1, 0, terms);
  scratch.stamp.fill(-1, 0, terms);
  scratch.tried.fill(-1, 0, sentences);
  return scratch;
}

export function groupNearDuplicates(index: GroupingInput, appended?: GroupedBefore): Uint32Array {
  const count = index.sentences.length;
  const group = new Uint32Array(count);
  const firstGrouped = appended?.from ?? 0;
  if (appended) group.set(appended.groups.subarray(0, firstGrouped));
  for (let s = firstGrouped; s < count; s += 1) group[s] = s;
  const { mark, stamp, tried, distinct: distinctOf } = groupingScratch(index.vocabulary.length, count);
  // Terms already counted for the sentence being compared, stamped with a running number.
  const seen = { stamp, next: 0, run: emptyTermRun() };
  // Sentences already compared with sentence s are stamped s in `tried`, and the terms of s
  // in `mark`: typed arrays reused for every sentence instead of a Set and a sorted copy of its
  // terms each.
  const rarest = new Int32Array(candidateTerms);
  // Number of distinct terms of each quotable sentence, once it has been visited (or known before).
  if (appended) distinctOf.set(appended.distinct.subarray(0, firstGrouped));
  const run = emptyTermRun();

  for (let s = firstGrouped; s < count; s += 1) {
    if (!index.sentenceQuotable[s]) continue;
    const { terms, from: start, to: end } = sentenceTermRun(index, s, run);
    let distinct = 0;
    let rarestCount = 0;
    for (let p = start; p < end; p += 1) {
      const term = terms[p]!;
      if (mark[term] === s) continue;
      mark[term] = s;
      distinct += 1;
      rarestCount = keepRarest(rarest, rarestCount, term, index.documentFrequency);
    }
    distinctOf[s] = distinct;
    if (distinct < minimumTerms) continue;
    // A near-duplicate shares most terms, so it shares at least one of the few rarest: an
    // edited word ("In January 2020" / "Earlier that year") may be the rarest of all.
    search: for (let r = 0; r < rarestCount; r += 1) {
      // The term's first maxCandidates postings (its runs are in sentence order).
      let left = maxCandidates;
      runs: for (const { sentences, from, to } of postingRuns(index, rarest[r]!)) {
        const end = Math.min(to, from + left);
        left -= end - from;
        for (let q = from; q < end; q += 1) {
          const other = sentences[q]!;
          if (other >= s) break runs;
          if (tried[other] === s) continue;
          tried[other] = s;
          if (!index.sentenceQuotable[other] || index.sentenceArticle[other] === index.sentenceArticle[s]) continue;
          // Two sets share at most the smaller one, so their Jaccard similarity is at most the
          // ratio of their sizes: below the threshold, counting the shared terms is skipped.
          // (Exact in floating point too: rounding the larger quotient cannot give less.)
          if (Math.min(distinct, distinctOf[other]!) / Math.max(distinct, distinctOf[other]!) < nearDuplicateSimilarity)
            continue;
          if (similarity(index, other, s, mark, seen, distinct) >= nearDuplicateSimilarity) {
            group[s] = group[other]!;
            break search;
          }
        }
      }
    }
  }
  return group;
}

const distinctCounts = new WeakMap<GroupingInput, Int32Array>();

/**
 * The number of distinct terms of each sentence, worked out once per index: the shared
 * index's, for grouping each server's sentences appended to it.
 */
export function distinctTermCounts(index: GroupingInput): Int32Array {
  let counts = distinctCounts.get(index);
  if (counts) return counts;
  counts = new Int32Array(index.sentences.length);
  const mark = new Int32Array(index.vocabulary.length).fill(-1);
  const run = emptyTermRun();
  for (let s = 0; s < counts.length; s += 1) {
    const { terms, from, to } = sentenceTermRun(index, s, run);
    for (let p = from; p < to; p += 1) {
      if (mark[terms[p]!] === s) continue;
      mark[terms[p]!] = s;
      counts[s]! += 1;
    }
  }
  distinctCounts.set(index, counts);
  return counts;
}

/**
 * Adds `term` to `rarest` (the `count` rarest terms so far, rarest first) if it is rarer than
 * one of them, and returns the new count. Ties keep the earlier term, as a stable sort of the
 * sentence's terms by document frequency would.
 */
function keepRarest(rarest: Int32Array, count: number, term: number, documentFrequency: Uint32Array): number {
  const frequency = documentFrequency[term]!;
  let at = count;
  while (at > 0 && documentFrequency[rarest[at - 1]!]! > frequency) at -= 1;
  if (at >= rarest.length) return count;
  const kept = Math.min(count + 1, rarest.length);
  for (let k = kept - 1; k > at; k -= 1) rarest[k] = rarest[k - 1]!;
  rarest[at] = term;
  return kept;
}

/** Jaccard similarity of the term sets of `other` and of `s`, whose terms are marked with `s`. */
function similarity(
  index: GroupingInput,
  other: number,
  s: number,
  mark: Int32Array,
  seen: { stamp: Int32Array; next: number; run: TermRun },
  distinct: number,
): number {
  let otherDistinct = 0;
  let shared = 0;
  const stamp = seen.next++;
  const { terms, from, to } = sentenceTermRun(index, other, seen.run);
  for (let p = from; p < to; p += 1) {
    const term = terms[p]!;
    if (seen.stamp[term] === stamp) continue;
    seen.stamp[term] = stamp;
    otherDistinct += 1;
    if (mark[term] === s) shared += 1;
  }
  return shared / (distinct + otherDistinct - shared);
}

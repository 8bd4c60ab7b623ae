/**
 * Near-duplicate sentences across articles: wire copy and follow-ups repeat sentences with
 * small edits ("There are currently about 2,500 US troops in Iraq ..." / "There are currently
 * 2,500 US troops in Iraq ..."). Such a group is quoted once and cited to every article.
 *
 * Two sentences are near-duplicates when the Jaccard similarity of their term sets is at least
 * 0.7. Candidates come from the postings of a sentence's three rarest terms, so the
 * pass stays near-linear on large corpora.
 */
import type { SentenceIndex } from './sentenceIndex.ts';

export const nearDuplicateSimilarity = 0.7;
const minimumTerms = 5;
const maxCandidates = 64;
const candidateTerms = 3;

type GroupingInput = Omit<SentenceIndex, 'sentenceGroup'>;

export function groupNearDuplicates(index: GroupingInput): Uint32Array {
  const count = index.sentences.length;
  const group = new Uint32Array(count);
  for (let s = 0; s < count; s += 1) group[s] = s;
  const mark = new Int32Array(index.vocabulary.length).fill(-1);
  // Terms already counted for the sentence being compared, stamped with a running number.
  const seen = { stamp: new Int32Array(index.vocabulary.length).fill(-1), next: 0 };

  for (let s = 0; s < count; s += 1) {
    if (!index.sentenceQuotable[s]) continue;
    const start = index.sentenceTermStart[s]!;
    const end = index.sentenceTermStart[s + 1]!;
    const distinctTerms: number[] = [];
    for (let p = start; p < end; p += 1) {
      const term = index.sentenceTerms[p]!;
      if (mark[term] === s) continue;
      mark[term] = s;
      distinctTerms.push(term);
    }
    const distinct = distinctTerms.length;
    if (distinct < minimumTerms) continue;
    // A near-duplicate shares most terms, so it shares at least one of the few rarest: an
    // edited word ("In January 2020" / "Earlier that year") may be the rarest of all.
    const rarest = distinctTerms.sort((x, y) => index.documentFrequency[x]! - index.documentFrequency[y]!).slice(0, candidateTerms);
    const tried = new Set<number>();
    search: for (const term of rarest) {
      const from = index.postingStart[term]!;
      const to = Math.min(index.postingStart[term + 1]!, from + maxCandidates);
      for (let q = from; q < to; q += 1) {
        const other = index.postingSentence[q]!;
        if (other >= s) break;
        if (tried.has(other)) continue;
        tried.add(other);
        if (!index.sentenceQuotable[other] || index.sentenceArticle[other] === index.sentenceArticle[s]) continue;
        if (similarity(index, other, s, mark, seen, distinct) >= nearDuplicateSimilarity) {
          group[s] = group[other]!;
          break search;
        }
      }
    }
  }
  return group;
}

/** Jaccard similarity of the term sets of `other` and of `s`, whose terms are marked with `s`. */
function similarity(
  index: GroupingInput,
  other: number,
  s: number,
  mark: Int32Array,
  seen: { stamp: Int32Array; next: number },
  distinct: number,
): number {
  let otherDistinct = 0;
  let shared = 0;
  const stamp = seen.next++;
  for (let p = index.sentenceTermStart[other]!; p < index.sentenceTermStart[other + 1]!; p += 1) {
    const term = index.sentenceTerms[p]!;
    if (seen.stamp[term] === stamp) continue;
    seen.stamp[term] = stamp;
    otherDistinct += 1;
    if (mark[term] === s) shared += 1;
  }
  return shared / (distinct + otherDistinct - shared);
}

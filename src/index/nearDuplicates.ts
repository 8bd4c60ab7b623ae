/**
 * Near-duplicate sentences across articles: wire copy and follow-ups repeat sentences with
 * small edits ("There are currently about 2,500 US troops in Iraq ..." / "There are currently
 * 2,500 US troops in Iraq ..."). Such a group is quoted once and cited to every article.
 *
 * Two sentences are near-duplicates when the Jaccard similarity of their term sets is at least
 * 0.7 and neither is much longer than the other. Candidates come from the postings of a
 * sentence's rarest term, so the pass stays near-linear on large corpora.
 */
import type { SentenceIndex } from './sentenceIndex.ts';

export const nearDuplicateSimilarity = 0.7;
const minimumTerms = 5;
const maxCandidates = 64;

type GroupingInput = Omit<SentenceIndex, 'sentenceGroup'>;

export function groupNearDuplicates(index: GroupingInput): Uint32Array {
  const count = index.sentences.length;
  const group = new Uint32Array(count);
  for (let s = 0; s < count; s += 1) group[s] = s;
  const mark = new Int32Array(index.vocabulary.length).fill(-1);

  for (let s = 0; s < count; s += 1) {
    if (!index.sentenceQuotable[s]) continue;
    const start = index.sentenceTermStart[s]!;
    const end = index.sentenceTermStart[s + 1]!;
    let distinct = 0;
    let rarest = -1;
    for (let p = start; p < end; p += 1) {
      const term = index.sentenceTerms[p]!;
      if (mark[term] === s) continue;
      mark[term] = s;
      distinct += 1;
      if (rarest === -1 || index.documentFrequency[term]! < index.documentFrequency[rarest]!) rarest = term;
    }
    if (distinct < minimumTerms || rarest === -1) continue;
    const from = index.postingStart[rarest]!;
    const to = Math.min(index.postingStart[rarest + 1]!, from + maxCandidates);
    for (let q = from; q < to; q += 1) {
      const other = index.postingSentence[q]!;
      if (other >= s) break;
      if (!index.sentenceQuotable[other] || index.sentenceArticle[other] === index.sentenceArticle[s]) continue;
      // Terms of s are marked with s; count the other sentence's distinct terms and the shared ones.
      let otherDistinct = 0;
      let shared = 0;
      const seen = new Set<number>();
      for (let p = index.sentenceTermStart[other]!; p < index.sentenceTermStart[other + 1]!; p += 1) {
        const term = index.sentenceTerms[p]!;
        if (seen.has(term)) continue;
        seen.add(term);
        otherDistinct += 1;
        if (mark[term] === s) shared += 1;
      }
      if (Math.min(distinct, otherDistinct) / Math.max(distinct, otherDistinct) < nearDuplicateSimilarity) continue;
      if (shared / (distinct + otherDistinct - shared) >= nearDuplicateSimilarity) {
        group[s] = group[other]!;
        break;
      }
    }
  }
  return group;
}

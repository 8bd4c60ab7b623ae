/**
 * Stage 1 of the ranker: BM25 over every sentence that shares a term with the question, plus
 * context — the question's words that the sentence lacks but its neighbours, its paragraph or
 * its article carry (the right paragraph and article make the right sentence likelier; cf.
 * passage-level evidence in Callan, SIGIR 1994). Context is counted with bit masks built while
 * walking the postings, so it costs nothing per sentence. The best are shortlisted for stage 2.
 */
import { postingRuns, type SentenceIndex } from '../../index/sentenceIndex.ts';
import { bm25TermScore } from './bm25.ts';
import { maskIdf } from './masks.ts';
import type { RankingParameters } from './parameters.ts';
import type { ResolvedQuestion } from './resolveQuestion.ts';
import { Shortlist, type ShortlistedSentence } from './shortlist.ts';
import { emptyMatchMasks, whereMatched, type Workspace } from './workspace.ts';

/**
 * Walks the postings of the question's terms: each sentence's BM25 into `ws.score`, and which
 * question words each sentence, paragraph and article matches into their masks.
 */
export function scorePostings(
  index: SentenceIndex,
  resolved: ResolvedQuestion,
  parameters: RankingParameters,
  ws: Workspace,
): void {
  // Read once: a server's index hands them out through getters (mergedArrays.ts), and ranking
  // runs start to finish without yielding, so they stay this index's throughout.
  const { sentenceTermStart, sentenceParagraph, sentenceArticle } = index;
  for (const term of resolved.terms) {
    const bit = term.mask;
    const termWeight = term.idf * term.weight;
    // A synonym or correction only counts where its question word is not already matched:
    // "US" and "American" in one sentence are one match for a question that says "US".
    const standIn = term.position < 0;
    for (const { sentences, frequencies, from, to } of postingRuns(index, term.termId))
      for (let p = from; p < to; p += 1) {
        const s = sentences[p]!;
        if (standIn && (ws.sentenceMask[s]! & bit) === bit) continue;
        const tf = frequencies[p]!;
        const length = sentenceTermStart[s + 1]! - sentenceTermStart[s]!;
        if (ws.sentenceMask[s] === 0 && ws.score[s] === 0) ws.touched[ws.touchedCount++] = s;
        ws.score[s] = ws.score[s]! + bm25TermScore(termWeight, tf, length, index.averageSentenceLength, parameters);
        if (term.soft) continue;
        ws.sentenceMask[s]! |= bit;
        const paragraph = sentenceParagraph[s]!;
        if (ws.paragraphMask[paragraph] === 0) ws.touchedParagraphs.push(paragraph);
        ws.paragraphMask[paragraph]! |= bit;
        const article = sentenceArticle[s]!;
        if (ws.articleMask[article] === 0) ws.touchedArticles.push(article);
        ws.articleMask[article]! |= bit;
      }
  }
}

/**
 * Context from masks, over every touched sentence that may be quoted (and that `accept`
 * takes); the best `depth` are kept in a small heap, so no array of every touched sentence is
 * sorted. Best first.
 */
export function shortlistByContext(
  index: SentenceIndex,
  resolved: ResolvedQuestion,
  parameters: RankingParameters,
  ws: Workspace,
  depth: number,
  accept: ((sentence: number) => boolean) | undefined,
): ShortlistedSentence[] {
  const shortlist = new Shortlist(depth);
  const scratch = emptyMatchMasks();
  const sentenceQuotable = index.sentenceQuotable;
  for (let i = 0; i < ws.touchedCount; i += 1) {
    const s = ws.touched[i]!;
    if (!sentenceQuotable[s] || (accept && !accept(s))) continue;
    const where = whereMatched(index, ws, s, scratch);
    const score =
      ws.score[s]! +
      parameters.neighbourWeight * maskIdf(where.neighbours, resolved.bitIdf) +
      parameters.paragraphWeight * maskIdf(where.paragraph, resolved.bitIdf) +
      parameters.articleWeight * maskIdf(where.article, resolved.bitIdf);
    shortlist.offer(s, score);
  }
  return shortlist.drain();
}

/**
 * What a "how many" question counts, as index terms: the terms that stand for its counted
 * words (QuestionTerm.counted) — their own, a spelling correction, a synonym — and the terms
 * related to them in meaning (QuestionMeaning). Stage 2 reads counts with it; the answer
 * highlights get it through RankedQuestion, so that both call the same words the thing asked.
 */
import { wordTerms } from '../../index/terms.ts';
import type { SentenceIndex } from '../../index/sentenceIndex.ts';
import type { QuestionMeaning } from '../meaning.ts';
import type { ResolvedQuestion } from './resolveQuestion.ts';

export interface CountedTerms {
  /** Whether an index term is, or says, a word the question counts. */
  readonly isCountedTerm: (termId: number) => boolean;
  /** The same for a word as a text writes it (lower case): whether one of its terms is. */
  readonly isCountedWord: (normal: string) => boolean;
}

/** Undefined when the question counts nothing in particular (no "how many", or "how many people"). */
export function countedTermsOf(
  index: SentenceIndex,
  resolved: ResolvedQuestion,
  meaning: QuestionMeaning,
): CountedTerms | undefined {
  const countedBits = resolved.countedBits;
  if (countedBits === 0) return undefined;
  const standsFor = new Map<number, number>();
  for (const term of resolved.terms) standsFor.set(term.termId, term.mask);
  const isCountedTerm = (termId: number): boolean =>
    ((standsFor.get(termId) ?? 0) & countedBits) !== 0 || meaning.wordsRelatedTo(termId, countedBits) !== 0;
  return {
    isCountedTerm,
    isCountedWord: (normal) =>
      wordTerms(normal).some((term) => {
        const termId = index.termIds.get(term);
        return termId !== undefined && isCountedTerm(termId);
      }),
  };
}

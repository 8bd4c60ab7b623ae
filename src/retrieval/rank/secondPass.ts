/**
 * Stage 2 of the ranker: the features of each shortlisted sentence (features.ts), from the
 * stage-1 evidence split into its parts and from what needs the sentence's tokens — phrases
 * (question terms side by side in the question and in the sentence: "temporary duty
 * status"), the answer type (a number for "how many", a date for "when", a name for "who",
 * that the question does not already contain), novelty, length — and the meaning of its words
 * (meaning.ts).
 */
import { emptyTermRun, sentenceAt, sentenceTermRun, type SentenceIndex } from '../../index/sentenceIndex.ts';
import { wordTerms } from '../../index/terms.ts';
import { countedNounReach, hasSpelledCountIn } from '../counts.ts';
import { QuestionMeaning } from '../meaning.ts';
import { answerCues, answerTypeExcludedFlags, answerTypeFlags, type AnalysedQuestion } from '../question.ts';
import { idfOf } from './bm25.ts';
import type { CandidateFeatures } from './features.ts';
import { maskIdf, maxBitIdf } from './masks.ts';
import type { CountedTerms } from './countedTerms.ts';
import type { ResolvedQuestion, ResolvedTerm } from './resolveQuestion.ts';
import type { ShortlistedSentence } from './shortlist.ts';
import { emptyMatchMasks, whereMatched, type Workspace } from './workspace.ts';

/**
 * The phrase walk's "previous question word" before any: a position two before the first
 * (not -1, which is one before position 0 and would make a sentence-initial word adjacent).
 */
const noPreviousWord = -2;

/**
 * The length feature is log(1 + terms) over this: log(1 + 54) is about 4, so a sentence of
 * 50-odd terms (a long news sentence) scores about 1, on the scale of the other features.
 */
const lengthFeatureScale = 4;

/**
 * Answer types grouped by how reliably the token flags find them, each group with its own
 * weight: a year is told apart well, a name (any capitalised word) less so.
 */
const answerTypeGroups: Record<AnalysedQuestion['answerType'], 'count' | 'date' | 'name' | 'cause' | 'none'> = {
  number: 'count',
  money: 'count',
  duration: 'count',
  percent: 'count',
  date: 'date',
  person: 'name',
  organisation: 'name',
  place: 'name',
  reason: 'cause',
  manner: 'cause',
  any: 'none',
};

export function shortlistFeatures(
  index: SentenceIndex,
  question: AnalysedQuestion,
  resolved: ResolvedQuestion,
  ws: Workspace,
  shortlisted: readonly ShortlistedSentence[],
  meaning: QuestionMeaning,
  counted: CountedTerms | undefined,
): CandidateFeatures[] {
  // The question's own words by term id, for phrases; every question term, stand-ins included, for novelty.
  const ownWords = new Map<number, ResolvedTerm>();
  const questionTermIds = new Set<number>();
  for (const term of resolved.terms) {
    questionTermIds.add(term.termId);
    if (term.position >= 0) ownWords.set(term.termId, term);
  }
  const wantedFlags = answerTypeFlags[question.answerType];
  const excludedFlags = answerTypeExcludedFlags[question.answerType];
  const cue = answerCues[question.answerType];
  const answerGroup = answerTypeGroups[question.answerType];
  // "How many troops" is answered by a number of troops (counts.ts), in figures or in words.
  const countsNumbers = question.answerType === 'number';
  const total = resolved.totalIdf;
  // Should every shortlisted score be 0, the shares divide by 1 rather than by zero.
  const bestFirstPass = shortlisted[0]!.score || 1;
  let bestBm25 = 0;
  for (const { sentence } of shortlisted) bestBm25 = Math.max(bestBm25, ws.score[sentence]!);
  const scratch = emptyMatchMasks();
  const run = emptyTermRun();
  // A word of one of its sentences that is no index term is a stop word (counts.ts).
  const isIndexWord = (normal: string) => wordTerms(normal).some((term) => index.termIds.has(term));
  // Every question word's bit (bitCount is at most maxQuestionBits, so this stays positive).
  const allBits = (1 << resolved.bitCount) - 1;

  return shortlisted.map(({ sentence: s, score }) => {
    const {
      own,
      neighbours: neighbourMask,
      paragraph: paragraphMask,
      article: articleMask,
    } = whereMatched(index, ws, s, scratch);
    const paragraph = index.sentenceParagraph[s]!;

    let phrase = 0;
    let hasAnswerType = false;
    let novel = 0;
    let previousPosition = noPreviousWord;
    let previousIdf = 0;
    let lastNumber = -Infinity;
    let countsTheNoun = false;
    const { terms, flags: termFlags, from: start, to: end } = sentenceTermRun(index, s, run);
    for (let p = start; p < end; p += 1) {
      const termId = terms[p]!;
      if (counted !== undefined && p - lastNumber <= countedNounReach && !countsTheNoun)
        countsTheNoun = counted.isCountedTerm(termId);
      const word = ownWords.get(termId);
      if (word !== undefined) {
        if (word.position === previousPosition + 1) phrase += Math.min(word.idf, previousIdf);
        previousPosition = word.position;
        previousIdf = word.idf;
      } else {
        previousPosition = noPreviousWord;
        if (!questionTermIds.has(termId)) {
          novel += 1;
          const flags = termFlags[p]!;
          if (wantedFlags !== 0 && (flags & wantedFlags) !== 0 && (flags & excludedFlags) === 0) {
            hasAnswerType = true;
            lastNumber = p;
          }
        }
      }
    }
    const length = end - start;
    const wantsType = wantedFlags !== 0 || cue !== undefined;
    if (cue !== undefined) hasAnswerType = cue.test(sentenceAt(index, s)!.text);
    // Figures are read over the sentence's terms above (spelt as the index spells them, a year
    // told by its flags); counts spelt in words, which are no terms, over its text (counts.ts).
    if (countsNumbers && (counted !== undefined ? !countsTheNoun : !hasAnswerType))
      hasAnswerType = hasSpelledCountIn(sentenceAt(index, s)!.text, {
        isContent: isIndexWord,
        isCounted: counted?.isCountedWord,
        asked: question.words,
      });
    const missing = wantsType && !hasAnswerType ? 1 : 0;
    return {
      firstPass: score / bestFirstPass,
      bm25: bestBm25 > 0 ? ws.score[s]! / bestBm25 : 0,
      coverage: maskIdf(own, resolved.bitIdf) / total,
      neighbours: maskIdf(neighbourMask, resolved.bitIdf) / total,
      paragraph: maskIdf(paragraphMask, resolved.bitIdf) / total,
      article: maskIdf(articleMask, resolved.bitIdf) / total,
      phrase: phrase / total,
      typeMatch: wantsType && hasAnswerType ? 1 : 0,
      typeMissing: missing,
      countMissing: answerGroup === 'count' ? missing : 0,
      dateMissing: answerGroup === 'date' ? missing : 0,
      nameMissing: answerGroup === 'name' ? missing : 0,
      causeMissing: answerGroup === 'cause' ? missing : 0,
      novelty: length === 0 ? 0 : novel / length,
      length: Math.log1p(length) / lengthFeatureScale,
      leading: s === 0 || index.sentenceParagraph[s - 1] !== paragraph ? 1 : 0,
      softCoverage: meaning.softCoverage(s, allBits & ~own, resolved.bitIdf) / total,
      missingMax:
        maxBitIdf(
          allBits & ~(own | neighbourMask | paragraphMask) & ~meaning.relatedMask(s, allBits & ~own),
          resolved.bitIdf,
        ) / total,
      meanSimilarity: meaning.meanSimilarity(s),
    };
  });
}

/** The meaning features' state for one question (meaning.ts). */
export function questionMeaningOf(index: SentenceIndex, resolved: ResolvedQuestion): QuestionMeaning {
  return new QuestionMeaning(
    index,
    resolved.meaningWords,
    resolved.meaningWords.map((word) => resolved.bitIdf[word.bit]!),
    (termId) => idfOf(index, index.documentFrequency[termId]!),
  );
}

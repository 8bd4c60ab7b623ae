/**
 * A question resolved against an index: its terms by term id with their idf and weight, each
 * question word's bit and weight, and the stand-ins that join them — spelling corrections at
 * `typoWeight`, synonyms at `synonymWeight`, related words at `relatedWeight` — under the
 * bits of the words they stand for, so a paraphrase counts as covering the question's words.
 */
import { postingRuns, sentenceAt, termAt, type SentenceIndex } from '../../index/sentenceIndex.ts';
import { baseForm } from '../../nlp/irregular.ts';
import { lexicon } from '../../nlp/lexicon.ts';
import { stem } from '../../nlp/wink.ts';
import { relatedEnough, relatedness, relatedStandIns, type MeaningWord } from '../meaning.ts';
import type { AnalysedQuestion } from '../question.ts';
import { synonymPhraseGroups, type SynonymPhrase } from '../synonyms.ts';
import { typoCorrections } from '../typos.ts';
import { idfOf } from './bm25.ts';
import { maxQuestionBits } from './masks.ts';
import type { RankingParameters } from './parameters.ts';

/** The position of a term that is not one of the question's own words (a synonym, correction or related word). */
export const standInPosition = -1;

/** A question term resolved against the index. */
export interface ResolvedTerm {
  readonly termId: number;
  readonly idf: number;
  readonly weight: number;
  /**
   * Mask bits of the question words this term stands for: its own word's bit, or for a
   * synonym the bits of every word of the phrase it replaces ("came into office" stands for
   * both words of "become PM").
   */
  readonly mask: number;
  /** Position in the question for phrase matching; standInPosition for synonyms and corrections. */
  readonly position: number;
  /**
   * A word the lexicon relates to a question word: it adds to BM25 but does not count as
   * covering the question word (a loose relation would otherwise count as the word itself);
   * stage 2's softCoverage gives it the credit its strength deserves.
   */
  readonly soft?: boolean;
}

export interface ResolvedQuestion {
  readonly terms: readonly ResolvedTerm[];
  /** idf-weighted mass of each question word's bit, including words the corpus lacks. */
  readonly bitIdf: Float64Array;
  readonly bitCount: number;
  /** Sum of bitIdf: the whole question's weight. */
  readonly totalIdf: number;
  /** The question's own words (corrected where misspelt) by lexicon id, for the meaning features. */
  readonly meaningWords: readonly MeaningWord[];
  /** Misspelt words and what they were taken for, to tell the user. */
  readonly corrections: readonly SpellingCorrection[];
  /** Bits of the words "how many" counts (QuestionTerm.counted); 0 when it counts none. */
  readonly countedBits: number;
  /** Bits of the words the corpus lacks but has related words for (relatedEnough): said otherwise, not absent. */
  readonly relatedBits: number;
}

/** How related (meaning.ts, 0..1) a near spelling must be to count as a variant spelling of a known word. */
const variantRelatedness = 0.5;

export function resolveQuestion(
  index: SentenceIndex,
  question: AnalysedQuestion,
  parameters: RankingParameters,
): ResolvedQuestion {
  const terms: ResolvedTerm[] = [];
  const bitIdf = new Float64Array(maxQuestionBits);
  const bitOfTerm = new Map<string, number>();
  const unknownIdf = idfOf(index, 0);
  let bitCount = 0;
  const termIndex = new Map<number, number>();

  const addTerm = (termId: number, weight: number, mask: number, position: number, soft = false): void => {
    const existing = termIndex.get(termId);
    if (existing !== undefined) {
      // A stand-in named by two phrases stands for the words of both.
      const term = terms[existing]!;
      if (term.position < 0)
        terms[existing] = { ...term, mask: term.mask | mask, weight: Math.max(term.weight, weight) };
      return;
    }
    termIndex.set(termId, terms.length);
    terms.push({
      termId,
      idf: idfOf(index, index.documentFrequency[termId]!),
      weight,
      mask,
      position,
      ...(soft ? { soft } : {}),
    });
  };

  const lx = lexicon();
  const meaningWords: MeaningWord[] = [];
  /** Bits of the question words the corpus has, as they are or spelt right. */
  let foundBits = 0;
  const corrections: SpellingCorrection[] = [];
  let countedBits = 0;
  for (const { term, word, weight, name, position, known, counted } of question.terms) {
    // A word said twice counts once (its first saying, which carries whether it is counted).
    if (bitOfTerm.has(term) || bitCount === maxQuestionBits) continue;
    const bit = bitCount++;
    bitOfTerm.set(term, bit);
    if (counted) countedBits |= 1 << bit;
    const termId = index.termIds.get(term);
    if (termId !== undefined) {
      bitIdf[bit] = weight * idfOf(index, index.documentFrequency[termId]!);
      addTerm(termId, weight, 1 << bit, position);
      meaningWords.push({ bit, lexiconId: lx.idOf(term), name });
      foundBits |= 1 << bit;
      continue;
    }
    bitIdf[bit] = weight * unknownIdf;
    // A word wink's English lexicon does not know is taken for a misspelling. One it knows is
    // only when the near spelling also means the same by the lexicon (a variant spelling:
    // "irak" / "iraq"): "soldiers" of articles that say "troops" is found through its related
    // words below, not corrected to "solders".
    const corrected = known
      ? typoCorrections(index, term, word.length).filter(
          (id) => relatedness(lx, lx.idOf(term), lx.idOf(termAt(index, id)!)) >= variantRelatedness,
        )
      : typoCorrections(index, term, word.length);
    for (const correction of corrected) {
      addTerm(correction, parameters.typoWeight * weight, 1 << bit, standInPosition);
      // The question means the corrected word, so it weighs what that word weighs.
      bitIdf[bit] = Math.min(bitIdf[bit]!, weight * idfOf(index, index.documentFrequency[correction]!));
    }
    meaningWords.push({
      bit,
      lexiconId: lx.idOf(corrected.length > 0 ? termAt(index, corrected[0]!)! : term),
      name,
    });
    if (corrected.length > 0) {
      foundBits |= 1 << bit;
      corrections.push({ from: word, to: surfaceWord(index, corrected[0]!) });
    }
  }

  // A question word the corpus lacks (and that is no misspelling of a word it has) may be said
  // in words the lexicon relates to it: a question that says "soldiers" of articles that say
  // "troops". Such a word is not absent (RankedQuestion.absent). With relatedWeight > 0 its
  // related words are also looked for in stage 1, at relatedWeight times how related they are;
  // that is off by default: they only added noise to the shortlist (stage 2 credits them
  // through softCoverage instead).
  let relatedBits = 0;
  for (const word of meaningWords) {
    if (foundBits & (1 << word.bit)) continue;
    const standIns = relatedStandIns(index, word.lexiconId, word.name);
    if ((standIns[0]?.strength ?? 0) >= relatedEnough) relatedBits |= 1 << word.bit;
    if (parameters.relatedWeight <= 0) continue;
    for (const standIn of standIns) {
      if (!termIndex.has(standIn.termId))
        addTerm(standIn.termId, parameters.relatedWeight * standIn.strength, 1 << word.bit, standInPosition, true);
    }
  }

  // Synonym phrases: when every word of one phrase of a group is in the question (the longest
  // such phrase), the terms of the group's other phrases join at synonymWeight under the bits
  // of the phrase's words.
  // Phrases are looked for among all the question's words, stop words included ("more",
  // "become" are stop words to wink but have synonyms that are not). A phrase made only of
  // stop words gets a mask bit of its own.
  const questionTerms = new Set(question.terms.map((t) => t.term));
  const questionWords = new Set(question.wordStems);
  for (const group of synonymPhraseGroups()) {
    let present: SynonymPhrase | undefined;
    for (const phrase of group) {
      if (
        phrase.stems.length > 0 &&
        phrase.stems.every((word) => questionWords.has(word)) &&
        phrase.stems.length > (present?.stems.length ?? 0)
      )
        present = phrase;
    }
    if (!present) continue;
    let mask = 0;
    for (const term of present.terms) {
      const bit = bitOfTerm.get(term);
      if (bit !== undefined) mask |= 1 << bit;
    }
    if (mask === 0) {
      if (bitCount === maxQuestionBits) continue;
      const bit = bitCount++;
      mask = 1 << bit;
      // A phrase of stop words ("become") weighs what its stand-ins weigh.
      let standInIdf = 0;
      for (const phrase of group)
        for (const term of phrase.terms) {
          const termId = index.termIds.get(term);
          if (termId !== undefined)
            standInIdf = Math.max(
              standInIdf,
              parameters.synonymWeight * idfOf(index, index.documentFrequency[termId]!),
            );
        }
      bitIdf[bit] = standInIdf;
    }
    for (const phrase of group) {
      if (phrase === present) continue;
      for (const term of phrase.terms) {
        const termId = index.termIds.get(term);
        if (termId !== undefined && !questionTerms.has(term))
          addTerm(termId, parameters.synonymWeight / phrase.terms.length, mask, standInPosition);
      }
    }
  }

  let totalIdf = 0;
  for (let bit = 0; bit < bitCount; bit += 1) totalIdf += bitIdf[bit]!;
  return { terms, bitIdf, bitCount, totalIdf, meaningWords, corrections, countedBits, relatedBits };
}

/** A misspelt question word and the corpus word it was taken for. */
export interface SpellingCorrection {
  /** As typed (lower case): "trops". */
  readonly from: string;
  /** As the articles write it: "troops". */
  readonly to: string;
}

/**
 * How the articles write an index term: the first word of the first sentence that has it
 * whose stem is the term ("troop" -> "troops"). Only for showing a correction, so rare.
 */
function surfaceWord(index: SentenceIndex, termId: number): string {
  const term = termAt(index, termId)!;
  const first = postingRuns(index, termId)[0];
  const sentence = first && sentenceAt(index, first.sentences[first.from]!);
  for (const word of sentence?.text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []) {
    if (stem(baseForm(word)) === term) return word;
  }
  return term;
}

/**
 * The sentence ranker. Data in (an index and an analysed question), numbers out.
 *
 * Stage 1 scores every sentence that shares a term with the question:
 *   BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 *   2009) over the sentence's terms, with k1 and b below, plus context: the question's terms
 *   that the sentence lacks but its neighbours, its paragraph or its article carry (the right
 *   paragraph and article make the right sentence likelier; cf. passage-level evidence in
 *   Callan, SIGIR 1994). Context is counted with bit masks built while walking the postings,
 *   so it costs nothing per sentence.
 * Stage 2 re-scores the best `rerankDepth` of them with a linear model over the features of
 *   CandidateFeatures: the stage-1 evidence split into its parts, plus what needs the
 *   sentence's tokens — phrases (question terms side by side in the question and in the
 *   sentence: "temporary duty status"), the answer type (a number for "how many", a date for
 *   "when", a name for "who", that the question does not already contain), novelty, length.
 *   Its weights are fitted by `npm run fit-ranker` (src/bench/fitRanker.ts).
 *
 * Synonyms and spelling corrections enter as extra question terms at `synonymWeight` and
 * `typoWeight`, under the mask bits of the words they stand for, so a paraphrase counts as
 * covering the question's words.
 */
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { answerCues, answerTypeExcludedFlags, answerTypeFlags, type AnalysedQuestion } from './question.ts';
import { synonymPhraseGroups, type SynonymPhrase } from './synonyms.ts';
import { typoCorrections } from './typos.ts';
import { lexicon } from '../nlp/lexicon.ts';
import { stem } from '../nlp/wink.ts';
import { baseForm } from '../index/irregular.ts';
import { QuestionMeaning, relatedness, relatedStandIns, type MeaningWord } from './meaning.ts';

export interface RankingParameters {
  /**
   * BM25 term-frequency saturation. Low: a sentence rarely repeats a word, and when it does
   * the repeat says little. Values here were chosen on half of SQuAD dev and checked on the
   * other half and on the seed questions (see README, "How quality and speed are measured").
   */
  readonly k1: number;
  /** BM25 length normalisation: sentences vary less in length than documents, so lower than 0.75. */
  readonly b: number;
  /** Weight of question terms found in the sentence's neighbours (same paragraph). */
  readonly neighbourWeight: number;
  /** Weight of question terms found elsewhere in the sentence's paragraph. */
  readonly paragraphWeight: number;
  /** Weight of question terms found elsewhere in the sentence's article. */
  readonly articleWeight: number;
  /** Weight of a synonym relative to the question's own word. */
  readonly synonymWeight: number;
  /** Weight of a spelling correction relative to the question's own word. */
  readonly typoWeight: number;
  /**
   * Weight of a word the lexicon relates to a question word (WordNet synonym or derivation,
   * word-vector neighbour), relative to the question's own word, times how related it is.
   */
  readonly relatedWeight: number;
  /** How many stage-1 sentences stage 2 re-scores. */
  readonly rerankDepth: number;
  /** Stage 2: the weight of each feature (see CandidateFeatures). */
  readonly rerank: RerankWeights;
}

export const defaultRankingParameters: RankingParameters = {
  k1: 0.6,
  b: 0.3,
  neighbourWeight: 0.15,
  paragraphWeight: 0.1,
  articleWeight: 0.1,
  synonymWeight: 0.5,
  typoWeight: 0.8,
  // Off: looking related words up in stage 1 added nothing on the fit halves (SQuAD Recall@1
  // 0.729 at 0.3, 0.730 at 0; seed-chat equal) and cost seed-dev a question; stage 2's
  // softCoverage gives related words their credit instead.
  relatedWeight: 0,
  // 20, not 30: the same Recall on the fit halves (SQuAD 0.730 / 0.858 against 0.731 / 0.859;
  // seed-chat equal) for a third less of stage 2's work.
  rerankDepth: 20,
  // Fitted by `npm run fit-ranker` on the fit halves of SQuAD v1.1 dev and seed-chat
  // (held-out halves, re-ranking the shortlist: SQuAD Recall@1 0.728, Recall@3 0.860;
  // seed-chat 0.750 and 0.846).
  rerank: {
    firstPass: 3.357,
    bm25: 2.205,
    coverage: 3.147,
    neighbours: 3.484,
    paragraph: 1.046,
    article: -1.998,
    phrase: 1.898,
    countMissing: -1.849,
    dateMissing: -1.56,
    nameMissing: -0.615,
    causeMissing: 0.031,
    novelty: -0.589,
    length: -0.168,
    leading: -0.063,
    softCoverage: 3.52,
    meanSimilarity: 2.398,
  },
};

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
  /** Position in the question for phrase matching; -1 for synonyms and corrections. */
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
}

export interface RankedSentence {
  readonly sentence: number;
  readonly score: number;
  /** Share of the question's idf mass the sentence covers, its neighbours counted at half. */
  readonly coverage: number;
  /** The question asks for a kind of answer (a number, a date, a name) and the sentence has none. */
  readonly lacksAnswerType: boolean;
  /** What stage 2 scored it on: the confidence is worked out from the best one's. */
  readonly features: CandidateFeatures;
}

/** A question ranked, with what the answer tells the user about how it was read. */
export interface RankedQuestion {
  readonly ranked: RankedSentence[];
  /** Misspelt words and the corpus words they were taken for. */
  readonly corrections: readonly SpellingCorrection[];
  /** Share of the question's weight in words the corpus lacks in every form (no correction, no related word). */
  readonly absent: number;
}

const maxBits = 30;

/** How related (meaning.ts, 0..1) a near spelling must be to count as a variant spelling of a known word. */
const variantRelatedness = 0.5;

export function idfOf(index: SentenceIndex, documentFrequency: number): number {
  const n = index.searchableCount;
  return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function resolveQuestion(
  index: SentenceIndex,
  question: AnalysedQuestion,
  parameters: RankingParameters,
): ResolvedQuestion {
  const terms: ResolvedTerm[] = [];
  const bitIdf = new Float64Array(maxBits);
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
  for (const { term, word, weight, name, position, known } of question.terms) {
    let bit = bitOfTerm.get(term);
    if (bit === undefined) {
      if (bitCount === maxBits) continue;
      bit = bitCount++;
      bitOfTerm.set(term, bit);
    } else continue;
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
          (id) => relatedness(lx, lx.idOf(term), lx.idOf(index.vocabulary[id]!)) >= variantRelatedness,
        )
      : typoCorrections(index, term, word.length);
    for (const correction of corrected) {
      addTerm(correction, parameters.typoWeight * weight, 1 << bit, -1);
      // The question means the corrected word, so it weighs what that word weighs.
      bitIdf[bit] = Math.min(bitIdf[bit]!, weight * idfOf(index, index.documentFrequency[correction]!));
    }
    meaningWords.push({
      bit,
      lexiconId: lx.idOf(corrected.length > 0 ? index.vocabulary[corrected[0]!]! : term),
      name,
    });
    if (corrected.length > 0) {
      foundBits |= 1 << bit;
      corrections.push({ from: word, to: surfaceWord(index, corrected[0]!) });
    }
  }

  // A question word the corpus lacks (and that is no misspelling of a word it has) is looked
  // for through the words the lexicon relates to it: a question that says "soldiers" of
  // articles that say "troops", at relatedWeight times how related they are. Words the corpus
  // has are not expanded in stage 1: their related words only added noise to the shortlist
  // (stage 2 credits them through softCoverage instead).
  if (parameters.relatedWeight > 0) {
    for (const word of meaningWords) {
      if (foundBits & (1 << word.bit)) continue;
      for (const standIn of relatedStandIns(index, word.lexiconId, word.name)) {
        if (!termIndex.has(standIn.termId))
          addTerm(standIn.termId, parameters.relatedWeight * standIn.strength, 1 << word.bit, -1, true);
      }
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
      if (bitCount === maxBits) continue;
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
          addTerm(termId, parameters.synonymWeight / phrase.terms.length, mask, -1);
      }
    }
  }

  let totalIdf = 0;
  for (let bit = 0; bit < bitCount; bit += 1) totalIdf += bitIdf[bit]!;
  return { terms, bitIdf, bitCount, totalIdf, meaningWords, corrections };
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
  const term = index.vocabulary[termId]!;
  const sentence = index.sentences[index.postingSentence[index.postingStart[termId]!]!];
  for (const word of sentence?.text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? []) {
    if (stem(baseForm(word)) === term) return word;
  }
  return term;
}

/** Scratch space reused across queries, sized to the index. */
class Workspace {
  readonly score: Float64Array;
  readonly sentenceMask: Uint32Array;
  readonly paragraphMask: Uint32Array;
  readonly articleMask: Uint32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  readonly touchedParagraphs: number[] = [];
  readonly touchedArticles: number[] = [];

  constructor(index: SentenceIndex) {
    const sentenceCount = index.sentences.length;
    this.score = new Float64Array(sentenceCount);
    this.sentenceMask = new Uint32Array(sentenceCount);
    this.touched = new Uint32Array(sentenceCount);
    const paragraphCount = sentenceCount === 0 ? 0 : index.sentenceParagraph[sentenceCount - 1]! + 1;
    this.paragraphMask = new Uint32Array(paragraphCount);
    this.articleMask = new Uint32Array(index.articles.length);
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i += 1) {
      const s = this.touched[i]!;
      this.score[s] = 0;
      this.sentenceMask[s] = 0;
    }
    for (const p of this.touchedParagraphs) this.paragraphMask[p] = 0;
    for (const a of this.touchedArticles) this.articleMask[a] = 0;
    this.touchedCount = 0;
    this.touchedParagraphs.length = 0;
    this.touchedArticles.length = 0;
  }
}

const workspaces = new WeakMap<SentenceIndex, Workspace>();

function maskIdf(mask: number, bitIdf: Float64Array): number {
  let sum = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) sum += bitIdf[31 - Math.clz32(bits & -bits)]!;
  return sum;
}

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

function maxBitIdf(mask: number, bitIdf: Float64Array): number {
  let best = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) best = Math.max(best, bitIdf[31 - Math.clz32(bits & -bits)]!);
  return best;
}

export interface RankOptions {
  readonly limit: number;
  /** Sentence filter: only sentences for which this returns true are ranked. */
  readonly accept?: (sentence: number) => boolean;
  readonly parameters?: RankingParameters;
}

export interface Candidates {
  /** Shortlisted sentence numbers, best stage-1 score first. */
  readonly sentences: readonly number[];
  readonly features: readonly CandidateFeatures[];
  /** The question as resolved against the index (absent when it has no term at all). */
  readonly resolved?: ResolvedQuestion;
}

export function rankSentences(
  index: SentenceIndex,
  question: AnalysedQuestion,
  options: RankOptions,
): RankedSentence[] {
  return rankQuestion(index, question, options).ranked;
}

export function rankQuestion(index: SentenceIndex, question: AnalysedQuestion, options: RankOptions): RankedQuestion {
  const parameters = options.parameters ?? defaultRankingParameters;
  const { sentences, features, resolved } = rankingCandidates(index, question, options);
  const weights = parameters.rerank;
  const ranked = sentences.map((sentence, i) => {
    const f = features[i]!;
    let score = 0;
    for (const name of featureNames) score += weights[name] * f[name];
    return {
      sentence,
      score,
      coverage: f.coverage + 0.5 * f.neighbours,
      lacksAnswerType: f.typeMissing === 1,
      features: f,
    };
  });
  ranked.sort((x, y) => y.score - x.score);
  if (!resolved || resolved.totalIdf === 0) return { ranked, corrections: resolved?.corrections ?? [], absent: 1 };
  let foundMask = 0;
  for (const term of resolved.terms) foundMask |= term.mask;
  let absentIdf = 0;
  for (let bit = 0; bit < resolved.bitCount; bit += 1)
    if ((foundMask & (1 << bit)) === 0) absentIdf += resolved.bitIdf[bit]!;
  return { ranked, corrections: resolved.corrections, absent: absentIdf / resolved.totalIdf };
}

/** Stage 1 and the features of stage 2: what rankSentences scores, and what its weights are fitted on. */
export function rankingCandidates(index: SentenceIndex, question: AnalysedQuestion, options: RankOptions): Candidates {
  const parameters = options.parameters ?? defaultRankingParameters;
  const resolved = resolveQuestion(index, question, parameters);
  if (resolved.terms.length === 0 || resolved.totalIdf === 0) return { sentences: [], features: [], resolved };
  let workspace = workspaces.get(index);
  if (!workspace) {
    workspace = new Workspace(index);
    workspaces.set(index, workspace);
  }
  const ws = workspace;
  ws.reset();

  const { k1, b } = parameters;
  const lengthNorm = b / index.averageSentenceLength;
  for (const term of resolved.terms) {
    const bit = term.mask;
    const termWeight = term.idf * term.weight;
    // A synonym or correction only counts where its question word is not already matched:
    // "US" and "American" in one sentence are one match for a question that says "US".
    const standIn = term.position < 0;
    for (let p = index.postingStart[term.termId]!; p < index.postingStart[term.termId + 1]!; p += 1) {
      const s = index.postingSentence[p]!;
      if (standIn && (ws.sentenceMask[s]! & bit) === bit) continue;
      const tf = index.postingFrequency[p]!;
      const length = index.sentenceTermStart[s + 1]! - index.sentenceTermStart[s]!;
      if (ws.sentenceMask[s] === 0 && ws.score[s] === 0) ws.touched[ws.touchedCount++] = s;
      ws.score[s] = ws.score[s]! + (termWeight * tf * (k1 + 1)) / (tf + k1 * (1 - b + lengthNorm * length));
      if (term.soft) continue;
      ws.sentenceMask[s]! |= bit;
      const paragraph = index.sentenceParagraph[s]!;
      if (ws.paragraphMask[paragraph] === 0) ws.touchedParagraphs.push(paragraph);
      ws.paragraphMask[paragraph]! |= bit;
      const article = index.sentenceArticle[s]!;
      if (ws.articleMask[article] === 0) ws.touchedArticles.push(article);
      ws.articleMask[article]! |= bit;
    }
  }

  // Stage 1: context from masks, over every touched sentence that may be quoted; the best
  // `rerankDepth` are kept in a small heap, so no array of every touched sentence is sorted.
  const depth = Math.max(options.limit, parameters.rerankDepth);
  const shortlist = new Shortlist(depth);
  const scratch: MatchMasks = { own: 0, neighbours: 0, paragraph: 0, article: 0 };
  for (let i = 0; i < ws.touchedCount; i += 1) {
    const s = ws.touched[i]!;
    if (!index.sentenceQuotable[s] || (options.accept && !options.accept(s))) continue;
    const where = whereMatched(index, ws, s, scratch);
    const score =
      ws.score[s]! +
      parameters.neighbourWeight * maskIdf(where.neighbours, resolved.bitIdf) +
      parameters.paragraphWeight * maskIdf(where.paragraph, resolved.bitIdf) +
      parameters.articleWeight * maskIdf(where.article, resolved.bitIdf);
    shortlist.offer(s, score);
  }
  const shortlisted = shortlist.drain();
  if (shortlisted.length === 0) return { sentences: [], features: [], resolved };
  return {
    sentences: shortlisted.map((c) => c.sentence),
    features: shortlistFeatures(index, question, resolved, ws, shortlisted),
    resolved,
  };
}

/** Which question words a sentence matches itself, and which only its neighbours, paragraph or article do. */
interface MatchMasks {
  own: number;
  neighbours: number;
  paragraph: number;
  article: number;
}

/** Fills `into` (reused, so the stage-1 loop allocates nothing) and returns it. */
function whereMatched(index: SentenceIndex, ws: Workspace, s: number, into: MatchMasks): MatchMasks {
  const own = ws.sentenceMask[s]!;
  const paragraph = index.sentenceParagraph[s]!;
  let neighbours = 0;
  if (s > 0 && index.sentenceParagraph[s - 1] === paragraph) neighbours |= ws.sentenceMask[s - 1]!;
  if (s + 1 < index.sentences.length && index.sentenceParagraph[s + 1] === paragraph)
    neighbours |= ws.sentenceMask[s + 1]!;
  neighbours &= ~own;
  const inParagraph = ws.paragraphMask[paragraph]! & ~own & ~neighbours;
  into.own = own;
  into.neighbours = neighbours;
  into.paragraph = inParagraph;
  into.article = ws.articleMask[index.sentenceArticle[s]!]! & ~own & ~neighbours & ~inParagraph;
  return into;
}

/**
 * What stage 2 knows of a shortlisted sentence. Every feature is scaled to about 0..1 so that
 * the weights compare; shares of the question are of its idf mass.
 */
export interface CandidateFeatures {
  /** Stage-1 score over the best stage-1 score of the shortlist. */
  readonly firstPass: number;
  /** BM25 of the sentence alone over the best of the shortlist. */
  readonly bm25: number;
  /** Share of the question the sentence itself covers. */
  readonly coverage: number;
  /** Share covered only by the neighbouring sentences. */
  readonly neighbours: number;
  /** Share covered only elsewhere in the paragraph. */
  readonly paragraph: number;
  /** Share covered only elsewhere in the article. */
  readonly article: number;
  /** Adjacent question-word pairs found adjacent in the sentence, as a share of the question. */
  readonly phrase: number;
  /** 1 when the question wants a kind of answer (number, date, name) and the sentence has one. */
  readonly typeMatch: number;
  /** 1 when the question wants a kind of answer and the sentence has none. */
  readonly typeMissing: number;
  /** typeMissing for a count or amount (how many, how much, how long, what share). */
  readonly countMissing: number;
  /** typeMissing for a date (when, what year). */
  readonly dateMissing: number;
  /** typeMissing for a name (who, which outlet, where). */
  readonly nameMissing: number;
  /** typeMissing for a cause or manner (why, how did): no wording of cause or means. */
  readonly causeMissing: number;
  /** Share of the sentence's terms that are not in the question: where an answer can be. */
  readonly novelty: number;
  /** log(1 + number of terms) / 4. */
  readonly length: number;
  /** 1 for the first sentence of its paragraph. */
  readonly leading: number;
  /**
   * Share of the question the sentence lacks literally but says in related words (lexicon
   * relations and word vectors), each word at its best related word's strength.
   */
  readonly softCoverage: number;
  /** Cosine of the question's and the sentence's idf-weighted mean word vectors. */
  readonly meanSimilarity: number;
  /**
   * Not a ranking feature (the confidence's): the share of the question of its weightiest
   * word that neither the sentence nor its paragraph has, in any form, related words
   * included. A question that swaps one name or number for another looks answerable by
   * every other measure.
   */
  readonly missingMax: number;
}

export const featureNames = [
  'firstPass',
  'bm25',
  'coverage',
  'neighbours',
  'paragraph',
  'article',
  'phrase',
  'countMissing',
  'dateMissing',
  'nameMissing',
  'causeMissing',
  'novelty',
  'length',
  'leading',
  'softCoverage',
  'meanSimilarity',
] as const satisfies readonly (keyof CandidateFeatures)[];

export type RerankWeights = Readonly<Record<(typeof featureNames)[number], number>>;

function shortlistFeatures(
  index: SentenceIndex,
  question: AnalysedQuestion,
  resolved: ResolvedQuestion,
  ws: Workspace,
  shortlisted: readonly { sentence: number; score: number }[],
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
  const total = resolved.totalIdf;
  const bestFirstPass = shortlisted[0]!.score || 1;
  let bestBm25 = 0;
  for (const { sentence } of shortlisted) bestBm25 = Math.max(bestBm25, ws.score[sentence]!);
  const scratch: MatchMasks = { own: 0, neighbours: 0, paragraph: 0, article: 0 };
  const idf = (termId: number) => idfOf(index, index.documentFrequency[termId]!);
  const meaning = new QuestionMeaning(
    index,
    resolved.meaningWords,
    resolved.meaningWords.map((word) => resolved.bitIdf[word.bit]!),
    idf,
  );
  const allBits = resolved.bitCount === 32 ? -1 : (1 << resolved.bitCount) - 1;

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
    let previousPosition = -2;
    let previousIdf = 0;
    const start = index.sentenceTermStart[s]!;
    const end = index.sentenceTermStart[s + 1]!;
    for (let p = start; p < end; p += 1) {
      const termId = index.sentenceTerms[p]!;
      const word = ownWords.get(termId);
      if (word !== undefined) {
        if (word.position === previousPosition + 1) phrase += Math.min(word.idf, previousIdf);
        previousPosition = word.position;
        previousIdf = word.idf;
      } else {
        previousPosition = -2;
        if (!questionTermIds.has(termId)) {
          novel += 1;
          const flags = index.sentenceTermFlags[p]!;
          if (wantedFlags !== 0 && (flags & wantedFlags) !== 0 && (flags & excludedFlags) === 0) hasAnswerType = true;
        }
      }
    }
    const length = end - start;
    const wantsType = wantedFlags !== 0 || cue !== undefined;
    if (cue !== undefined) hasAnswerType = cue.test(index.sentences[s]!.text);
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
      length: Math.log1p(length) / 4,
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

/** The `size` best-scoring sentences seen, kept in a binary min-heap. */
class Shortlist {
  private readonly sentences: Uint32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.sentences = new Uint32Array(size);
    this.scores = new Float64Array(size);
  }

  offer(sentence: number, score: number): void {
    if (this.count < this.size) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.sentences[i] = this.sentences[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.sentences[i] = sentence;
      this.scores[i] = score;
      return;
    }
    if (score <= this.scores[0]!) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.sentences[i] = this.sentences[child]!;
      this.scores[i] = this.scores[child]!;
      i = child;
    }
    this.sentences[i] = sentence;
    this.scores[i] = score;
  }

  /** The kept sentences, best first. */
  drain(): { sentence: number; score: number }[] {
    const out: { sentence: number; score: number }[] = [];
    for (let i = 0; i < this.count; i += 1) out.push({ sentence: this.sentences[i]!, score: this.scores[i]! });
    return out.sort((x, y) => y.score - x.score);
  }
}

/**
 * Meaning at query time: how a question's words relate to a sentence's words beyond sharing a
 * stem, from the lexicon (src/nlp/lexicon.ts: WordNet relations and word vectors).
 *
 *   - relatedStandIns: words related to a question word that the corpus has, to join stage 1
 *     as stand-ins at a lower weight ("soldiers" finds "troops");
 *   - softCoverage: for each question word a sentence lacks literally, credit from the best
 *     related word the sentence has, weighted by the word's idf;
 *   - meanSimilarity: the cosine of the idf-weighted mean word vectors of question and
 *     sentence (cf. the "average word embedding" baseline of sentence similarity, Arora et
 *     al., ICLR 2017, without the principal-component removal).
 */
import { emptyTermRun, sentenceTermRun, type SentenceIndex } from '../index/sentenceIndex.ts';
import { lexicon, RelationKind, vectorDimensions, type Lexicon } from '../nlp/lexicon.ts';
import {
  lexiconIdsOf,
  scratchFor,
  sentenceNormsOf,
  type MeaningScratch,
  type TermLexiconIds,
} from './meaningCaches.ts';

/**
 * How much a relation of each kind says two words mean the same, 0..1. WordNet's synonyms and
 * derivations are near-equivalents ("decide" / "decision"); a hypernym is looser ("march"
 * for "troops"). Word-vector neighbours count by their cosine.
 */
const relationStrength: Record<RelationKind, number> = {
  [RelationKind.synonym]: 0.9,
  [RelationKind.derivation]: 0.85,
  [RelationKind.hypernym]: 0.5,
  [RelationKind.neighbour]: 0,
};

/**
 * Below this cosine two word vectors are not taken as related: in GloVe-like spaces, words of
 * one topic that do not mean the same ("Iraq" / "Syria", "bought" / "sold") sit around 0.5-0.7,
 * so a cosine only gives partial credit, scaled from here to 1.
 */
const minimumCosine = 0.45;

/**
 * How related (relatedness, 0..1) a word must be to a question word to say it: a WordNet
 * hypernym's strength, or a vector cosine halfway from minimumCosine to 1.
 */
export const relatedEnough = 0.5;

/** Stand-ins per question word in stage 1: the strongest few, so that a common word does not flood the postings. */
const standInsPerWord = 6;

/**
 * How related two lexicon ids are, 0..1: the strongest WordNet relation or the scaled vector
 * cosine. For a name, only WordNet's synonyms and derivations count ("US" / "American"):
 * vectors put names of one kind side by side ("Iraq" / "Afghanistan", "Biden" / "Obama"), and
 * another name is another answer, not a paraphrase.
 */
export function relatedness(lx: Lexicon, a: number, b: number, name = false): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  const kind = lx.relation(a, b);
  const byRelation = kind === -1 || (name && kind >= RelationKind.hypernym) ? 0 : relationStrength[kind];
  if (name) return byRelation;
  const cosine = lx.cosine(a, b);
  const byVector = cosine <= minimumCosine ? 0 : (cosine - minimumCosine) / (1 - minimumCosine);
  return Math.max(byRelation, byVector);
}

export interface StandIn {
  readonly termId: number;
  /** 0..1: how related it is to the question word. */
  readonly strength: number;
}

/** Index terms related to a question word (by its stem's lexicon id), strongest first. */
export function relatedStandIns(index: SentenceIndex, lexiconId: number, name = false): StandIn[] {
  if (lexiconId < 0) return [];
  const lx = lexicon();
  const out: StandIn[] = [];
  const seen = new Set<number>();
  lx.forEachRelated(lexiconId, (other, kind) => {
    if (kind === RelationKind.hypernym) return;
    const termId = index.termIds.get(lx.stems[other]!);
    if (termId === undefined || seen.has(termId)) return;
    seen.add(termId);
    const strength = relatedness(lx, lexiconId, other, name);
    if (strength > 0) out.push({ termId, strength });
  });
  return out.sort((x, y) => y.strength - x.strength || x.termId - y.termId).slice(0, standInsPerWord);
}

/** A question word as soft coverage sees it. */
export interface MeaningWord {
  readonly bit: number;
  readonly lexiconId: number;
  /** A name: related only through WordNet synonyms and derivations (see relatedness). */
  readonly name: boolean;
}

/**
 * Per-question state for the stage-2 meaning features. Each index term a shortlisted sentence
 * has is worked out once per question: its relatedness to every question word (WordNet
 * relations looked up in a map made once per word, cosines against the word's vector) and the
 * dot of its unit vector with the question's mean vector.
 */
export class QuestionMeaning {
  private readonly lx = lexicon();
  private readonly index: SentenceIndex;
  private readonly termLexiconIds: TermLexiconIds;
  private readonly scratch: MeaningScratch;
  private readonly sentenceNorm: Float32Array;
  /** Where the sentence being looked at has its terms (reused). */
  private readonly run = emptyTermRun();
  /** The question's idf-weighted mean vector, unnormalised, and its norm. */
  private readonly vector = new Float64Array(vectorDimensions);
  private readonly vectorNorm: number;
  /** Each question word's unit vector (zeros without one) and its related stems with their strength. */
  private readonly wordVectors: Float64Array[];
  private readonly wordRelations: Map<number, number>[];
  private readonly width: number;
  private slots = 0;
  private readonly idf: (termId: number) => number;

  constructor(
    index: SentenceIndex,
    readonly words: readonly MeaningWord[],
    weights: readonly number[],
    idf: (termId: number) => number,
  ) {
    this.index = index;
    this.termLexiconIds = lexiconIdsOf(index);
    const scratch = scratchFor(index);
    this.scratch = scratch;
    this.sentenceNorm = sentenceNormsOf(index);
    scratch.currentStamp = (scratch.currentStamp + 1) | 0 || 1;
    this.idf = idf;
    this.width = words.length + 1;
    words.forEach((word, i) => this.lx.addVector(word.lexiconId, weights[i]!, this.vector));
    let norm = 0;
    for (let d = 0; d < vectorDimensions; d += 1) norm += this.vector[d]! * this.vector[d]!;
    this.vectorNorm = Math.sqrt(norm);
    this.wordVectors = words.map((word) => {
      const unit = new Float64Array(vectorDimensions);
      // Names count only through WordNet (see relatedness): no vector.
      if (!word.name) this.lx.addVector(word.lexiconId, 1, unit);
      return unit;
    });
    this.wordRelations = words.map((word) => {
      const related = new Map<number, number>();
      this.lx.forEachRelated(word.lexiconId, (other, kind) => {
        if (related.has(other) || (word.name && kind >= RelationKind.hypernym)) return;
        related.set(other, relationStrength[kind]);
      });
      return related;
    });
  }

  private lexiconIdOf(termId: number): number {
    const { below, firstAbove, above } = this.termLexiconIds;
    return termId < firstAbove ? below[termId]! : above[termId - firstAbove]!;
  }

  /** The slot of an index term's figures for this question, worked out on first need. */
  private slotOf(termId: number): number {
    const scratch = this.scratch;
    if (scratch.stamp[termId] === scratch.currentStamp) return scratch.slot[termId]!;
    const slot = this.slots++;
    scratch.stamp[termId] = scratch.currentStamp;
    scratch.slot[termId] = slot;
    if ((slot + 1) * this.width > scratch.figures.length) {
      const grown = new Float64Array(scratch.figures.length * 2);
      grown.set(scratch.figures);
      scratch.figures = grown;
    }
    const figures = scratch.figures;
    const base = slot * this.width;
    // Worked out when first asked for (credit): a sentence asks only for the words it lacks.
    figures.fill(Number.NaN, base, base + this.words.length);
    figures[base + this.words.length] =
      this.vectorNorm === 0 ? 0 : this.lx.dotUnit(this.lexiconIdOf(termId), this.vector);
    return slot;
  }

  /** Relatedness of question word `w` to an index term, 0..1 (see relatedness). */
  private credit(w: number, termId: number): number {
    const at = this.slotOf(termId) * this.width + w;
    const figures = this.scratch.figures;
    const known = figures[at]!;
    if (known === known) return known;
    const lexiconId = this.lexiconIdOf(termId);
    const word = this.words[w]!;
    let credit = 0;
    if (lexiconId >= 0 && word.lexiconId >= 0) {
      if (lexiconId === word.lexiconId) credit = 1;
      else {
        const related = this.wordRelations[w]!.get(lexiconId);
        credit = related ?? 0;
        // Every pair is compared by cosine, not only the neighbours the lexicon lists: one
        // more seed-chat fit question ranked first (0.551 against 0.531, SQuAD equal), for
        // about 0.3 ms more at the 95th percentile of SQuAD dev queries.
        if (!word.name) {
          const cosine = this.lx.dotUnit(lexiconId, this.wordVectors[w]!);
          if (cosine > minimumCosine) credit = Math.max(credit, (cosine - minimumCosine) / (1 - minimumCosine));
        }
      }
    }
    figures[at] = credit;
    return credit;
  }

  /**
   * The idf mass of the question words in `missingMask` that the sentence's terms relate to,
   * each at its best related term's strength.
   */
  softCoverage(sentence: number, missingMask: number, bitIdf: Float64Array): number {
    if (missingMask === 0) return 0;
    const { index } = this;
    const { terms, from: start, to: end } = sentenceTermRun(index, sentence, this.run);
    let sum = 0;
    for (let w = 0; w < this.words.length; w += 1) {
      const word = this.words[w]!;
      if ((missingMask & (1 << word.bit)) === 0 || word.lexiconId < 0) continue;
      let best = 0;
      for (let p = start; p < end && best < 1; p += 1) best = Math.max(best, this.credit(w, terms[p]!));
      sum += best * bitIdf[word.bit]!;
    }
    return sum;
  }

  /** Bits of the question words in `mask` that the sentence has a related word for (see wordsRelatedTo). */
  relatedMask(sentence: number, mask: number): number {
    if (mask === 0) return 0;
    const { terms, from, to } = sentenceTermRun(this.index, sentence, this.run);
    let found = 0;
    for (let p = from; p < to && found !== mask; p += 1) found |= this.wordsRelatedTo(terms[p]!, mask & ~found);
    return found;
  }

  /** Bits of the question words in `mask` that an index term is, or says in related words (relatedEnough). */
  wordsRelatedTo(termId: number, mask: number): number {
    let found = 0;
    for (let w = 0; w < this.words.length; w += 1) {
      const word = this.words[w]!;
      if ((mask & (1 << word.bit)) !== 0 && word.lexiconId >= 0 && this.credit(w, termId) >= relatedEnough)
        found |= 1 << word.bit;
    }
    return found;
  }

  /**
   * Cosine of the question's and the sentence's idf-weighted mean vectors; 0 when either has
   * none. The sentence's norm depends on the index only, so it is kept.
   */
  meanSimilarity(sentence: number): number {
    if (this.vectorNorm === 0) return 0;
    const { index } = this;
    const { terms, from: start, to: end } = sentenceTermRun(index, sentence, this.run);
    let dot = 0;
    for (let p = start; p < end; p += 1) {
      const termId = terms[p]!;
      if (this.lexiconIdOf(termId) < 0) continue;
      dot += this.idf(termId) * this.scratch.figures[this.slotOf(termId) * this.width + this.words.length]!;
    }
    let norm = this.sentenceNorm[sentence]!;
    if (norm < 0) {
      const sum = new Float64Array(vectorDimensions);
      for (let p = start; p < end; p += 1) this.lx.addVector(this.lexiconIdOf(terms[p]!), this.idf(terms[p]!), sum);
      norm = 0;
      for (let d = 0; d < vectorDimensions; d += 1) norm += sum[d]! * sum[d]!;
      norm = Math.sqrt(norm);
      this.sentenceNorm[sentence] = norm;
    }
    return norm === 0 ? 0 : dot / (norm * this.vectorNorm);
  }
}

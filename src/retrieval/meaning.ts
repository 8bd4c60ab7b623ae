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
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { lexicon, RelationKind, vectorDimensions, type Lexicon } from '../nlp/lexicon.ts';

/**
 * How much a relation of each kind says two words mean the same, 0..1. WordNet's synonyms and
 * derivations are near-equivalents ("withdraw" / "withdrawal"); a hypernym is looser ("march"
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

/** Stand-ins per question word in stage 1: the strongest few, so that a common word does not flood the postings. */
const standInsPerWord = 6;

/** The lexicon id of each of an index's terms (-1 when it has none), worked out once per index. */
const lexiconIdCache = new WeakMap<SentenceIndex, Int32Array>();

export function lexiconIdsOf(index: SentenceIndex): Int32Array {
  let ids = lexiconIdCache.get(index);
  if (ids) return ids;
  const lx = lexicon();
  ids = new Int32Array(index.vocabulary.length);
  index.vocabulary.forEach((term, termId) => (ids![termId] = lx.idOf(term)));
  lexiconIdCache.set(index, ids);
  return ids;
}

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
 * Per-question state for the stage-2 meaning features: the question's mean vector, and a
 * cache of word-to-term relatedness (sentences of one shortlist share many words).
 */
export class QuestionMeaning {
  private readonly lx = lexicon();
  private readonly termLexiconIds: Int32Array;
  readonly vector = new Float64Array(vectorDimensions);
  private readonly hasVector: boolean;
  private readonly cache = new Map<number, number>();
  private readonly idf: (termId: number) => number;

  constructor(
    index: SentenceIndex,
    readonly words: readonly MeaningWord[],
    weights: readonly number[],
    idf: (termId: number) => number,
  ) {
    this.termLexiconIds = lexiconIdsOf(index);
    this.idf = idf;
    let any = false;
    words.forEach((word, i) => {
      if (this.lx.addVector(word.lexiconId, weights[i]!, this.vector)) any = true;
    });
    this.hasVector = any;
  }

  /** Relatedness of question word `w` (its index in `words`) to an index term. */
  private credit(w: number, termId: number): number {
    const key = termId * 32 + w;
    let value = this.cache.get(key);
    if (value === undefined) {
      const word = this.words[w]!;
      value = relatedness(this.lx, word.lexiconId, this.termLexiconIds[termId]!, word.name);
      this.cache.set(key, value);
    }
    return value;
  }

  /**
   * The idf mass of the question words in `missingMask` that the sentence's terms relate to,
   * each at its best related term's strength.
   */
  softCoverage(index: SentenceIndex, sentence: number, missingMask: number, bitIdf: Float64Array): number {
    if (missingMask === 0) return 0;
    const start = index.sentenceTermStart[sentence]!;
    const end = index.sentenceTermStart[sentence + 1]!;
    let sum = 0;
    for (let w = 0; w < this.words.length; w += 1) {
      const word = this.words[w]!;
      if ((missingMask & (1 << word.bit)) === 0 || word.lexiconId < 0) continue;
      let best = 0;
      for (let p = start; p < end && best < 1; p += 1) best = Math.max(best, this.credit(w, index.sentenceTerms[p]!));
      sum += best * bitIdf[word.bit]!;
    }
    return sum;
  }

  /** Bits of the question words in `mask` that the sentence has a related word for (relatedness >= 0.5). */
  relatedMask(index: SentenceIndex, sentence: number, mask: number): number {
    if (mask === 0) return 0;
    let found = 0;
    const start = index.sentenceTermStart[sentence]!;
    const end = index.sentenceTermStart[sentence + 1]!;
    for (let w = 0; w < this.words.length; w += 1) {
      const word = this.words[w]!;
      if ((mask & (1 << word.bit)) === 0 || word.lexiconId < 0) continue;
      for (let p = start; p < end; p += 1) {
        if (this.credit(w, index.sentenceTerms[p]!) >= 0.5) {
          found |= 1 << word.bit;
          break;
        }
      }
    }
    return found;
  }

  /** Cosine of the question's and the sentence's idf-weighted mean vectors; 0 when either has none. */
  meanSimilarity(index: SentenceIndex, sentence: number, scratch: Float64Array): number {
    if (!this.hasVector) return 0;
    scratch.fill(0);
    let any = false;
    for (let p = index.sentenceTermStart[sentence]!; p < index.sentenceTermStart[sentence + 1]!; p += 1) {
      const termId = index.sentenceTerms[p]!;
      if (this.lx.addVector(this.termLexiconIds[termId]!, this.idf(termId), scratch)) any = true;
    }
    if (!any) return 0;
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let d = 0; d < vectorDimensions; d += 1) {
      dot += this.vector[d]! * scratch[d]!;
      a += this.vector[d]! * this.vector[d]!;
      b += scratch[d]! * scratch[d]!;
    }
    return a === 0 || b === 0 ? 0 : dot / Math.sqrt(a * b);
  }
}

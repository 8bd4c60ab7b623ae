/**
 * What the meaning features keep between questions: each index's terms by lexicon id (made
 * once per index; an index with a server's terms added keeps the shared index's and adds its
 * own), each sentence's mean-vector norm (per index, as it depends on the index's idf), and
 * the scratch a question works in (one for every index).
 */
import { sentenceCountOf, termAt, termCountOf, type SentenceIndex } from '../index/sentenceIndex.ts';
import { lexicon } from '../nlp/lexicon.ts';

/**
 * The lexicon id of each of an index's terms (-1 when it has none), worked out once per index:
 * the ids of its first terms (`below`) and of the terms from `firstAbove` on (`above`), so that
 * an index with a server's terms added to the shared ones keeps the shared ids, not a copy.
 */
export interface TermLexiconIds {
  readonly below: Int32Array;
  readonly firstAbove: number;
  readonly above: Int32Array;
}

const lexiconIdCache = new WeakMap<SentenceIndex, TermLexiconIds>();

function lexiconIdsFrom(index: SentenceIndex, first: number): Int32Array {
  const lx = lexicon();
  const count = termCountOf(index);
  const ids = new Int32Array(count - first);
  for (let termId = first; termId < count; termId += 1) ids[termId - first] = lx.idOf(termAt(index, termId)!);
  return ids;
}

/** Indexes that are a base with terms added, whose ids are worked out from the base's when first asked for. */
const layers = new WeakMap<SentenceIndex, { readonly base: SentenceIndex; readonly firstAddedTerm: number }>();

export function lexiconIdsOf(index: SentenceIndex): TermLexiconIds {
  let ids = lexiconIdCache.get(index);
  if (ids) return ids;
  const layer = layers.get(index);
  ids = layer
    ? {
        below: lexiconIdsOf(layer.base).below,
        firstAbove: layer.firstAddedTerm,
        above: lexiconIdsFrom(index, layer.firstAddedTerm),
      }
    : { below: lexiconIdsFrom(index, 0), firstAbove: termCountOf(index), above: new Int32Array(0) };
  lexiconIdCache.set(index, ids);
  return ids;
}

/**
 * For an index that is `base` with terms added from `firstAddedTerm` on: its ids are the
 * base's, then the added terms', looked up when first asked for (as the spelling index's).
 */
export function layerLexiconIds(index: SentenceIndex, base: SentenceIndex, firstAddedTerm: number): void {
  layers.set(index, { base, firstAddedTerm });
}

/**
 * Scratch for QuestionMeaning, reused by every question of every index (a question is worked
 * out start to finish without yielding): which terms the question has already worked out (by
 * a stamp per term) and where their figures are. Made again only for a larger vocabulary.
 */
export class MeaningScratch {
  readonly stamp: Int32Array;
  readonly slot: Int32Array;
  currentStamp = 0;
  /** Per slot: the term's relatedness to each question word (NaN until asked), then its vector's dot with the question vector. */
  figures = new Float64Array(1024);

  constructor(readonly termCount: number) {
    this.stamp = new Int32Array(termCount);
    this.slot = new Int32Array(termCount);
  }
}

let meaningScratch = new MeaningScratch(0);

export function scratchFor(index: SentenceIndex): MeaningScratch {
  if (meaningScratch.termCount < termCountOf(index)) {
    const grown = new MeaningScratch(termCountOf(index));
    // Stamps go on from the last one, so that no term of the new scratch looks worked out.
    grown.currentStamp = meaningScratch.currentStamp;
    meaningScratch = grown;
  }
  return meaningScratch;
}

/**
 * Each sentence's mean-vector norm, worked out on first need and kept: it depends on the
 * index's idf only. -1 until worked out.
 */
const sentenceNorms = new WeakMap<SentenceIndex, Float32Array>();

export function sentenceNormsOf(index: SentenceIndex): Float32Array {
  let norms = sentenceNorms.get(index);
  if (!norms) sentenceNorms.set(index, (norms = new Float32Array(sentenceCountOf(index)).fill(-1)));
  return norms;
}

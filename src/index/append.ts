/**
 * A server's own articles over the shared library: the index `buildIndex` would make of the
 * shared articles followed by the server's, put together from the shared index and a small
 * index of the server's articles alone, without reading any article again.
 *
 * The shared arrays are copied with the server's postings slotted in (a few memcpy runs, one
 * per server term the shared index has too), so the result has the collection statistics of
 * both together: document frequencies, sentence count and average sentence length. A server
 * sentence and a shared one with the same match therefore score the same, and near-duplicates
 * across the two are grouped as in one index. Shared term ids stay as they are, so per-index
 * caches built from the shared vocabulary (lexicon ids, the spelling-correction index) are
 * extended rather than built again.
 */
import { groupNearDuplicates } from './nearDuplicates.ts';
import type { SentenceIndex } from './sentenceIndex.ts';

/** Term ids of the shared index, then the server's terms it lacks, numbered after them. */
class LayeredTermIds implements ReadonlyMap<string, number> {
  constructor(
    private readonly base: ReadonlyMap<string, number>,
    private readonly added: ReadonlyMap<string, number>,
  ) {}
  get(term: string): number | undefined {
    return this.base.get(term) ?? this.added.get(term);
  }
  has(term: string): boolean {
    return this.base.has(term) || this.added.has(term);
  }
  get size(): number {
    return this.base.size + this.added.size;
  }
  *entries(): MapIterator<[string, number]> {
    yield* this.base.entries();
    yield* this.added.entries();
  }
  *keys(): MapIterator<string> {
    for (const [term] of this.entries()) yield term;
  }
  *values(): MapIterator<number> {
    for (const [, id] of this.entries()) yield id;
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [term, id] of this.entries()) callback(id, term, this);
  }
}

/** The merged index, and which of its term ids are the server's alone (from `firstAddedTerm` on). */
export interface AppendedIndex {
  readonly index: SentenceIndex;
  readonly firstAddedTerm: number;
}

export function appendIndex(base: SentenceIndex, extra: SentenceIndex): AppendedIndex {
  const baseTerms = base.vocabulary.length;
  // Server term id -> merged term id.
  const termMap = new Uint32Array(extra.vocabulary.length);
  const addedTerms: string[] = [];
  const addedIds = new Map<string, number>();
  extra.vocabulary.forEach((term, t) => {
    const id = base.termIds.get(term);
    if (id !== undefined) termMap[t] = id;
    else {
      termMap[t] = baseTerms + addedTerms.length;
      addedIds.set(term, termMap[t]!);
      addedTerms.push(term);
    }
  });
  const termCount = baseTerms + addedTerms.length;
  const baseSentences = base.sentences.length;

  const documentFrequency = new Uint32Array(termCount);
  documentFrequency.set(base.documentFrequency);
  const extraPostings = new Uint32Array(termCount);
  for (let t = 0; t < extra.vocabulary.length; t += 1) {
    const count = extra.postingStart[t + 1]! - extra.postingStart[t]!;
    extraPostings[termMap[t]!] = count;
    documentFrequency[termMap[t]!]! += extra.documentFrequency[t]!;
  }
  const postingStart = new Uint32Array(termCount + 1);
  for (let t = 0; t < termCount; t += 1) {
    const own = t < baseTerms ? base.postingStart[t + 1]! - base.postingStart[t]! : 0;
    postingStart[t + 1] = postingStart[t]! + own + extraPostings[t]!;
  }
  const postingSentence = new Uint32Array(postingStart[termCount]!);
  const postingFrequency = new Uint16Array(postingSentence.length);
  // Each term's postings are the shared ones then the server's (whose sentences come after
  // every shared one, so the list stays in sentence order). Shared postings move in runs
  // between the terms that get server postings.
  const extraTermOf = new Int32Array(termCount).fill(-1);
  for (let t = 0; t < extra.vocabulary.length; t += 1) extraTermOf[termMap[t]!] = t;
  const interleaved = [...termMap].sort((x, y) => x - y);
  let runFrom = 0;
  let shift = 0;
  const copyBaseTerms = (to: number): void => {
    const from = base.postingStart[runFrom]!;
    const end = base.postingStart[to]!;
    postingSentence.set(base.postingSentence.subarray(from, end), from + shift);
    postingFrequency.set(base.postingFrequency.subarray(from, end), from + shift);
    runFrom = to;
  };
  for (const term of interleaved) {
    const t = extraTermOf[term]!;
    if (term < baseTerms) copyBaseTerms(term + 1);
    let at = postingStart[term + 1]! - extraPostings[term]!;
    for (let p = extra.postingStart[t]!; p < extra.postingStart[t + 1]!; p += 1, at += 1) {
      postingSentence[at] = extra.postingSentence[p]! + baseSentences;
      postingFrequency[at] = extra.postingFrequency[p]!;
    }
    if (term < baseTerms) shift += extraPostings[term]!;
  }
  copyBaseTerms(baseTerms);

  const baseTermCount = base.sentenceTerms.length;
  const sentenceTermStart = new Uint32Array(baseSentences + extra.sentences.length + 1);
  sentenceTermStart.set(base.sentenceTermStart);
  for (let s = 1; s <= extra.sentences.length; s += 1)
    sentenceTermStart[baseSentences + s] = extra.sentenceTermStart[s]! + baseTermCount;
  const sentenceTerms = new Uint32Array(baseTermCount + extra.sentenceTerms.length);
  sentenceTerms.set(base.sentenceTerms);
  for (let p = 0; p < extra.sentenceTerms.length; p += 1)
    sentenceTerms[baseTermCount + p] = termMap[extra.sentenceTerms[p]!]!;

  const baseParagraphs = baseSentences === 0 ? 0 : base.sentenceParagraph[baseSentences - 1]! + 1;
  const sentences = [...base.sentences, ...extra.sentences];
  const partial = {
    articles: [...base.articles, ...extra.articles],
    sentences,
    vocabulary: addedTerms.length === 0 ? base.vocabulary : [...base.vocabulary, ...addedTerms],
    termIds: new LayeredTermIds(base.termIds, addedIds),
    documentFrequency,
    postingStart,
    postingSentence,
    postingFrequency,
    sentenceTermStart,
    sentenceTerms,
    sentenceTermFlags: concatenated(base.sentenceTermFlags, extra.sentenceTermFlags),
    sentenceArticle: offsetConcatenated(base.sentenceArticle, extra.sentenceArticle, base.articles.length),
    sentenceParagraph: offsetConcatenated(base.sentenceParagraph, extra.sentenceParagraph, baseParagraphs),
    sentenceQuotable: concatenated(base.sentenceQuotable, extra.sentenceQuotable),
    sentenceGroup: new Uint32Array(0),
    // As buildIndex works them out, over both.
    averageSentenceLength: sentences.length === 0 ? 1 : Math.max(1, sentenceTerms.length / sentences.length),
    searchableCount: Math.max(1, sentences.length),
  } satisfies SentenceIndex;
  // Shared sentences keep their groups; the server's are grouped against everything before them.
  const sentenceGroup = groupNearDuplicates(partial, { from: baseSentences, groups: base.sentenceGroup });
  return { index: { ...partial, sentenceGroup }, firstAddedTerm: baseTerms };
}

function concatenated(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function offsetConcatenated(a: Uint32Array, b: Uint32Array, offset: number): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  for (let i = 0; i < b.length; i += 1) out[a.length + i] = b[i]! + offset;
  return out;
}

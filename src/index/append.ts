/**
 * A server's own articles over the shared library: the index `buildIndex` would make of the
 * shared articles followed by the server's, put together from the shared index and a small
 * index of the server's articles alone, without reading any article again.
 *
 * The result has the collection statistics of both together (document frequencies, sentence
 * count, average sentence length), so a server sentence and a shared one with the same match
 * score the same, and near-duplicates across the two are grouped as in one index. What grows
 * with the shared library is not copied: the shared postings and sentence terms are the shared
 * index's own arrays, and the server's sit beside them (`appended`, read through postingRuns and
 * sentenceTermRun). Only what is kept per sentence or per term (sentence -> article, paragraph,
 * group, where its terms start; document frequencies) is copied, a few bytes a sentence. Shared
 * term ids stay as they are, so per-index caches built from the shared vocabulary (lexicon ids,
 * the spelling-correction index) are extended rather than built again.
 */
import { distinctTermCounts, groupNearDuplicates } from './nearDuplicates.ts';
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
  if (base.appended || extra.appended) throw new Error('an index with sentences appended is not appended to again');
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
  // The server's postings keep their rows (its own term order), found by merged term id.
  const postingRow = new Map<number, number>();
  for (let t = 0; t < extra.vocabulary.length; t += 1) {
    documentFrequency[termMap[t]!]! += extra.documentFrequency[t]!;
    postingRow.set(termMap[t]!, t);
  }
  const postingSentence = new Uint32Array(extra.postingSentence.length);
  for (let p = 0; p < postingSentence.length; p += 1) postingSentence[p] = extra.postingSentence[p]! + baseSentences;

  const baseTermCount = base.sentenceTermStart[baseSentences]!;
  const sentenceTermStart = new Uint32Array(baseSentences + extra.sentences.length + 1);
  sentenceTermStart.set(base.sentenceTermStart);
  for (let s = 1; s <= extra.sentences.length; s += 1)
    sentenceTermStart[baseSentences + s] = extra.sentenceTermStart[s]! + baseTermCount;
  const sentenceTerms = new Uint32Array(extra.sentenceTerms.length);
  for (let p = 0; p < sentenceTerms.length; p += 1) sentenceTerms[p] = termMap[extra.sentenceTerms[p]!]!;

  const baseParagraphs = baseSentences === 0 ? 0 : base.sentenceParagraph[baseSentences - 1]! + 1;
  const sentences = base.sentences.concat(extra.sentences);
  const allTerms = baseTermCount + sentenceTerms.length;
  const partial = {
    articles: base.articles.concat(extra.articles),
    sentences,
    vocabulary: addedTerms.length === 0 ? base.vocabulary : base.vocabulary.concat(addedTerms),
    termIds: new LayeredTermIds(base.termIds, addedIds),
    documentFrequency,
    postingStart: base.postingStart,
    postingSentence: base.postingSentence,
    postingFrequency: base.postingFrequency,
    sentenceTermStart,
    sentenceTerms: base.sentenceTerms,
    sentenceTermFlags: base.sentenceTermFlags,
    sentenceArticle: offsetConcatenated(base.sentenceArticle, extra.sentenceArticle, base.articles.length),
    sentenceParagraph: offsetConcatenated(base.sentenceParagraph, extra.sentenceParagraph, baseParagraphs),
    sentenceQuotable: concatenated(base.sentenceQuotable, extra.sentenceQuotable),
    sentenceGroup: new Uint32Array(0),
    // As buildIndex works them out, over both.
    averageSentenceLength: sentences.length === 0 ? 1 : Math.max(1, allTerms / sentences.length),
    searchableCount: Math.max(1, sentences.length),
    appended: {
      base,
      firstTermPosition: baseTermCount,
      sentenceTerms,
      sentenceTermFlags: extra.sentenceTermFlags,
      postingRow,
      postingStart: extra.postingStart,
      postingSentence,
      postingFrequency: extra.postingFrequency,
    },
  } satisfies SentenceIndex;
  // Shared sentences keep their groups; the server's are grouped against everything before them.
  const sentenceGroup = groupNearDuplicates(partial, {
    from: baseSentences,
    groups: base.sentenceGroup,
    distinct: distinctTermCounts(base),
  });
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

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
 * sentenceTermRun); so do the sentences and the vocabulary (read through sentenceAt and termAt:
 * lists of them all, a few hundred kilobytes of heap an engine, are made only when asked for as
 * lists). What is kept per sentence or per term in typed arrays (sentence -> article, paragraph,
 * group, where its terms start; document frequencies) is one set for every server over the
 * shared index, with the server's part written in when its index is read (mergedArrays.ts). Shared
 * term ids stay as they are, so per-index caches built from the shared vocabulary (lexicon ids,
 * the spelling-correction index) are extended rather than built again.
 */
import { distinctTermCounts, groupNearDuplicates } from './nearDuplicates.ts';
import type { Article, Sentence } from '../corpus/types.ts';
import { mergedArrays, setMergedGroups, type MergedArrays, type MergedPart } from './mergedArrays.ts';
import type { AppendedTerms, SentenceIndex, TermLookup } from './sentenceIndex.ts';

/** Term ids of the shared index, then the server's terms it lacks, numbered after them. */
class LayeredTermIds implements TermLookup {
  constructor(
    private readonly base: TermLookup,
    private readonly added: TermLookup,
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
}

/**
 * Where a server's index meets the shared one: each of its terms' merged id, and each of its
 * sentences' near-duplicate group in the merged index. appendIndex works it out (a few
 * thousand vocabulary lookups and the grouping: about a millisecond for a few news articles);
 * given back for the same two indexes (kept in the store, storedLink.ts), it spares that work.
 */
export interface AppendLink {
  /** Server term id -> merged term id: a shared id, or the next id after the shared ones. */
  readonly termMap: Uint32Array;
  /** Server sentence -> merged sentence id of its group (itself, or an earlier sentence). */
  readonly groups: Uint32Array;
}

/** The merged index, which of its term ids are the server's alone (from `firstAddedTerm` on), and its link. */
export interface AppendedIndex {
  readonly index: SentenceIndex;
  readonly firstAddedTerm: number;
  readonly link: AppendLink;
  /** Whether `link` was the one given (else it was worked out). */
  readonly linkGiven: boolean;
}

/**
 * `base` with `extra` appended. `link`, when given, must be the link of these two indexes (the
 * store keeps it by both indexes' hashes); one that cannot be theirs (wrong lengths, ids out of
 * range or out of order) is ignored and the link worked out.
 */
export function appendIndex(base: SentenceIndex, extra: SentenceIndex, link?: AppendLink): AppendedIndex {
  if (base.appended || extra.appended) throw new Error('an index with sentences appended is not appended to again');
  const baseTerms = base.vocabulary.length;
  const given = link !== undefined && fitsLink(base, extra, link);
  // Server term id -> merged term id.
  const termMap = given ? link.termMap : new Uint32Array(extra.vocabulary.length);
  const addedTerms: string[] = [];
  const addedIds = new Map<string, number>();
  extra.vocabulary.forEach((term, t) => {
    // With a link, the shared vocabulary is not looked in, and the link's ids are read, not written.
    if (given) {
      if (termMap[t]! >= baseTerms) {
        addedIds.set(term, termMap[t]!);
        addedTerms.push(term);
      }
      return;
    }
    const sharedId = base.termIds.get(term);
    if (sharedId !== undefined) termMap[t] = sharedId;
    else {
      termMap[t] = baseTerms + addedTerms.length;
      addedIds.set(term, termMap[t]!);
      addedTerms.push(term);
    }
  });
  const termCount = baseTerms + addedTerms.length;
  const baseSentences = base.sentences.length;

  // The server's postings keep their rows (its own term order), found by merged term id.
  const postingRow = new Map<number, number>();
  for (let t = 0; t < extra.vocabulary.length; t += 1) postingRow.set(termMap[t]!, t);
  const postingSentence = new Uint32Array(extra.postingSentence.length);
  for (let p = 0; p < postingSentence.length; p += 1) postingSentence[p] = extra.postingSentence[p]! + baseSentences;

  const baseTermCount = base.sentenceTermStart[baseSentences]!;
  const sentenceTerms = new Uint32Array(extra.sentenceTerms.length);
  for (let p = 0; p < sentenceTerms.length; p += 1) sentenceTerms[p] = termMap[extra.sentenceTerms[p]!]!;

  const sentenceCount = baseSentences + extra.sentences.length;
  const allTerms = baseTermCount + sentenceTerms.length;
  const part: MergedPart = {
    base,
    extra,
    termMap,
    termCount,
    firstArticle: base.articles.length,
    firstParagraph: baseSentences === 0 ? 0 : base.sentenceParagraph[baseSentences - 1]! + 1,
    groups: undefined,
  };
  const index = new MergedIndex(
    {
      articles: base.articles.concat(extra.articles),
      termIds: new LayeredTermIds(base.termIds, addedIds),
      postingStart: base.postingStart,
      postingSentence: base.postingSentence,
      postingFrequency: base.postingFrequency,
      sentenceTerms: base.sentenceTerms,
      sentenceTermFlags: base.sentenceTermFlags,
      // As buildIndex works them out, over both.
      averageSentenceLength: sentenceCount === 0 ? 1 : Math.max(1, allTerms / sentenceCount),
      searchableCount: Math.max(1, sentenceCount),
      appended: {
        base,
        sentences: extra.sentences,
        terms: addedTerms,
        firstTermPosition: baseTermCount,
        sentenceTerms,
        sentenceTermFlags: extra.sentenceTermFlags,
        postingRow,
        postingStart: extra.postingStart,
        postingSentence,
        postingFrequency: extra.postingFrequency,
      },
    },
    part,
  );
  // Shared sentences keep their groups; the server's are grouped against everything before them.
  const groups = given
    ? link.groups
    : groupNearDuplicates(forGrouping(index, sentenceCount, termCount), {
        from: baseSentences,
        groups: base.sentenceGroup,
        distinct: distinctTermCounts(base),
      }).slice(baseSentences);
  setMergedGroups(part, groups);
  return { index, firstAddedTerm: baseTerms, link: { termMap, groups }, linkGiven: given };
}

/**
 * Whether `link` could be the link of these indexes: one id per server term, shared ids below
 * the shared vocabulary's size and the server's own numbered on from it in order; one group
 * per server sentence, each an earlier sentence or itself. Reads a few thousand numbers,
 * against the lookups and grouping it spares; what it cannot check (that a shared id is the
 * same word) the hashes the stored link names vouch for.
 */
function fitsLink(base: SentenceIndex, extra: SentenceIndex, link: AppendLink): boolean {
  const { termMap, groups } = link;
  if (termMap.length !== extra.vocabulary.length || groups.length !== extra.sentences.length) return false;
  let nextAdded = base.vocabulary.length;
  for (let t = 0; t < termMap.length; t += 1) {
    const id = termMap[t]!;
    if (id === nextAdded) nextAdded += 1;
    else if (id >= base.vocabulary.length) return false;
  }
  const baseSentences = base.sentences.length;
  for (let s = 0; s < groups.length; s += 1) if (groups[s]! > baseSentences + s) return false;
  return true;
}

/**
 * The index as groupNearDuplicates reads it: its arrays as they are now, and of its sentences
 * and vocabulary only how many there are (all it asks of them), rather than the lists, which
 * the merged index would make and keep. Its reading is left as it is because its source is part
 * of the analysis fingerprint (storedIndex.ts): a change to it would have every stored index
 * built again.
 */
function forGrouping(index: MergedIndex, sentences: number, terms: number): Omit<SentenceIndex, 'sentenceGroup'> {
  const lengthOnly = <T>(length: number) => ({ length }) as unknown as readonly T[];
  return {
    ...index,
    ...mergedArrays(index.part),
    sentences: lengthOnly(sentences),
    vocabulary: lengthOnly(terms),
  };
}

type MergedFields = Omit<SentenceIndex, 'sentences' | 'vocabulary' | keyof MergedArrays | 'appended'> & {
  readonly appended: AppendedTerms;
};

/**
 * The merged index. Its `sentences` and `vocabulary` are made on first use as lists (and
 * kept): what answers questions reads them through sentenceAt and termAt instead. Its
 * per-sentence and per-term arrays are a set shared by the merged indexes over one shared
 * index, with its own part written in when read (mergedArrays.ts): each read of them gives
 * this index's values, until another merged index's are read.
 */
class MergedIndex implements SentenceIndex {
  declare readonly articles: readonly Article[];
  declare readonly termIds: TermLookup;
  declare readonly postingStart: Uint32Array;
  declare readonly postingSentence: Uint32Array;
  declare readonly postingFrequency: Uint16Array;
  declare readonly sentenceTerms: Uint32Array;
  declare readonly sentenceTermFlags: Uint8Array;
  declare readonly averageSentenceLength: number;
  declare readonly searchableCount: number;
  declare readonly appended: AppendedTerms;
  private allSentences: readonly Sentence[] | undefined;
  private allTerms: readonly string[] | undefined;

  constructor(
    fields: MergedFields,
    readonly part: MergedPart,
  ) {
    Object.assign(this, fields);
  }

  get sentenceTermStart(): Uint32Array {
    return mergedArrays(this.part).sentenceTermStart;
  }
  get sentenceArticle(): Uint32Array {
    return mergedArrays(this.part).sentenceArticle;
  }
  get sentenceParagraph(): Uint32Array {
    return mergedArrays(this.part).sentenceParagraph;
  }
  get sentenceQuotable(): Uint8Array {
    return mergedArrays(this.part).sentenceQuotable;
  }
  get sentenceGroup(): Uint32Array {
    return mergedArrays(this.part).sentenceGroup;
  }
  get documentFrequency(): Uint32Array {
    return mergedArrays(this.part).documentFrequency;
  }

  get sentences(): readonly Sentence[] {
    this.allSentences ??= this.appended.base.sentences.concat(this.appended.sentences);
    return this.allSentences;
  }

  get vocabulary(): readonly string[] {
    this.allTerms ??=
      this.appended.terms.length === 0
        ? this.appended.base.vocabulary
        : this.appended.base.vocabulary.concat(this.appended.terms);
    return this.allTerms;
  }
}

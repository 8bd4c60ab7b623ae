/**
 * The inverted index over sentences, in typed arrays so that it stays compact at hundreds of
 * thousands of sentences and serialises as a handful of buffers:
 *
 * - postings in CSR form: the sentences of term t are
 *   `postingSentence[postingStart[t] .. postingStart[t + 1]]`, with their term frequencies in
 *   `postingFrequency`;
 * - each sentence's content terms in order (for phrase and proximity matches and for
 *   neighbours' context) in `sentenceTerms[sentenceTermStart[s] .. sentenceTermStart[s + 1]]`,
 *   with the per-token question-type flags of terms.ts alongside;
 * - the corpus structure as sentence -> paragraph -> article numbers.
 *
 * Sentence numbers are positions in `sentences` (article order, then paragraph, then
 * sentence); they are internal and never shown: citation ids are what users see.
 *
 * An index may have sentences appended to it without its postings, sentence terms, sentences
 * and vocabulary being copied (a server's articles over the shared library: append.ts). They
 * are therefore read through `postingRuns`, `sentenceTermRun`, `sentenceCountOf`, `sentenceAt`,
 * `termCountOf` and `termAt` below, which look in both. (An appended index's `sentences` and
 * `vocabulary` are whole lists still, but made only when something asks for them as lists.)
 */
import type { Article, Sentence } from '../corpus/types.ts';

/**
 * A vocabulary's term -> id lookup: all that ranking, appending and grouping ask of it. A
 * built index's is a Map; a stored index's is made on first use and an appended index's looks
 * in the shared one first (termIds.ts, append.ts), so neither need copy a whole map to be one.
 */
export interface TermLookup {
  get(term: string): number | undefined;
  has(term: string): boolean;
  readonly size: number;
}

export interface SentenceIndex {
  /** Articles in index order, with their paragraphs and sentences. */
  readonly articles: readonly Article[];
  /** All sentences, in article order. */
  readonly sentences: readonly Sentence[];

  readonly vocabulary: readonly string[];
  readonly termIds: TermLookup;
  /** Number of searchable sentences containing each term. */
  readonly documentFrequency: Uint32Array;
  readonly postingStart: Uint32Array;
  readonly postingSentence: Uint32Array;
  readonly postingFrequency: Uint16Array;

  readonly sentenceTermStart: Uint32Array;
  readonly sentenceTerms: Uint32Array;
  readonly sentenceTermFlags: Uint8Array;

  readonly sentenceArticle: Uint32Array;
  /** Global paragraph number (over all articles) of each sentence. */
  readonly sentenceParagraph: Uint32Array;
  /** 1 when the sentence may be quoted on its own (prose), 0 otherwise. */
  readonly sentenceQuotable: Uint8Array;
  /**
   * Near-duplicate group of each sentence: the number of the group's first sentence. A sentence
   * that has no near-duplicate is its own group.
   */
  readonly sentenceGroup: Uint32Array;
  /** Mean number of terms per searchable sentence (BM25's avgdl). */
  readonly averageSentenceLength: number;
  /** Number of searchable sentences (BM25's N). */
  readonly searchableCount: number;
  /**
   * The postings and terms of sentences appended after those of the arrays above (append.ts),
   * kept apart so that the arrays above stay another index's, shared rather than copied. Absent
   * in an index built or stored whole.
   */
  readonly appended?: AppendedTerms;
}

/**
 * The appended sentences' postings and terms. Their sentence numbers and term ids are the
 * whole index's; their entries in `sentenceTermStart` count on from `firstTermPosition`.
 */
export interface AppendedTerms {
  /** The index appended to, whose sentences are this one's first (the shared index). */
  readonly base: SentenceIndex;
  /** The appended sentences, numbered on from the base's (`base.sentences.length`). */
  readonly sentences: readonly Sentence[];
  /** The appended sentences' terms the base lacks, with ids on from the base's (`base.vocabulary.length`). */
  readonly terms: readonly string[];
  /** The first appended sentence's start in `sentenceTermStart`: the term count of the index appended to. */
  readonly firstTermPosition: number;
  readonly sentenceTerms: Uint32Array;
  readonly sentenceTermFlags: Uint8Array;
  /** Term id -> its row of `postingStart`, for the terms the appended sentences have. */
  readonly postingRow: ReadonlyMap<number, number>;
  readonly postingStart: Uint32Array;
  readonly postingSentence: Uint32Array;
  readonly postingFrequency: Uint16Array;
}

/*
 * Near-duplicate grouping (nearDuplicates.ts, part of the analysis fingerprint in
 * storedIndex.ts) reads sentences and postings through postingRuns and sentenceTermRun below.
 * This file is not in that fingerprint, so that the rest of it can change without every stored
 * index being built again: a change to what those two give back needs analysisVersion bumped.
 */

/** Postings of one term in one array: sentences (ascending) and their term frequencies, from..to. */
export interface PostingRun {
  readonly sentences: Uint32Array;
  readonly frequencies: Uint16Array;
  readonly from: number;
  readonly to: number;
}

/** A term's postings: the index's own, then the appended sentences'. Sentence order throughout. */
export function postingRuns(
  index: Pick<SentenceIndex, 'postingStart' | 'postingSentence' | 'postingFrequency' | 'appended'>,
  termId: number,
): PostingRun[] {
  const runs: PostingRun[] = [];
  if (termId + 1 < index.postingStart.length) {
    const from = index.postingStart[termId]!;
    const to = index.postingStart[termId + 1]!;
    if (to > from) runs.push({ sentences: index.postingSentence, frequencies: index.postingFrequency, from, to });
  }
  const appended = index.appended;
  const row = appended?.postingRow.get(termId);
  if (appended && row !== undefined) {
    runs.push({
      sentences: appended.postingSentence,
      frequencies: appended.postingFrequency,
      from: appended.postingStart[row]!,
      to: appended.postingStart[row + 1]!,
    });
  }
  return runs;
}

/** A sentence's terms (term ids in sentence order) and their flags: the arrays holding them, from..to. */
export interface TermRun {
  terms: Uint32Array;
  flags: Uint8Array;
  from: number;
  to: number;
}

const noTerms = new Uint32Array(0);
const noFlags = new Uint8Array(0);

/** A TermRun to fill, for a loop to reuse. */
export function emptyTermRun(): TermRun {
  return { terms: noTerms, flags: noFlags, from: 0, to: 0 };
}

/** Where sentence `s`'s terms are; fills `into` (reused in loops) and returns it. */
export function sentenceTermRun(
  index: Pick<SentenceIndex, 'sentenceTermStart' | 'sentenceTerms' | 'sentenceTermFlags' | 'appended'>,
  s: number,
  into: TermRun = emptyTermRun(),
): TermRun {
  const from = index.sentenceTermStart[s]!;
  const to = index.sentenceTermStart[s + 1]!;
  const appended = index.appended;
  if (appended !== undefined && from >= appended.firstTermPosition) {
    into.terms = appended.sentenceTerms;
    into.flags = appended.sentenceTermFlags;
    into.from = from - appended.firstTermPosition;
    into.to = to - appended.firstTermPosition;
  } else {
    into.terms = index.sentenceTerms;
    into.flags = index.sentenceTermFlags;
    into.from = from;
    into.to = to;
  }
  return into;
}

type Layered = Pick<SentenceIndex, 'sentences' | 'vocabulary' | 'appended'>;

/** Item `i` of two lists read as one (the shared index's, then the server's), without joining them. */
function itemOfBoth<T>(first: readonly T[], then: readonly T[], i: number): T | undefined {
  return i < first.length ? first[i] : then[i - first.length];
}

/** The number of sentences, without making an appended index's list of them. */
export function sentenceCountOf(index: Layered): number {
  const appended = index.appended;
  return appended === undefined ? index.sentences.length : appended.base.sentences.length + appended.sentences.length;
}

/** Sentence `s` (undefined past the last), without making an appended index's list of them. */
export function sentenceAt(index: Layered, s: number): Sentence | undefined {
  const appended = index.appended;
  return appended === undefined ? index.sentences[s] : itemOfBoth(appended.base.sentences, appended.sentences, s);
}

/** The number of terms, without making an appended index's vocabulary. */
export function termCountOf(index: Layered): number {
  const appended = index.appended;
  return appended === undefined ? index.vocabulary.length : appended.base.vocabulary.length + appended.terms.length;
}

/** Term `t`'s text (undefined past the last), without making an appended index's vocabulary. */
export function termAt(index: Layered, t: number): string | undefined {
  const appended = index.appended;
  return appended === undefined ? index.vocabulary[t] : itemOfBoth(appended.base.vocabulary, appended.terms, t);
}

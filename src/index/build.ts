/**
 * Analysed articles -> SentenceIndex. One pass interns terms and lays out each sentence's
 * terms; a counting pass then builds the postings; a last pass groups near-duplicates.
 */
import type { AnalysedArticle } from '../corpus/segment.ts';
import { sentencesOf, type Article, type Sentence } from '../corpus/types.ts';
import { groupNearDuplicates } from './nearDuplicates.ts';
import type { SentenceIndex } from './sentenceIndex.ts';
import { sharedTokenNumber, sharedTokensMade, type AnalysedToken } from '../nlp/analyse.ts';
import { visitDocumentTokenTerms } from './terms.ts';

/** A typed array that grows by doubling as values are pushed. */
class Growable<T extends Uint8Array | Uint32Array> {
  values: T;
  length = 0;
  constructor(private readonly make: (length: number) => T) {
    this.values = make(1024);
  }
  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = this.make(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }
  toArray(): T {
    return this.values.slice(0, this.length) as T;
  }
}

const uint32s = (length: number) => new Uint32Array(length);
const bytes = (length: number) => new Uint8Array(length);

export function buildIndex(analysedArticles: readonly AnalysedArticle[]): SentenceIndex {
  const articles: Article[] = analysedArticles.map((analysed) => analysed.article);
  const sentences: Sentence[] = [];
  const termIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const terms = new Growable(uint32s);
  const flags = new Growable(bytes);
  const addTerm = (term: string, termFlags: number): void => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = vocabulary.length;
      termIds.set(term, id);
      vocabulary.push(term);
    }
    terms.push(id);
    flags.push(termFlags);
  };
  // A token's terms in a document depend on the token alone, and analyse shares one token
  // object per variant of a word (a few per cent as many as there are tokens): each shared
  // token's terms are worked out at its first occurrence and copied from there at the others.
  // Kept by the token's shared number in arrays; a token that is not shared is worked out
  // each time.
  const sharedCount = sharedTokensMade();
  const firstTermOfToken = new Int32Array(sharedCount).fill(-1);
  const termCountOfToken = new Int32Array(sharedCount);
  const addTokenTerms = (token: AnalysedToken): void => {
    const number = sharedTokenNumber(token);
    if (number < 0 || number >= sharedCount) {
      visitDocumentTokenTerms(token, addTerm);
      return;
    }
    const first = firstTermOfToken[number]!;
    if (first === -1) {
      firstTermOfToken[number] = terms.length;
      visitDocumentTokenTerms(token, addTerm);
      termCountOfToken[number] = terms.length - firstTermOfToken[number]!;
      return;
    }
    const end = first + termCountOfToken[number]!;
    // terms.values is read at each step: a push may move it to a bigger array.
    for (let p = first; p < end; p += 1) {
      terms.push(terms.values[p]!);
      flags.push(flags.values[p]!);
    }
  };
  const termStart = new Growable(uint32s);
  const articleOf = new Growable(uint32s);
  const paragraphOf = new Growable(uint32s);
  let paragraphCount = 0;

  analysedArticles.forEach(({ article, tokens }, articleNumber) => {
    const articleSentences = sentencesOf(article);
    let paragraphNumber = -1;
    articleSentences.forEach((sentence, i) => {
      if (sentence.paragraph !== paragraphNumber) {
        paragraphNumber = sentence.paragraph;
        paragraphCount += 1;
      }
      sentences.push(sentence);
      articleOf.push(articleNumber);
      paragraphOf.push(paragraphCount - 1);
      termStart.push(terms.length);
      for (const token of tokens[i] ?? []) addTokenTerms(token);
    });
  });
  termStart.push(terms.length);

  const sentenceTerms = terms.toArray();
  const sentenceTermStart = termStart.toArray();
  const sentenceCount = sentences.length;

  // Postings: count distinct (term, sentence) pairs, then fill by counting sort.
  const documentFrequency = new Uint32Array(vocabulary.length);
  const lastSeen = new Int32Array(vocabulary.length).fill(-1);
  for (let s = 0; s < sentenceCount; s += 1) {
    for (let p = sentenceTermStart[s]!; p < sentenceTermStart[s + 1]!; p += 1) {
      const term = sentenceTerms[p]!;
      if (lastSeen[term] !== s) {
        lastSeen[term] = s;
        documentFrequency[term]! += 1;
      }
    }
  }
  const postingStart = new Uint32Array(vocabulary.length + 1);
  for (let t = 0; t < vocabulary.length; t += 1) postingStart[t + 1] = postingStart[t]! + documentFrequency[t]!;
  const postingSentence = new Uint32Array(postingStart[vocabulary.length]!);
  const postingFrequency = new Uint16Array(postingSentence.length);
  const fill = postingStart.slice(0, vocabulary.length);
  const slotOf = new Int32Array(vocabulary.length).fill(-1);
  lastSeen.fill(-1);
  for (let s = 0; s < sentenceCount; s += 1) {
    for (let p = sentenceTermStart[s]!; p < sentenceTermStart[s + 1]!; p += 1) {
      const term = sentenceTerms[p]!;
      if (lastSeen[term] !== s) {
        lastSeen[term] = s;
        slotOf[term] = fill[term]!;
        fill[term]! += 1;
        postingSentence[slotOf[term]!] = s;
      }
      if (postingFrequency[slotOf[term]!]! < 0xffff) postingFrequency[slotOf[term]!]! += 1;
    }
  }

  const sentenceQuotable = new Uint8Array(sentenceCount);
  sentences.forEach((sentence, s) => {
    sentenceQuotable[s] = sentence.kind === 'prose' ? 1 : 0;
  });

  const partial = {
    articles,
    sentences,
    vocabulary,
    termIds,
    documentFrequency,
    postingStart,
    postingSentence,
    postingFrequency,
    sentenceTermStart,
    sentenceTerms,
    sentenceTermFlags: flags.toArray(),
    sentenceArticle: articleOf.toArray(),
    sentenceParagraph: paragraphOf.toArray(),
    sentenceQuotable,
    sentenceGroup: new Uint32Array(0),
    averageSentenceLength: sentenceCount === 0 ? 1 : Math.max(1, sentenceTerms.length / sentenceCount),
    searchableCount: Math.max(1, sentenceCount),
  } satisfies SentenceIndex;
  return { ...partial, sentenceGroup: groupNearDuplicates(partial) };
}

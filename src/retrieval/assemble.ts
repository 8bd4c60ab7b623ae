/**
 * Ranked sentences -> quotes: near-duplicates merged into one quote cited to every article
 * that carries it, and a neighbour added when the best sentence cannot stand alone.
 */
import type { Sentence } from '../corpus/types.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import type { RankedSentence } from './rank.ts';
import type { Quote, QuoteSource } from './types.ts';

/** Opening words that lean on the sentence before: "He said", "But", "That led to". */
const dependentOpening = /^["“‘']?(he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|yet|also|however|still|then)\b/i;

function quoteMarksBalance(text: string): number {
  const opening = (text.match(/“/g) ?? []).length;
  const closing = (text.match(/”/g) ?? []).length;
  return opening - closing;
}

/**
 * The sentences to quote for `s`: s itself, preceded by the previous sentence of the same
 * paragraph when s leans on it (a pronoun or conjunction opens it, or it closes a quotation
 * opened before it), and followed by the next when s opens a quotation it does not close.
 */
export function quotedSpan(index: SentenceIndex, s: number): number[] {
  const span = [s];
  const text = index.sentences[s]!.text;
  const sameParagraph = (other: number): boolean =>
    other >= 0 && other < index.sentences.length && index.sentenceParagraph[other] === index.sentenceParagraph[s];
  const balance = quoteMarksBalance(text);
  if ((dependentOpening.test(text) || balance < 0) && sameParagraph(s - 1)) span.unshift(s - 1);
  else if (balance > 0 && sameParagraph(s + 1)) span.push(s + 1);
  return span;
}

function joinSentences(sentences: readonly Sentence[]): string {
  return sentences.map((sentence) => sentence.text).join(' ');
}

export function assembleQuotes(index: SentenceIndex, ranked: readonly RankedSentence[], offset: number, count: number): Quote[] {
  const quotes: Quote[] = [];
  const seenGroups = new Set<number>();
  const coveredSentences = new Set<number>();
  let skipped = 0;
  for (const candidate of ranked) {
    if (quotes.length === count) break;
    const group = index.sentenceGroup[candidate.sentence]!;
    if (seenGroups.has(group) || coveredSentences.has(candidate.sentence)) continue;
    seenGroups.add(group);
    const span = quotedSpan(index, candidate.sentence);
    for (const s of span) coveredSentences.add(s);
    if (skipped < offset) {
      skipped += 1;
      continue;
    }
    const sentences = span.map((s) => index.sentences[s]!);
    const sources: QuoteSource[] = [
      { article: index.articles[index.sentenceArticle[candidate.sentence]!]!, citationIds: sentences.map((x) => x.id), text: joinSentences(sentences) },
    ];
    // Other articles carrying a near-duplicate of the main sentence.
    const seenArticles = new Set([index.sentenceArticle[candidate.sentence]!]);
    for (const member of groupMembers(index, group)) {
      const article = index.sentenceArticle[member]!;
      if (seenArticles.has(article)) continue;
      seenArticles.add(article);
      const memberSentences = quotedSpan(index, member).map((s) => index.sentences[s]!);
      for (const s of quotedSpan(index, member)) coveredSentences.add(s);
      sources.push({ article: index.articles[article]!, citationIds: memberSentences.map((x) => x.id), text: joinSentences(memberSentences) });
    }
    quotes.push({ main: index.sentences[candidate.sentence]!, sentences, text: joinSentences(sentences), score: candidate.score, sources });
  }
  return quotes;
}

const membersCache = new WeakMap<SentenceIndex, Map<number, number[]>>();

/** Sentences of a near-duplicate group (only groups of two or more are listed). */
export function groupMembers(index: SentenceIndex, group: number): readonly number[] {
  let groups = membersCache.get(index);
  if (!groups) {
    groups = new Map();
    index.sentenceGroup.forEach((g, s) => {
      const list = groups!.get(g);
      if (list) list.push(s);
      else if (g !== s) groups!.set(g, [g, s]);
    });
    membersCache.set(index, groups);
  }
  return groups.get(group) ?? [group];
}

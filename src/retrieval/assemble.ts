/**
 * Ranked sentences -> quotes: near-duplicates merged into one quote cited to every article
 * that carries it, and a neighbour added when the best sentence cannot stand alone.
 */
import type { Sentence } from '../corpus/types.ts';
import { sentenceAt, sentenceCountOf, type SentenceIndex } from '../index/sentenceIndex.ts';
import type { RankedSentence } from './rank/rank.ts';
import type { Quote, QuoteSource } from './types.ts';

/** Opening words that lean on the sentence before: "He said", "But", "That led to". */
const dependentOpening =
  /^["“‘']?(he|she|they|it|this|that|these|those|his|her|their|its|but|and|so|yet|also|however|still|then)\b/i;

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
  const text = sentenceAt(index, s)!.text;
  const sameParagraph = (other: number): boolean =>
    other >= 0 && other < sentenceCountOf(index) && index.sentenceParagraph[other] === index.sentenceParagraph[s];
  const balance = quoteMarksBalance(text);
  if ((dependentOpening.test(text) || balance < 0) && sameParagraph(s - 1)) span.unshift(s - 1);
  else if (balance > 0 && sameParagraph(s + 1)) span.push(s + 1);
  return span;
}

function joinSentences(sentences: readonly Sentence[]): string {
  return sentences.map((sentence) => sentence.text).join(' ');
}

/** Text as compared for "the same words": case, runs of whitespace and the kind of quote mark folded. */
export function foldWording(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function assembleQuotes(
  index: SentenceIndex,
  ranked: readonly RankedSentence[],
  offset: number,
  count: number,
): Quote[] {
  const quotes: Quote[] = [];
  const seenGroups = new Set<number>();
  // Sentences already quoted, on this page or an earlier one: none is quoted twice.
  const coveredSentences = new Set<number>();
  let skipped = 0;
  for (const candidate of ranked) {
    if (quotes.length === count) break;
    const group = index.sentenceGroup[candidate.sentence]!;
    if (seenGroups.has(group) || coveredSentences.has(candidate.sentence)) continue;
    seenGroups.add(group);
    // A neighbour already quoted is not quoted again: the quote that holds it comes first.
    const span = quotedSpan(index, candidate.sentence).filter(
      (s) => s === candidate.sentence || !coveredSentences.has(s),
    );
    for (const s of span) coveredSentences.add(s);
    const sentences = span.map((s) => sentenceAt(index, s)!);
    const text = joinSentences(sentences);
    const sources: QuoteSource[] = [
      {
        article: index.articles[index.sentenceArticle[candidate.sentence]!]!,
        citationIds: sentences.map((x) => x.id),
        text,
        wording: 'same',
      },
    ];
    // Other articles carrying a near-duplicate of the main sentence.
    const seenArticles = new Set([index.sentenceArticle[candidate.sentence]!]);
    for (const member of groupMembers(index, group)) {
      const article = index.sentenceArticle[member]!;
      if (seenArticles.has(article)) continue;
      seenArticles.add(article);
      const memberSpan = quotedSpan(index, member).filter((s) => s === member || !coveredSentences.has(s));
      for (const s of memberSpan) coveredSentences.add(s);
      const memberSentences = memberSpan.map((s) => sentenceAt(index, s)!);
      const memberText = joinSentences(memberSentences);
      const wording = foldWording(memberText) === foldWording(text) ? 'same' : 'similar';
      sources.push({
        article: index.articles[article]!,
        citationIds: memberSentences.map((x) => x.id),
        text: memberText,
        wording,
      });
    }
    if (skipped < offset) {
      skipped += 1;
      continue;
    }
    // Articles with the same words first, then those with similar wording.
    const ordered = [
      sources[0]!,
      ...sources.slice(1).filter((source) => source.wording === 'same'),
      ...sources.slice(1).filter((source) => source.wording === 'similar'),
    ];
    quotes.push({
      main: sentenceAt(index, candidate.sentence)!,
      sentences,
      text,
      score: candidate.score,
      highlights: [],
      sources: ordered,
    });
  }
  return quotes;
}

/** Each near-duplicate group of more than one sentence, by its first sentence: its sentences in order. */
interface GroupsByFirst {
  get(group: number): readonly number[] | undefined;
}
const membersCache = new WeakMap<SentenceIndex, GroupsByFirst>();

function groupsOf(index: SentenceIndex, from = 0, below: GroupsByFirst = new Map()): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let s = from; s < index.sentenceGroup.length; s += 1) {
    const g = index.sentenceGroup[s]!;
    if (g === s) continue;
    const list = groups.get(g);
    if (list) list.push(s);
    else groups.set(g, [...(below.get(g) ?? [g]), s]);
  }
  return groups;
}

function groupsByFirst(index: SentenceIndex): GroupsByFirst {
  let groups = membersCache.get(index);
  if (groups) return groups;
  const base = index.appended?.base;
  if (base) {
    // Sentences appended to the shared index: the shared groups, and only the appended
    // sentences looked at (the groups they joined or started), not every sentence again.
    const shared = groupsByFirst(base);
    const joined = groupsOf(index, sentenceCountOf(base), shared);
    groups = joined.size === 0 ? shared : { get: (g) => joined.get(g) ?? shared.get(g) };
  } else groups = groupsOf(index);
  membersCache.set(index, groups);
  return groups;
}

export function groupMembers(index: SentenceIndex, group: number): readonly number[] {
  return groupsByFirst(index).get(group) ?? [group];
}

/**
 * Spelling correction for question terms the corpus does not have ("khadimi", "temprary"):
 * vocabulary terms within two edits, found with a deletion index (the SymSpell idea, Wolf
 * Garbe 2012): every term is stored under each of its one-character deletions, and two words
 * within two edits of each other share a deletion or one is a deletion of the other.
 *
 * Built on first need, per index, because most questions never need it.
 */
import type { SentenceIndex } from '../index/sentenceIndex.ts';

const minimumLength = 5;
const deletionIndexes = new WeakMap<SentenceIndex, Map<string, number[]>>();

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function deletionIndexOf(index: SentenceIndex): Map<string, number[]> {
  let byDeletion = deletionIndexes.get(index);
  if (byDeletion) return byDeletion;
  byDeletion = new Map();
  index.vocabulary.forEach((term, termId) => {
    if (term.length < minimumLength - 1 || /\d/.test(term)) return;
    for (const key of [term, ...deletionsOf(term)]) {
      const list = byDeletion!.get(key);
      if (list) list.push(termId);
      else byDeletion!.set(key, [termId]);
    }
  });
  deletionIndexes.set(index, byDeletion);
  return byDeletion;
}

/** Vocabulary term ids that the unknown `term` is most likely a misspelling of (at most 2). */
export function typoCorrections(index: SentenceIndex, term: string): number[] {
  if (term.length < minimumLength || /\d/.test(term)) return [];
  const byDeletion = deletionIndexOf(index);
  const found = new Set<number>();
  for (const key of [term, ...deletionsOf(term)]) for (const termId of byDeletion.get(key) ?? []) found.add(termId);
  // Most frequent first: a common word is the likelier intended one.
  return [...found].sort((x, y) => index.documentFrequency[y]! - index.documentFrequency[x]!).slice(0, 2);
}

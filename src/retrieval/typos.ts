/**
 * Spelling correction for question terms the corpus does not have ("khadimi", "temprary"):
 * vocabulary terms within two edits, found with a deletion index (the SymSpell idea, Wolf
 * Garbe 2012): every term is stored under each of its one-character deletions, and two words
 * within two edits of each other share a deletion or one is a deletion of the other.
 *
 * Built on first need, per index, because most questions never need it.
 */
import { termAt, termCountOf, type SentenceIndex } from '../index/sentenceIndex.ts';

/** Shorter words are left alone: at three letters, two edits reach too many other words. */
const minimumLength = 4;
const deletionIndexes = new WeakMap<SentenceIndex, DeletionLookup>();

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Term ids stored under a deletion key: a map, or a shared index's map and a server's on top. */
type DeletionLookup = (key: string) => readonly number[] | undefined;

function deletionMap(index: SentenceIndex, firstTerm = 0): Map<string, number[]> {
  const byDeletion = new Map<string, number[]>();
  const count = termCountOf(index);
  for (let termId = firstTerm; termId < count; termId += 1) {
    const term = termAt(index, termId)!;
    if (term.length < minimumLength - 1 || /\d/.test(term)) continue;
    for (const key of [term, ...deletionsOf(term)]) {
      const list = byDeletion.get(key);
      if (list) list.push(termId);
      else byDeletion.set(key, [termId]);
    }
  }
  return byDeletion;
}

function deletionIndexOf(index: SentenceIndex): DeletionLookup {
  let lookup = deletionIndexes.get(index);
  if (lookup) return lookup;
  const byDeletion = deletionMap(index);
  lookup = (key) => byDeletion.get(key);
  deletionIndexes.set(index, lookup);
  return lookup;
}

/**
 * For an index that is `base` with terms added from `firstAddedTerm` on (a server's articles
 * over the shared library): the base's deletion index, with only the added terms' on top.
 */
export function layerDeletionIndex(index: SentenceIndex, base: SentenceIndex, firstAddedTerm: number): void {
  // Made on the first misspelling asked of this index, as the base's is: most questions have none.
  let above: Map<string, number[]> | undefined;
  deletionIndexes.set(index, (key) => {
    above ??= deletionMap(index, firstAddedTerm);
    const own = above.get(key);
    const shared = deletionIndexOf(base)(key);
    return own && shared ? [...shared, ...own] : (own ?? shared);
  });
}

/**
 * Edits allowed for a word of this many letters: one for four-letter words ("irak", "trops"),
 * two for longer ones ("celing", "khadimi"). Two edits of a four-letter word reach too many
 * unrelated words.
 */
function allowedEdits(wordLength: number): number {
  return wordLength <= 4 ? 1 : 2;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * Vocabulary term ids that the unknown `term` (the stem of a word of `wordLength` letters as
 * typed) is most likely a misspelling of (at most 2): the fewest edits first, then the most
 * frequent, a common word being the likelier intended one.
 */
export function typoCorrections(index: SentenceIndex, term: string, wordLength = term.length): number[] {
  if (wordLength < minimumLength || term.length < minimumLength - 1 || /\d/.test(term)) return [];
  const byDeletion = deletionIndexOf(index);
  const found = new Set<number>();
  for (const key of [term, ...deletionsOf(term)]) for (const termId of byDeletion(key) ?? []) found.add(termId);
  const edits = allowedEdits(wordLength);
  return [...found]
    .map((termId) => ({ termId, distance: editDistance(term, termAt(index, termId)!) }))
    .filter((c) => c.distance <= edits)
    .sort((x, y) => x.distance - y.distance || index.documentFrequency[y.termId]! - index.documentFrequency[x.termId]!)
    .slice(0, 2)
    .map((c) => c.termId);
}

/**
 * The index a server's questions run against: the shared index with the server's small index
 * appended (src/index/append.ts), one scale for both, and the shared index's per-index caches
 * (lexicon ids, spelling corrections) extended by the server's new terms instead of rebuilt.
 */
import { appendIndex, type AppendedIndex, type AppendLink } from '../index/append.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { layerLexiconIds } from './meaningCaches.ts';
import { layerDeletionIndex } from './typos.ts';

/** The merged index, and its link (appendIndex): `link`, when given and fitting, spares working it out. */
export function withOwnArticles(
  shared: SentenceIndex,
  own: SentenceIndex,
  link?: AppendLink,
): Pick<AppendedIndex, 'index' | 'link' | 'linkGiven'> {
  const { index, firstAddedTerm, ...linked } = appendIndex(shared, own, link);
  layerLexiconIds(index, shared, firstAddedTerm);
  layerDeletionIndex(index, shared, firstAddedTerm);
  return { index, ...linked };
}

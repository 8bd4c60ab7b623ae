/**
 * What "how many" counts, as a test on article words: the question's counted words
 * (QuestionTerm.counted), their synonyms, and the words the lexicon relates to them. For the
 * answer highlights, which read a quote's text; the ranker asks the same of index terms
 * through QuestionMeaning.
 */
import { lexicon } from '../nlp/lexicon.ts';
import { relatedness } from './meaning.ts';
import type { AnalysedQuestion } from './question.ts';
import { synonymPhraseGroups } from './synonyms.ts';

/** How related (meaning.ts, 0..1) a word must be to a counted word to count as it: the ranker's relatedMask bar. */
const countedRelatedness = 0.5;

/** A test of index terms, or undefined when the question counts no particular thing. */
export function countedNounTest(question: Pick<AnalysedQuestion, 'terms'>): ((term: string) => boolean) | undefined {
  const counted = question.terms.filter((term) => term.counted);
  if (counted.length === 0) return undefined;
  const same = new Set(counted.map((term) => term.term));
  for (const group of synonymPhraseGroups()) {
    if (!group.some((phrase) => phrase.terms.length === 1 && same.has(phrase.terms[0]!))) continue;
    for (const phrase of group) if (phrase.terms.length === 1) same.add(phrase.terms[0]!);
  }
  const lx = lexicon();
  const countedIds = counted.map((term) => ({ id: lx.idOf(term.term), name: term.name }));
  const known = new Map<string, boolean>();
  return (term) => {
    if (same.has(term)) return true;
    let related = known.get(term);
    if (related === undefined) {
      const id = lx.idOf(term);
      related = countedIds.some((counted) => relatedness(lx, id, counted.id, counted.name) >= countedRelatedness);
      known.set(term, related);
    }
    return related;
  };
}

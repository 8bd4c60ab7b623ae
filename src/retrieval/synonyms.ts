/**
 * Paraphrases people use when asking about the news, each group a set of interchangeable
 * words or phrases. A question that uses one phrase of a group also looks for the others, at
 * a lower weight. Phrases are stemmed with the index's own term function on first use.
 *
 * Kept small and general (news about politics, conflict and government), not fitted to any
 * one article.
 */
import { analyse } from '../nlp/analyse.ts';
import { termsOf, wordStemOf } from '../index/terms.ts';

const synonymGroups: readonly (readonly string[])[] = [
  ['troops', 'soldiers', 'forces', 'service members', 'servicemen', 'military personnel'],
  ['withdraw', 'withdrawal', 'leave', 'pull out', 'pulled out', 'exit', 'drawdown', 'remove'],
  ['prime minister', 'PM', 'premier'],
  ['election', 'elections', 'polls'],
  ['approve', 'sign off', 'authorize', 'agree'],
  ['parliamentarians', 'lawmakers', 'MPs', 'legislators', 'parliament', 'congress'],
  ['attacks', 'blowback', 'retaliation', 'assaults'],
  ['based', 'stationed', 'deployed', 'located'],
  ['final', 'last'],
  ['media', 'press', 'outlets', 'news'],
  ['rein in', 'crack down', 'curb', 'restrain'],
  ['responded', 'hit back', 'retaliated'],
  ['killed', 'assassinated', 'died', 'dead'],
  ['invasion', 'invade', 'invaded'],
  ['bombed', 'airstrikes', 'strikes', 'bombing', 'air strikes'],
  ['cost', 'costing', 'spending', 'expense', 'price', 'budget'],
  ['frontline', 'front lines', 'front line', 'combat'],
  ['advisers', 'advisors', 'trainers'],
  ['additional', 'extra', 'more', 'boost'],
  ['government', 'administration', 'Baghdad'],
  ['complain', 'decried', 'criticized', 'condemned', 'objected'],
  ['now', 'currently', 'right now', 'at present', 'today'],
  ['become', 'came into office', 'took office', 'came to power', 'elected', 'appointed', 'sworn in'],
  ['become prime minister', 'become PM', 'came into office', 'took office', 'came to power', 'sworn in'],
  ['switch', 'shift', 'change'],
  ['supposed to', 'expected to', 'meant to', 'intended to', 'planned to'],
  ['broke the story', 'reported', 'report', 'revealed'],
  ['American', 'US', 'United States'],
];

export interface SynonymPhrase {
  /** The phrase's index terms (stop words dropped), what a sentence is searched for. */
  readonly terms: readonly string[];
  /** Stems of all its words, stop words included, what a question is matched against. */
  readonly stems: readonly string[];
}

let phraseGroups: SynonymPhrase[][] | undefined;

export function synonymPhraseGroups(): readonly (readonly SynonymPhrase[])[] {
  phraseGroups ??= synonymGroups.map((group) =>
    group.map((phrase) => {
      const tokens = analyse(phrase).flatMap((s) => s.tokens);
      return {
        terms: termsOf(tokens, 'document').map((o) => o.term),
        stems: tokens.map(wordStemOf),
      };
    }),
  );
  return phraseGroups;
}

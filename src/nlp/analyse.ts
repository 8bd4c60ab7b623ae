/**
 * Reads a piece of text with wink-nlp once and returns everything the rest of Citebot needs
 * from it: sentence boundaries as character offsets into the text (so that quotes are cut
 * from the original, verbatim), and per token its form, part of speech, stop-word flag and
 * named-entity type. Reading is the costly step of indexing, so nothing reads a text twice.
 */
import type { PartOfSpeech } from 'wink-nlp';
import { isLexiconId, wink } from './wink.ts';

/** Entity types wink-eng-lite-web-model recognises, which question types ask for. */
export type EntityType =
  | 'CARDINAL'
  | 'DATE'
  | 'DURATION'
  | 'TIME'
  | 'PERCENT'
  | 'MONEY'
  | 'ORDINAL'
  | 'EMAIL'
  | 'URL'
  | 'HASHTAG'
  | 'MENTION'
  | 'EMOJI'
  | 'EMOTICON';

export interface AnalysedToken {
  /** The token as written. */
  readonly value: string;
  /** Lower-cased, normalised form (wink's `normal`). */
  readonly normal: string;
  readonly pos: PartOfSpeech;
  /** wink's token type: word, number, punctuation, symbol, currency, ordinal, ... */
  readonly type: string;
  readonly stopWord: boolean;
  readonly entity: EntityType | null;
  /**
   * wink's English lexicon knows this word (a misspelling or a rare name it does not); null
   * when the caller did not ask (looking it up costs time that indexing does not spend).
   */
  readonly known: boolean | null;
}

export interface AnalysedSentence {
  /** Offsets into the analysed text: `text.slice(start, end)` is the sentence verbatim. */
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly AnalysedToken[];
}

export function analyse(text: string, options: { lexicon?: boolean } = {}): AnalysedSentence[] {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value);
  const normals = tokens.out(its.normal);
  const tags = tokens.out(its.pos) as PartOfSpeech[];
  const types = tokens.out(its.type);
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const ids = options.lexicon ? (tokens.out(its.uniqueId) as unknown as number[]) : null;

  const entityOf: (EntityType | null)[] = new Array(values.length).fill(null);
  const entitySpans = doc.entities().out(its.span) as unknown as [number, number][];
  const entityTypes = doc.entities().out(its.type) as EntityType[];
  entitySpans.forEach(([first, last], e) => {
    for (let t = first; t <= last; t += 1) entityOf[t] = entityTypes[e] ?? null;
  });

  // Character offsets: wink keeps token values verbatim, so each is found in order.
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let cursor = 0;
  values.forEach((value, t) => {
    const at = text.indexOf(value, cursor);
    const start = at === -1 ? cursor : at;
    starts[t] = start;
    ends[t] = at === -1 ? cursor : at + value.length;
    cursor = ends[t]!;
  });

  const sentenceSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  return sentenceSpans.map(([first, last]) => ({
    start: starts[first] ?? 0,
    end: ends[last] ?? text.length,
    tokens: values.slice(first, last + 1).map((value, k) => {
      const t = first + k;
      return {
        value,
        normal: normals[t]!,
        pos: tags[t]!,
        type: types[t]!,
        stopWord: stops[t]!,
        entity: entityOf[t]!,
        known: ids ? isLexiconId(ids[t]!) : null,
      };
    }),
  }));
}

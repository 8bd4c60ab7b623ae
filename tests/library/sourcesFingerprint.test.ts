import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourcesFingerprint } from '../../src/library/sourcesFingerprint.ts';
import { analysisFingerprint } from '../../src/library/storedIndex.ts';
import { linkFingerprint } from '../../src/library/storedLink.ts';

describe('what a stored record was made by', () => {
  it('is one hash for the same label, sources and packages, and another when any of them differs', () => {
    const sources = ['index/append.ts', 'index/mergedArrays.ts'];
    const fingerprint = sourcesFingerprint('link', sources, ['wink-nlp']);
    expect(sourcesFingerprint('link', sources, ['wink-nlp'])).toBe(fingerprint);
    expect(sourcesFingerprint('other', sources, ['wink-nlp'])).not.toBe(fingerprint);
    expect(sourcesFingerprint('link', ['index/append.ts', 'index/build.ts'], ['wink-nlp'])).not.toBe(fingerprint);
    expect(sourcesFingerprint('link', sources, ['keyv'])).not.toBe(fingerprint);
    // A source that is not there counts as such, not as an empty file or nothing.
    expect(sourcesFingerprint('link', [...sources, 'index/absent.ts'], ['wink-nlp'])).not.toBe(fingerprint);
  });

  it('hashes each source’s text, not only its name', () => {
    const text = readFileSync('src/index/append.ts');
    const expected = createHash('sha256').update('x\n').update('index/append.ts\n').update(text).digest('hex');
    expect(sourcesFingerprint('x', ['index/append.ts'])).toBe(expected);
  });

  it('tells the analysis from the links: a link is not made stale by what only the analysis reads, nor the reverse', () => {
    expect(linkFingerprint()).not.toBe(analysisFingerprint());
    expect(linkFingerprint()).toBe(linkFingerprint());
  });
});

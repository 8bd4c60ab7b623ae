import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { porter2 } from '../../src/nlp/porter2.ts';
import { seedsDir, sharedDir } from '../helpers.ts';

/** The stemmer the index was built with until now: ours must give exactly its output. */
const modelStemmer = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;

const squadDir = join(sharedDir, 'bench', 'squad', 'dev', 'articles');

interface Mismatch {
  readonly word: string;
  readonly model: string;
  readonly ours: string;
}

/** Every word whose stem differs from the model's, with both stems; empty when all agree. */
function mismatchesOn(words: Iterable<string>): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const word of words) {
    const expected = modelStemmer(word);
    const actual = porter2(word);
    if (actual !== expected) mismatches.push({ word, model: expected, ours: actual });
  }
  return mismatches;
}

/**
 * The distinct lower-cased words of every article in a folder, cut three ways: as written
 * between spaces (with punctuation, apostrophes and hyphens), as runs of letters, digits,
 * apostrophes and hyphens, and as runs of letters only.
 */
function wordsOfArticles(dir: string): Set<string> {
  const words = new Set<string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8').toLowerCase();
    for (const [word] of text.matchAll(/\S+/g)) words.add(word);
    for (const [word] of text.matchAll(/[\p{L}\p{N}'’-]+/gu)) words.add(word);
    for (const [word] of text.matchAll(/\p{L}+/gu)) words.add(word);
  }
  return words;
}

describe('our Porter2 stemmer gives exactly the stems of the wink model’s stemmer', () => {
  it('on every word of the seed articles', () => {
    const words = wordsOfArticles(seedsDir);
    expect(words.size).toBeGreaterThan(500);
    expect(mismatchesOn(words)).toEqual([]);
  });

  it.skipIf(!existsSync(squadDir))(
    `on every word of the SQuAD dev articles${existsSync(squadDir) ? '' : ` (skipped: ${squadDir} is missing)`}`,
    () => {
      const words = wordsOfArticles(squadDir);
      expect(words.size).toBeGreaterThan(20_000);
      expect(mismatchesOn(words)).toEqual([]);
    },
  );

  it('on the exceptional forms and the words Porter2 leaves as they are', () => {
    const words = [
      'skis',
      'skies',
      'sky',
      'news',
      'howe',
      'atlas',
      'cosmos',
      'bias',
      'andes',
      'dying',
      'lying',
      'tying',
      'idly',
      'gently',
      'ugly',
      'early',
      'only',
      'singly',
      'inning',
      'innings',
      'outing',
      'outings',
      'canning',
      'cannings',
      'herring',
      'herrings',
      'earring',
      'earrings',
      'proceed',
      'proceeds',
      'exceed',
      'exceeds',
      'succeed',
      'succeeds',
      'proceeded',
      'exceedingly',
      'succeeding',
      'Skies',
      'NEWS',
      'Dying',
    ];
    expect(mismatchesOn(words)).toEqual([]);
  });

  it('on words whose R1 starts after gener, commun or arsen', () => {
    const words = [
      'generate',
      'generates',
      'generated',
      'generating',
      'generation',
      'generations',
      'generator',
      'generous',
      'generously',
      'generosity',
      'generic',
      'generically',
      'general',
      'generally',
      'generalize',
      'gener',
      'genering',
      'communism',
      'communist',
      'communists',
      'community',
      'communities',
      'communal',
      'communicate',
      'communication',
      'commune',
      'arsenal',
      'arsenals',
      'arsenic',
      'arsen',
      'arsenate',
    ];
    expect(mismatchesOn(words)).toEqual([]);
  });

  it('on words with apostrophes, hyphens, digits and a y at the start or after a vowel', () => {
    const words = [
      "dog's",
      "dogs'",
      'dog’s',
      'dogs’',
      "o'neill",
      "o'neill's",
      "it's",
      "'s",
      "s'",
      "'s'",
      "''",
      "'''",
      "ss's",
      "children's",
      "james'",
      'rock’n’roll',
      "ma'am",
      "won't",
      "isn't",
      "'tis",
      'anti-isis',
      'well-trained',
      'u.s.-iraq',
      'co-operation',
      'self-',
      '-ly',
      '--',
      'twenty-three',
      '2013',
      '1990s',
      '3rd',
      '33',
      '3y3',
      'y3',
      'b3',
      'covid-19',
      '4.5',
      '2,500',
      '$100',
      'mp3s',
      'x3y',
      'yes',
      'yell',
      'yelled',
      'yellowing',
      'youth',
      'yyy',
      'yay',
      'boyoy',
      'sayings',
      'played',
      'enjoying',
      'employment',
      'destroyed',
      'buyers',
      'crying',
      'cry',
      'flies',
      'flying',
      'fly',
      'ties',
      'tied',
      'dies',
    ];
    expect(mismatchesOn(words)).toEqual([]);
  });

  it('on very short words', () => {
    const words = [
      '',
      'a',
      'i',
      'y',
      'is',
      'as',
      'us',
      'ss',
      'ed',
      'ly',
      'at',
      'aed',
      'abs',
      'bus',
      'gas',
      'eed',
      'ied',
      'ies',
      'ing',
      'sis',
      'oed',
      'ass',
      'ays',
    ];
    expect(mismatchesOn(words)).toEqual([]);
  });

  it('on accented letters, other scripts and any string', () => {
    const words = [
      'café',
      'cafés',
      'naïve',
      'naïvely',
      'résumé',
      'résumés',
      'über',
      'señoritas',
      'façade',
      'façades',
      'ÉTATS',
      'Zürich',
      'straße',
      'İstanbul',
      'IRAQ',
      'Mosul',
      'москва',
      'москвы',
      'Москве',
      'αθήνα',
      'ΑΘΗΝΑ',
      '東京',
      'القاهرة',
      'שלום',
      'देवनागरी',
      '😀😀😀',
      '\ud800abc',
      'caféing',
      'éed',
      'aéy',
      'ñying',
      'line\nbreaks',
      'ab\nies',
      'abc\ndeeds',
      'fresh\rly',
      'para\u2028graphs',
      'generab\ncd',
      '$$$$$',
      'ab$$$$$',
    ];
    expect(mismatchesOn(words)).toEqual([]);
  });

  it('on every Porter2 suffix, alone and in pairs, after a range of stems', () => {
    const suffixes = [
      '',
      's',
      'es',
      'ies',
      'ied',
      'sses',
      'us',
      'ss',
      'eed',
      'eedly',
      'ed',
      'edly',
      'ing',
      'ingly',
      'y',
      'ly',
      'ational',
      'tional',
      'ization',
      'fulness',
      'ousness',
      'iveness',
      'biliti',
      'lessli',
      'entli',
      'ation',
      'alism',
      'aliti',
      'ousli',
      'iviti',
      'fulli',
      'enci',
      'anci',
      'abli',
      'izer',
      'ator',
      'alli',
      'bli',
      'ogi',
      'logi',
      'li',
      'cli',
      'eli',
      'sli',
      'alize',
      'icate',
      'iciti',
      'ative',
      'ical',
      'ness',
      'ful',
      'ement',
      'ance',
      'ence',
      'able',
      'ible',
      'ment',
      'ant',
      'ent',
      'ism',
      'ate',
      'iti',
      'ous',
      'ive',
      'ize',
      'ion',
      'sion',
      'tion',
      'al',
      'er',
      'ic',
      'e',
      'l',
      'll',
      "'s",
      "s'",
      'at',
      'bl',
      'iz',
      'bb',
      'tt',
      'y3',
    ];
    const stems = [
      '',
      'a',
      'y',
      'b',
      'ab',
      'hop',
      'sky',
      'feas',
      'rel',
      'proc',
      'say',
      'boy',
      'ow',
      'gener',
      'commun',
      'emot',
      'formal',
      'univers',
      'ration',
      'café',
    ];
    const words: string[] = [];
    for (const stem of stems) {
      for (const first of suffixes) {
        for (const second of suffixes) words.push(stem + first + second);
      }
    }
    expect(mismatchesOn(words)).toEqual([]);
  });
});

describe('our Porter2 stemmer', () => {
  it('stems the words of a news story the way the index expects', () => {
    expect(['troops', 'advising', 'agreed', 'operations', 'generously', 'happily', 'Iraq’s'].map(porter2)).toEqual([
      'troop',
      'advis',
      'agre',
      'oper',
      'generous',
      'happili',
      'iraq',
    ]);
  });
});

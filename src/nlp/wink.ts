/**
 * The one wink-nlp instance of the process. Loading the model takes ~150 ms, so it is made
 * once, on first use, and shared by corpus segmentation, indexing and query analysis.
 *
 * Its pipe does only what Citebot reads back: sentence boundaries, parts of speech and named
 * entities. wink's default pipe adds negation and sentiment, which nothing here uses and
 * which cost about an eighth of reading time.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** The wink-nlp pipe Citebot reads with (the bench times wink alone with it too). */
export const readingPipe = ['sbd', 'pos', 'ner'] as const;

let instance: WinkMethods | undefined;

let lexiconSize = 0;

export function wink(): WinkMethods {
  if (!instance) {
    instance = winkNLP(model, [...readingPipe]);
    // wink numbers the words of its lexicon first and gives any word it has not seen the
    // next free number, so the number a nonsense word gets at start is the lexicon's size.
    lexiconSize = instance.readDoc('qxzvkqj').tokens().out(instance.its.uniqueId)[0] as unknown as number;
  }
  return instance;
}

/** True when wink's English lexicon knows the word (by its uniqueId): misspellings it does not. */
export function isLexiconId(uniqueId: number): boolean {
  wink();
  return uniqueId < lexiconSize;
}

const stemCache = new Map<string, string>();

/**
 * Words whose stems are kept. SQuAD dev has about 25,000 distinct words and the 100,000-sentence
 * scale corpus about 60,000: the cache holds any real corpus whole, yet a stream of made-up
 * words (typos, hostile text) cannot grow it without bound.
 */
export const maxCachedWords = 500_000;

/**
 * The model's Porter2 stemmer (https://snowballstem.org/algorithms/english/stemmer.html), the
 * one wink's `its.stem` calls. Its type is the model's internal detail (`unknown`), hence the
 * cast. It runs a few dozen regular expressions per word, but only once per distinct word
 * (the cache below): loading the seed articles into an engine spends about 0.2% more time
 * on it than a hand-written copy did, indexing one added article about 0.6% more, and
 * indexing SQuAD dev's 48 articles (21,557 distinct words) from scratch about 7% more CPU.
 */
const modelStem = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;

/** Porter2 stem of a lower-cased word, cached: a corpus repeats its words, stemming is costly. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = modelStem(word);
    if (stemCache.size < maxCachedWords) stemCache.set(word, stemmed);
  }
  return stemmed;
}

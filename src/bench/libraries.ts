/**
 * The JavaScript search libraries Citebot is measured against, each behind one small
 * interface and each set up the way its own documentation recommends for English text, so the
 * comparison is with the library as people use it, not a strawman:
 *
 * - MiniSearch: default options (its tokenizer, lower-casing, OR of the terms, BM25+ scoring).
 * - FlexSearch: an Encoder with its English language preset (`flexsearch/lang/en`: stop words, stemmer,
 *   contractions) over the default charset encoder, and `suggest: true` so that a question
 *   need not match every term (without it FlexSearch returns only sentences with all terms).
 * - lunr: its default pipeline (trimmer, stop-word filter, stemmer); the question goes through
 *   the same tokenizer, trimmer and stop-word filter and is passed as terms, because the
 *   query-string syntax would read `:`, `^`, `~`, `+`, `-` in a question as operators.
 * - wink-bm25-text-search: default BM25 parameters and the wink-nlp-utils preparation pipe of
 *   its documentation. (Its current README shows a wink-nlp `readDoc` task instead; that one
 *   scores lower on SQuAD dev, R@1 0.640 / R@3 0.783 against 0.664 / 0.799, and indexes
 *   slower; on seed-dev it differs by one question, R@3 0.639 against 0.611. The set-up that
 *   is stronger on the large set is the one measured.)
 *
 * Every document is one sentence; ids are sentence numbers.
 */
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import lunr from 'lunr';
import bm25 from 'wink-bm25-text-search';
import winkUtils from 'wink-nlp-utils';

export interface SearchLibrary {
  readonly name: string;
  /** Indexes the sentences; sentence number = position in the array. */
  build(sentences: readonly string[]): Promise<void>;
  /** Sentence numbers of the best `limit` matches, best first. */
  search(question: string, limit: number): number[];
  /** The index in the library's own serialised form. */
  serialise(): Promise<string>;
  /** Replaces the index with one read back from `serialise()`'s output. */
  load(serialised: string): Promise<void>;
}

class MiniSearchLibrary implements SearchLibrary {
  readonly name = 'MiniSearch';
  private static readonly options = { fields: ['text'], idField: 'id' };
  private index = new MiniSearch<{ id: number; text: string }>(MiniSearchLibrary.options);

  async build(sentences: readonly string[]): Promise<void> {
    this.index.addAll(sentences.map((text, id) => ({ id, text })));
  }
  search(question: string, limit: number): number[] {
    return this.index
      .search(question)
      .slice(0, limit)
      .map((result) => result.id as number);
  }
  async serialise(): Promise<string> {
    return JSON.stringify(this.index);
  }
  async load(serialised: string): Promise<void> {
    this.index = MiniSearch.loadJSON(serialised, MiniSearchLibrary.options);
  }
}

class FlexSearchLibrary implements SearchLibrary {
  readonly name = 'FlexSearch';
  private index = FlexSearchLibrary.create();

  private static create() {
    return new FlexSearch.Index({ encoder: new FlexSearch.Encoder(EnglishPreset) });
  }
  async build(sentences: readonly string[]): Promise<void> {
    sentences.forEach((text, id) => this.index.add(id, text));
  }
  search(question: string, limit: number): number[] {
    return (this.index.search(question, { limit, suggest: true }) as number[]).slice(0, limit);
  }
  async serialise(): Promise<string> {
    const parts: Record<string, string> = {};
    await this.index.export(async (key, data) => {
      parts[key] = data;
    });
    return JSON.stringify(parts);
  }
  async load(serialised: string): Promise<void> {
    const index = FlexSearchLibrary.create();
    for (const [key, data] of Object.entries(JSON.parse(serialised) as Record<string, string>))
      await index.import(key, data);
    this.index = index;
  }
}

class LunrLibrary implements SearchLibrary {
  readonly name = 'lunr';
  private index: lunr.Index | undefined;
  private readonly questionPipeline = new lunr.Pipeline();

  constructor() {
    this.questionPipeline.add(lunr.trimmer, lunr.stopWordFilter);
  }
  async build(sentences: readonly string[]): Promise<void> {
    this.index = lunr(function () {
      this.ref('id');
      this.field('text');
      sentences.forEach((text, id) => this.add({ id: String(id), text }));
    });
  }
  search(question: string, limit: number): number[] {
    const terms = this.questionPipeline.run(lunr.tokenizer(question));
    if (terms.length === 0 || !this.index) return [];
    return this.index
      .query((query) => query.term(terms, {}))
      .slice(0, limit)
      .map((result) => Number(result.ref));
  }
  async serialise(): Promise<string> {
    return JSON.stringify(this.index);
  }
  async load(serialised: string): Promise<void> {
    this.index = lunr.Index.load(JSON.parse(serialised));
  }
}

class WinkBM25Library implements SearchLibrary {
  readonly name = 'wink-bm25';
  private engine = WinkBM25Library.create();

  private static create() {
    const engine = bm25();
    engine.defineConfig({ fldWeights: { text: 1 } });
    // The preparation pipe of the library's documentation (README up to 3.0.1, kept working
    // since): lower-case, tokenise, drop stop words, stem, mark negations.
    engine.definePrepTasks([
      winkUtils.string.lowerCase,
      winkUtils.string.tokenize0,
      winkUtils.tokens.removeWords,
      winkUtils.tokens.stem,
      winkUtils.tokens.propagateNegations,
    ]);
    return engine;
  }
  async build(sentences: readonly string[]): Promise<void> {
    sentences.forEach((text, id) => this.engine.addDoc({ text }, id));
    this.engine.consolidate();
  }
  search(question: string, limit: number): number[] {
    return this.engine.search(question, limit).map(([id]) => Number(id));
  }
  async serialise(): Promise<string> {
    return this.engine.exportJSON();
  }
  async load(serialised: string): Promise<void> {
    const engine = WinkBM25Library.create();
    engine.importJSON(serialised);
    this.engine = engine;
  }
}

export const libraryNames = ['minisearch', 'flexsearch', 'lunr', 'wink-bm25'] as const;
export type LibraryName = (typeof libraryNames)[number];

export function createLibrary(name: LibraryName): SearchLibrary {
  switch (name) {
    case 'minisearch':
      return new MiniSearchLibrary();
    case 'flexsearch':
      return new FlexSearchLibrary();
    case 'lunr':
      return new LunrLibrary();
    case 'wink-bm25':
      return new WinkBM25Library();
  }
}

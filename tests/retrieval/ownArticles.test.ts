import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { assignArticleKeys } from '../../src/corpus/citation.ts';
import { analyseArticleFiles, readArticleFiles, type SourceFile } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/index/build.ts';
import { loadSeedQuestions } from '../../src/bench/qa.ts';
import { QuoteEngine } from '../../src/retrieval/engine.ts';
import { withOwnArticles } from '../../src/retrieval/layered.ts';
import type { Answer, Quote } from '../../src/retrieval/types.ts';
import { seedQuestionsPath } from '../../src/testing/paths.ts';
import { seedsDir, sharedAvailable, sharedDir } from '../helpers.ts';

/**
 * Engines over the same files two ways: every file in one index (the shared folder), and the
 * `own` files in an index of their own appended to the others'.
 */
function twoWays(
  files: readonly SourceFile[],
  own: (file: string) => boolean,
): { single: QuoteEngine; layered: QuoteEngine } {
  const keys = assignArticleKeys(files.map((source) => source.file));
  const index = (chosen: readonly SourceFile[]) => buildIndex(analyseArticleFiles(chosen, keys).articles);
  const shared = index(files.filter((source) => !own(source.file)));
  const server = index(files.filter((source) => own(source.file)));
  return {
    single: new QuoteEngine(index(files)),
    layered: new QuoteEngine(withOwnArticles(shared, server).index, { appendedTo: new QuoteEngine(shared) }),
  };
}

/** What a user sees of the quotes: the citation, the text, every source and its wording, and the score. */
function shown(quotes: readonly Quote[]) {
  return quotes.map((quote) => ({
    id: quote.main.id,
    text: quote.text,
    score: Number(quote.score.toFixed(9)),
    sources: quote.sources
      .map((source) => `${source.article.key} ${source.citationIds.join(',')} ${source.wording}`)
      .sort(),
  }));
}

function outcome(answer: Answer) {
  return answer.answered
    ? { answered: true, confidence: answer.confidence.toFixed(9), quotes: shown(answer.quotes) }
    : {
        answered: false,
        reason: answer.reason,
        confidence: answer.confidence.toFixed(9),
        quotes: shown(answer.closest),
      };
}

function expectSameAnswers(single: QuoteEngine, layered: QuoteEngine, questions: readonly string[]): void {
  for (const question of questions) {
    expect(outcome(layered.ask(question, { top: 5 })), question).toEqual(outcome(single.ask(question, { top: 5 })));
    expect(shown(layered.search(question, { top: 5 })), question).toEqual(shown(single.search(question, { top: 5 })));
  }
}

describe("a server's own articles appended to the shared index", () => {
  const seedQuestions = (): string[] => loadSeedQuestions(seedQuestionsPath('seed-dev')).map((q) => q.question);

  it.each(['000', '002', '003'])(
    'ranks seed-dev as one index would, with seed %s as the server article',
    async (prefix) => {
      if (!sharedAvailable(seedQuestionsPath('seed-dev'), 'the seed-dev comparison')) return;
      const { files } = await readArticleFiles(seedsDir);
      const { single, layered } = twoWays(files, (file) => file.startsWith(prefix));
      expect(layered.sentenceCount).toBe(single.sentenceCount);
      expectSameAnswers(single, layered, seedQuestions());
    },
  );

  it('looks up every sentence, its context and its article by id and key as one index would', async () => {
    const { files } = await readArticleFiles(seedsDir);
    const { single, layered } = twoWays(files, (file) => file.startsWith('001') || file.startsWith('003'));
    for (const sentence of single.index.sentences) {
      expect(layered.sentence(sentence.id)?.text).toBe(sentence.text);
      expect(layered.context(sentence.id).map((s) => s.id)).toEqual(single.context(sentence.id).map((s) => s.id));
      expect(layered.articleOf(layered.sentence(sentence.id)!).key).toBe(sentence.articleKey);
    }
    for (const article of single.articles) {
      expect(layered.article(article.key.toUpperCase())?.file).toBe(article.file);
      expect(layered.search('troops', { articleKey: article.key, top: 50 }).map((quote) => quote.main.id)).toEqual(
        single.search('troops', { articleKey: article.key, top: 50 }).map((quote) => quote.main.id),
      );
    }
    expect(layered.sentence('a999:1.1')).toBeUndefined();
  });

  it('answers, searches and looks sentences up without listing every sentence and term of both', async () => {
    const { files } = await readArticleFiles(seedsDir);
    const { single, layered } = twoWays(files, (file) => file.startsWith('001'));
    const listings = [vi.spyOn(layered.index, 'sentences', 'get'), vi.spyOn(layered.index, 'vocabulary', 'get')];
    for (const question of ['How many troops will be sent to Iraq?', 'Who is the prime minister of Irak?'])
      expect(layered.ask(question, { top: 5 }).question).toBe(question);
    expect(layered.search('troops').length).toBeGreaterThan(0);
    for (const sentence of single.index.sentences) {
      expect(layered.sentence(sentence.id)?.text).toBe(sentence.text);
      expect(layered.context(sentence.id).length).toBeGreaterThan(0);
    }
    for (const listing of listings) expect(listing).not.toHaveBeenCalled();
    // Asked for as lists, they are those of one index of both (the server's sentences last).
    expect(layered.index.sentences.map((s) => s.id).sort()).toEqual(single.index.sentences.map((s) => s.id).sort());
    expect(new Set(layered.index.vocabulary)).toEqual(new Set(single.index.vocabulary));
  });

  it('gives a server sentence and a shared one with the same match the same score', () => {
    const files: SourceFile[] = [
      { file: 'lake.txt', text: 'Lake\n\nThe heron nested by the lake.\n\nFish swam below the reeds.\n' },
      { file: 'marsh.txt', text: 'Marsh\n\nGeese flew over the marsh at dawn.\n' },
      { file: 'river.txt', text: 'River\n\nThe heron nested by the river.\n' },
    ].map((source) => ({ ...source, digest: source.file }));
    const { layered } = twoWays(files, (file) => file === 'river.txt');
    const ranked = layered.rank('where did the heron nest', 2);
    expect(ranked.map((r) => layered.index.sentences[r.sentence]!.text).sort()).toEqual([
      'The heron nested by the lake.',
      'The heron nested by the river.',
    ]);
    // The match (BM25 over the same words, the first pass) scores the same; stage 2 may still
    // tell "lake" from "river" by meaning.
    const [first, second] = ranked.map((r) => r.features);
    expect(first!.bm25).toBe(1);
    expect(second!.bm25).toBe(1);
    expect(first!.firstPass).toBe(second!.firstPass);
  });

  it('groups a server sentence with its near-duplicate in a shared article and cites both', () => {
    const files: SourceFile[] = [
      {
        file: 'shared.txt',
        text: 'Troops\n\nThere are currently about 2,500 US troops in Iraq to train local forces.\n',
      },
      { file: 'own.txt', text: 'Troops again\n\nThere are currently 2,500 US troops in Iraq to train local forces.\n' },
    ].map((source) => ({ ...source, digest: source.file }));
    const { single, layered } = twoWays(files, (file) => file === 'own.txt');
    const answer = layered.search('how many US troops are in Iraq', { top: 3 });
    expect(answer).toHaveLength(1);
    expect(answer[0]!.sources.map((source) => source.wording).sort()).toEqual(['same', 'similar']);
    expect(shown(answer)).toEqual(shown(single.search('how many US troops are in Iraq', { top: 3 })));
  });

  const squadDir = join(sharedDir, 'bench', 'squad', 'dev');
  it("ranks a sample of SQuAD dev as one index would, with two articles as the server's", async () => {
    if (!sharedAvailable(squadDir, 'the SQuAD dev comparison')) return;
    const { files: all } = await readArticleFiles(join(squadDir, 'articles'));
    // Six articles (every eighth), two of them the server's: enough sentences for the statistics
    // to differ from either part's alone, few enough to read with wink quickly. The server's are
    // the two that sort last, so that the folder holds them in the order the server's index is
    // appended: sentences of equal stage-1 score at the edge of the shortlist are kept in
    // sentence order, and that order is the one thing the two ways may not share.
    const files = all.filter((_, i) => i % 8 === 0);
    const ownFiles = new Set(files.slice(-2).map((source) => source.file));
    const { single, layered } = twoWays(files, (file) => ownFiles.has(file));
    const chosen = new Set(files.map((source) => source.file));
    const questions = readFileSync(join(squadDir, 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { question: string; article: string })
      .filter((q) => chosen.has(q.article))
      .filter((_, i) => i % 10 === 0)
      .map((q) => q.question);
    expect(questions.length).toBeGreaterThan(50);
    expectSameAnswers(single, layered, questions);
  });
});

import { describe, expect, it } from 'vitest';
import { assignArticleKeys } from '../../src/corpus/citation.ts';
import { analyseArticleFiles, readArticleFiles, type SourceFile } from '../../src/corpus/load.ts';
import { appendIndex } from '../../src/index/append.ts';
import { buildIndex } from '../../src/index/build.ts';
import { deserialiseIndex, serialiseIndex } from '../../src/index/serialise.ts';
import { TermIdsOnDemand } from '../../src/index/termIds.ts';
import { postingRuns, sentenceTermRun, type SentenceIndex, type TermLookup } from '../../src/index/sentenceIndex.ts';
import { seedsDir } from '../helpers.ts';

/** The seed files, and an index of any of them cited as the whole folder cites them. */
async function seedIndexer() {
  const { files } = await readArticleFiles(seedsDir);
  const keys = assignArticleKeys(files.map((source) => source.file));
  const index = (chosen: readonly SourceFile[]) => buildIndex(analyseArticleFiles(chosen, keys).articles);
  return { files, index };
}

/** The seed articles as one index, and as the first two's index with the others' appended. */
async function bothWays(): Promise<{ single: SentenceIndex; shared: SentenceIndex; appended: SentenceIndex }> {
  const { files, index } = await seedIndexer();
  const shared = index(files.slice(0, 2));
  return { single: index(files), shared, appended: appendIndex(shared, index(files.slice(2))).index };
}

/** Every posting of a term as [sentence, frequency] pairs, over its runs. */
function postingsOf(index: SentenceIndex, termId: number): [number, number][] {
  return postingRuns(index, termId).flatMap(({ sentences, frequencies, from, to }) =>
    Array.from({ length: to - from }, (_, i) => [sentences[from + i]!, frequencies[from + i]!] as [number, number]),
  );
}

function termsOf(index: SentenceIndex, s: number): { term: string; flags: number }[] {
  const { terms, flags, from, to } = sentenceTermRun(index, s);
  return Array.from({ length: to - from }, (_, i) => ({
    term: index.vocabulary[terms[from + i]!]!,
    flags: flags[from + i]!,
  }));
}

describe("a server's index appended to the shared one", () => {
  it('has the postings, sentence terms and statistics of one index of both', async () => {
    const { single, appended } = await bothWays();
    expect(appended.sentences.map((s) => s.id)).toEqual(single.sentences.map((s) => s.id));
    expect(new Set(appended.vocabulary)).toEqual(new Set(single.vocabulary));
    for (const term of single.vocabulary) {
      const there = appended.termIds.get(term)!;
      const here = single.termIds.get(term)!;
      expect(postingsOf(appended, there), term).toEqual(postingsOf(single, here));
      expect(appended.documentFrequency[there], term).toBe(single.documentFrequency[here]);
    }
    for (let s = 0; s < single.sentences.length; s += 1) expect(termsOf(appended, s)).toEqual(termsOf(single, s));
    expect(appended.sentenceGroup).toEqual(single.sentenceGroup);
    expect(appended.averageSentenceLength).toBe(single.averageSentenceLength);
    expect(appended.searchableCount).toBe(single.searchableCount);
  });

  it('holds the shared postings and sentence terms themselves, not copies: a server costs what it added', async () => {
    const { shared, appended } = await bothWays();
    expect(appended.postingSentence).toBe(shared.postingSentence);
    expect(appended.postingFrequency).toBe(shared.postingFrequency);
    expect(appended.sentenceTerms).toBe(shared.sentenceTerms);
    expect(appended.sentenceTermFlags).toBe(shared.sentenceTermFlags);
    expect(appended.appended!.sentenceTerms.length).toBe(
      appended.sentenceTermStart[appended.sentences.length]! - shared.sentenceTerms.length,
    );
  });

  it("shares one set of per-sentence and per-term arrays between servers' indexes, each reading its own values in turn", async () => {
    const { files, index } = await seedIndexer();
    const shared = index(files.slice(0, 2));
    const servers = [files.slice(2, 3), files.slice(3)].map((own) => ({
      single: index([...files.slice(0, 2), ...own]),
      appended: appendIndex(shared, index(own)).index,
    }));
    expect(servers[0]!.appended.sentenceParagraph.buffer).toBe(servers[1]!.appended.sentenceParagraph.buffer);
    // In turn, twice: each read after the other server's has been.
    for (const { single, appended } of [...servers, ...servers]) {
      for (const name of [
        'sentenceTermStart',
        'sentenceArticle',
        'sentenceParagraph',
        'sentenceQuotable',
        'sentenceGroup',
      ] as const)
        expect(appended[name], name).toEqual(single[name]);
      for (const term of single.vocabulary)
        expect(appended.documentFrequency[appended.termIds.get(term)!], term).toBe(
          single.documentFrequency[single.termIds.get(term)!],
        );
      expect(appended.documentFrequency.length).toBe(single.vocabulary.length);
    }
  });

  it('keeps one set per shared index, so servers over an old and a new shared index (a reload) each read their own', async () => {
    const { files, index } = await seedIndexer();
    const own = files.slice(3);
    const servers = [files.slice(0, 1), files.slice(0, 2)].map((sharedFiles) => ({
      single: index([...sharedFiles, ...own]),
      appended: appendIndex(index(sharedFiles), index(own)).index,
    }));
    const first = servers[0]!.appended.sentenceParagraph;
    for (const { single, appended } of [...servers, ...servers]) {
      expect(appended.sentenceArticle).toEqual(single.sentenceArticle);
      expect(appended.sentenceParagraph).toEqual(single.sentenceParagraph);
    }
    // Reading the other shared index's server in between did not replace the first one's set.
    expect(servers[0]!.appended.sentenceParagraph.buffer).toBe(first.buffer);
  });

  it("makes no term map of a stored server index to append it: the shared index's map is the one looked in", async () => {
    const { files, index } = await seedIndexer();
    const stored = deserialiseIndex(serialiseIndex(index(files.slice(2))));
    const { index: appended } = appendIndex(index(files.slice(0, 2)), stored);
    expect((stored.termIds as TermIdsOnDemand).isMade).toBe(false);
    for (const term of stored.vocabulary) expect(appended.termIds.has(term), term).toBe(true);
  });

  it('given back its link, appends to the same index without looking in the shared vocabulary or grouping again', async () => {
    const { files, index } = await seedIndexer();
    const single = index(files);
    const shared = index(files.slice(0, 2));
    const own = index(files.slice(2));
    const worked = appendIndex(shared, own);
    expect(worked.linkGiven).toBe(false);
    // Some of the server's sentences are grouped with shared ones (wire copy across the seeds).
    expect([...worked.link.groups].some((group) => group < shared.sentences.length)).toBe(true);

    let lookups = 0;
    const counted = {
      get: (term: string) => (lookups++, shared.termIds.get(term)),
      has: (term: string) => (lookups++, shared.termIds.has(term)),
    } as TermLookup;
    const linked = appendIndex({ ...shared, termIds: counted }, own, worked.link);
    expect(linked.linkGiven).toBe(true);
    expect(lookups).toBe(0);
    const appended = linked.index;
    expect(appended.sentenceGroup).toEqual(single.sentenceGroup);
    for (const term of single.vocabulary) {
      expect(postingsOf(appended, appended.termIds.get(term)!), term).toEqual(
        postingsOf(single, single.termIds.get(term)!),
      );
      expect(appended.documentFrequency[appended.termIds.get(term)!], term).toBe(
        single.documentFrequency[single.termIds.get(term)!],
      );
    }
    for (let s = 0; s < single.sentences.length; s += 1) expect(termsOf(appended, s)).toEqual(termsOf(single, s));

    // The groups are the link's, not worked out again: a link that groups otherwise is followed.
    const first = shared.sentences.length;
    expect(single.sentenceGroup[first + 1]).not.toBe(first);
    const groups = worked.link.groups.slice();
    groups[1] = first;
    expect(appendIndex(shared, own, { termMap: worked.link.termMap, groups }).index.sentenceGroup[first + 1]).toBe(
      first,
    );
  });

  it('works the link out again when the one given cannot be these indexes’ own', async () => {
    const { files, index } = await seedIndexer();
    const single = index(files);
    const shared = index(files.slice(0, 2));
    const own = index(files.slice(2));
    const { link } = appendIndex(shared, own);
    const firstAdded = [...link.termMap].findIndex((id) => id >= shared.vocabulary.length);
    const altered = (change: (termMap: Uint32Array, groups: Uint32Array) => void) => {
      const termMap = link.termMap.slice();
      const groups = link.groups.slice();
      change(termMap, groups);
      return { termMap, groups };
    };
    const unfit = {
      'one term short': { termMap: link.termMap.subarray(1), groups: link.groups },
      'one sentence short': { termMap: link.termMap, groups: link.groups.subarray(1) },
      'a term past the vocabulary': altered(
        (termMap) => (termMap[0] = shared.vocabulary.length + own.vocabulary.length),
      ),
      'the added terms out of order': altered((termMap) => (termMap[firstAdded] = termMap[firstAdded]! + 1)),
      'a group after its sentence': altered((_, groups) => (groups[0] = shared.sentences.length + 1)),
    };
    for (const [what, given] of Object.entries(unfit)) {
      const appended = appendIndex(shared, own, given);
      expect(appended.linkGiven, what).toBe(false);
      expect(appended.link, what).toEqual(link);
      expect(appended.index.sentenceGroup, what).toEqual(single.sentenceGroup);
    }
  });

  it('is stored as its parts, never whole', async () => {
    const { appended } = await bothWays();
    expect(() => serialiseIndex(appended)).toThrow(/appended/);
  });
});

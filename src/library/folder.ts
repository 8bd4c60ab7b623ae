/**
 * Opens an articles folder as a QuoteEngine: the one start-up path shared by the CLI, the bot
 * and the benchmark. Warnings (skipped files) are returned for the caller to report.
 */
import { resolve } from 'node:path';
import { assignArticleKeys } from '../corpus/citation.ts';
import { loadArticles, readArticleFiles } from '../corpus/load.ts';
import type { LoadWarning } from '../corpus/types.ts';
import { buildIndex } from '../index/build.ts';
import { QuoteEngine, type EngineOptions } from '../retrieval/engine.ts';
import type { Store } from '../store/store.ts';
import type { CorpusAnalyser } from './analysisJobs.ts';
import { loadOrBuildIndex, type CorpusSources } from './storedIndex.ts';

export interface OpenedLibrary {
  readonly engine: QuoteEngine;
  readonly warnings: readonly LoadWarning[];
}

export async function openLibrary(dir: string, options: EngineOptions = {}): Promise<OpenedLibrary> {
  const { articles, warnings } = await loadArticles(dir);
  return { engine: new QuoteEngine(buildIndex(articles), options), warnings };
}

export interface StoredLibrary extends OpenedLibrary {
  /** The folder's files and their keys: server articles are indexed alongside them. */
  readonly corpus: CorpusSources;
  /** 'stored' when the index was loaded whole from the store, 'built' when it was (re)built. */
  readonly indexSource: 'stored' | 'built';
  /** Files read with wink on this start (0 when the stored index was used). */
  readonly analysedCount: number;
  /** Where in the store its index and analysed files are kept (sharedScope). */
  readonly scope: string;
  /** The hash its index is stored under (storedIndex.ts): which shared index a server's stored link was made for. */
  readonly corpusHash: string;
}

/** The store scope of a shared articles folder: by folder, so that two folders sharing one store do not replace each other's index. */
export function sharedScope(dir: string): string {
  return `shared:${resolve(dir)}`;
}

/**
 * openLibrary with the index kept in a store: a start with unchanged articles loads the
 * stored index instead of reading the files with wink; after a change only the changed
 * files are read. The files are still read from disk (cheap) to know whether they changed.
 * The reading with wink and the index building run on `analyser` (the bot's worker thread,
 * so that a reload does not stall its interactions), in this thread by default.
 */
export async function openLibraryWithStore(
  dir: string,
  store: Store,
  options: EngineOptions = {},
  analyser?: CorpusAnalyser,
): Promise<StoredLibrary> {
  const { files, warnings: readWarnings } = await readArticleFiles(dir);
  const corpus: CorpusSources = { files, keys: assignArticleKeys(files.map((source) => source.file)) };
  const scope = sharedScope(dir);
  const indexed = await loadOrBuildIndex(store, scope, corpus, analyser ? { analyser, queue: 'shared' } : {});
  return {
    engine: new QuoteEngine(indexed.index, options),
    warnings: [...readWarnings, ...indexed.warnings],
    corpus,
    indexSource: indexed.source,
    analysedCount: indexed.analysedCount,
    scope,
    corpusHash: indexed.corpusHash,
  };
}

/**
 * Opens an articles folder as a QuoteEngine: the one start-up path shared by the CLI, the bot
 * and the benchmark. Warnings (skipped files) are returned for the caller to report.
 */
import { loadArticles } from './corpus/load.ts';
import type { LoadWarning } from './corpus/types.ts';
import { buildIndex } from './index/build.ts';
import { QuoteEngine, type EngineOptions } from './retrieval/engine.ts';

export const defaultArticlesDir = 'seeds';

export interface OpenedLibrary {
  readonly engine: QuoteEngine;
  readonly warnings: readonly LoadWarning[];
}

export async function openLibrary(dir: string, options: EngineOptions = {}): Promise<OpenedLibrary> {
  const { articles, warnings } = await loadArticles(dir);
  return { engine: new QuoteEngine(buildIndex(articles), options), warnings };
}

/**
 * `npm run bench:extraction [-- --pages DIR]`: how well Citebot reads news pages. Runs the
 * article extraction of `/admin add url:` and `npm run add` (Readability on linkedom, then
 * the language check and the article file) on the saved pages of
 * ../shared/bench/webpages/pages and prints, per page and in all: whether the title, outlet,
 * byline and date are right, the share of the expected body recovered, the time taken, and
 * whether the page would be added. Scoring: src/bench/extractionScore.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSavedPages, scorePage, type PageScore } from './extractionScore.ts';
import { sharedDir } from '../testing/paths.ts';
import { decimals, formatTable, milliseconds } from './table.ts';

/** The extraction table for the saved pages in `pagesDir`, with its legend. */
export function extractionReport(pagesDir: string): string {
  const pages = loadSavedPages(pagesDir);
  // One page first, unscored: the first run pays for loading and compiling the code.
  scorePage(pages[0]!);
  const scores: PageScore[] = pages.map((page) => scorePage(page));

  const mark = (right: boolean) => (right ? 'yes' : 'no');
  const rows = scores.map((score) => [
    score.name,
    mark(score.title),
    mark(score.outlet),
    mark(score.byline),
    mark(score.date),
    decimals(score.bodyShare, 3),
    milliseconds(score.ms),
    score.refusal === null ? 'added' : `refused: ${score.refusal}`,
  ]);
  const right = (field: 'title' | 'outlet' | 'byline' | 'date') =>
    `${scores.filter((score) => score[field]).length}/${scores.length}`;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  rows.push([
    'all',
    right('title'),
    right('outlet'),
    right('byline'),
    right('date'),
    decimals(mean(scores.map((score) => score.bodyShare)), 3),
    milliseconds(mean(scores.map((score) => score.ms))),
    `${scores.filter((score) => score.refusal === null).length} added`,
  ]);
  return `${formatTable(
    [
      { title: 'page', align: 'left' },
      { title: 'title' },
      { title: 'outlet' },
      { title: 'byline' },
      { title: 'date' },
      { title: 'body' },
      { title: 'ms' },
      { title: 'outcome', align: 'left' },
    ],
    rows,
  )}\n\nbody: share of the expected body's words recovered; ms: extraction, language check and article file, per page (the "all" row: mean).`;
}

export const defaultPagesDir = join(sharedDir, 'bench', 'webpages', 'pages');

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { pages: { type: 'string' } } });
  const pagesDir = values.pages ?? defaultPagesDir;
  if (!existsSync(pagesDir)) {
    process.stderr.write(
      `The saved pages are not at ${pagesDir} (the shared data sits beside the repository as ../shared; --pages DIR or CITEBOT_SHARED_DIR points elsewhere).\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${extractionReport(pagesDir)}\n`);
}

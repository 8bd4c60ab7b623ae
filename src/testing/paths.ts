/**
 * Where the tests and the bench find things: the repository, its seed articles, and the
 * shared data beside it (`../shared`, as PRODUCT.md lays it out: question sets and benchmark
 * corpora, not part of the repository). `CITEBOT_SHARED_DIR` points elsewhere.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const sharedDir = process.env.CITEBOT_SHARED_DIR ?? join(repositoryRoot, '..', 'shared');

export const seedArticlesDir = join(repositoryRoot, 'seeds');

/** The question sets over the seed articles: seed-dev (the first, 40 questions) and seed-chat (asked as in a Discord server). */
export type SeedQuestionSet = 'seed-dev' | 'seed-chat';

/** A seed question set's file: `qa/<set>.jsonl` in the shared folder, scored as `qa/README.md` there says. */
export function seedQuestionsPath(set: SeedQuestionSet): string {
  return join(sharedDir, 'qa', `${set}.jsonl`);
}

/**
 * For the bench and fitting scripts: ends the process with one line, not a stack trace, when
 * the shared data they read is missing (a plain clone has no ../shared).
 */
export function requireShared(what: string): void {
  if (existsSync(sharedDir)) return;
  process.stderr.write(
    `${what} reads the shared data sets, which are not at ${sharedDir} (they sit beside the repository as ../shared; CITEBOT_SHARED_DIR points elsewhere).\n`,
  );
  process.exit(1);
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

import { seedArticlesDir, sharedDir } from '../src/testing/paths.ts';

/** The seed articles, and `../shared` beside the repository (or CITEBOT_SHARED_DIR, as for the bench). */
export { seedArticlesDir as seedsDir, sharedDir };

/**
 * Whether a file or folder under ../shared is there. When it is not, says so once, in one line
 * naming where it was expected, so that a skipped test is never a silent one.
 */
export function sharedAvailable(path: string, what: string): boolean {
  if (existsSync(path)) return true;
  console.warn(
    `skipped: ${what} needs ${path}, which is missing (the shared data sets sit beside the repository as ../shared)`,
  );
  return false;
}

const foldersToRemove: string[] = [];
afterAll(() => {
  for (const dir of foldersToRemove.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file finishes (it may be made inside a test). */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  foldersToRemove.push(dir);
  return dir;
}

/** A temporary articles folder with the given files (name -> content); removed by `cleanup`. */
export async function articlesFolder(
  files: Record<string, string | Uint8Array>,
  options: { withSeeds?: boolean } = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'citebot-articles-'));
  if (options.withSeeds) await cp(seedArticlesDir, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A markdown article whose front matter, in `language`, writes `markerPath` if it is ever run
 * as code (as front-matter libraries run `---js`): the marker's absence shows that it was not.
 */
export function codeFrontMatter(language: string, markerPath: string): string {
  return `---${language}\n{ title: (require('fs').writeFileSync(${JSON.stringify(markerPath)}, String(process.pid)), 'Heron') }\n---\nThe heron nested.\n`;
}

import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const seedsDir = new URL('../seeds/', import.meta.url).pathname;
export const seedQuestionsPath = new URL('../../shared/qa/seed-dev.jsonl', import.meta.url).pathname;

/** A temporary articles folder with the given files (name -> content); removed by `cleanup`. */
export async function articlesFolder(files: Record<string, string | Uint8Array>, options: { withSeeds?: boolean } = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'citebot-articles-'));
  if (options.withSeeds) await cp(seedsDir, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A markdown article whose front matter, in `language`, writes `markerPath` if it is ever run
 * as code (as gray-matter ran `---js`): the marker's absence shows that it was not.
 */
export function codeFrontMatter(language: string, markerPath: string): string {
  return `---${language}\n{ title: (require('fs').writeFileSync(${JSON.stringify(markerPath)}, String(process.pid)), 'Heron') }\n---\nThe heron nested.\n`;
}

/**
 * A hash of some of Citebot's own source files and of packages' versions: what a stored record
 * was made by, so that a record made by other code is not read as if this code had made it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A hash of `label`, the sources (paths under src/) and the packages' installed versions. */
export function sourcesFingerprint(
  label: string,
  sources: readonly string[],
  packages: readonly string[] = [],
): string {
  const hash = createHash('sha256').update(`${label}\n`);
  const sourceRoot = join(import.meta.dirname, '..');
  for (const source of sources) {
    hash.update(`${source}\n`);
    try {
      hash.update(readFileSync(join(sourceRoot, source)));
    } catch {
      hash.update('(absent)');
    }
  }
  for (const name of packages) {
    try {
      const manifest = JSON.parse(
        readFileSync(join(sourceRoot, '..', 'node_modules', name, 'package.json'), 'utf8'),
      ) as { version?: string };
      hash.update(`${name}@${manifest.version ?? '?'}\n`);
    } catch {
      hash.update(`${name}@(absent)\n`);
    }
  }
  return hash.digest('hex');
}

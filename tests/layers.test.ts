/**
 * The house rule: data flows one way. Every module under src/ and commands/ belongs to one
 * layer, and imports only from layers below its own; no module imports itself back through
 * others. The layer order is the README's ("How the code is laid out").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Lowest first. Areas that share a row are siblings: neither imports the other. */
const layerOrder: readonly (readonly string[])[] = [
  ['nlp'],
  ['corpus'],
  ['store'],
  ['index'],
  ['retrieval'],
  ['library'],
  ['config'],
  ['present'],
  ['discord', 'cli'],
  ['commands'],
  ['bot'],
  ['testing'],
  ['bench'],
];

/** Modules that sit at the top of src/ and the layer they belong to. */
const topLevelModules: Readonly<Record<string, string>> = {
  'config.ts': 'config',
  'log.ts': 'config',
};

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function areaOf(file: string): string {
  const [top, second] = file.split('/');
  if (top === 'commands') return 'commands';
  const area = second!.includes('.') ? topLevelModules[second!] : second;
  if (area === undefined) throw new Error(`${file} is in no layer: give it a folder or a row in topLevelModules`);
  return area;
}

function rankOf(area: string): number {
  const rank = layerOrder.findIndex((row) => row.includes(area));
  if (rank < 0) throw new Error(`src/${area}/ is in no layer: add it to layerOrder and the README`);
  return rank;
}

/** Relative imports: `import … from`, `export … from`, `import('…')`, and `import '…'`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(root, resolve(root, dirname(file), specifier)));
}

const files = [...sourceFiles('src'), ...sourceFiles('commands')];
const imports = new Map(files.map((file) => [file, importsOf(file)]));

describe('the import graph', () => {
  const areas = [...new Set(files.map(areaOf))].sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));

  it.each(areas)('%s imports only from the layers below it', (area) => {
    const upward = files
      .filter((file) => areaOf(file) === area)
      .flatMap((file) =>
        imports
          .get(file)!
          .filter((target) => areaOf(target) !== area && rankOf(areaOf(target)) >= rankOf(area))
          .map((target) => `${file} -> ${target}`),
      );
    expect(upward).toEqual([]);
  });

  it('imports only files that exist', () => {
    const known = new Set(files);
    const missing = [...imports].flatMap(([file, targets]) =>
      targets.filter((target) => !known.has(target)).map((target) => `${file} -> ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no cycles', () => {
    // Depth-first search; a back edge to a module still on the path closes a cycle.
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) {
        if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), file, target].join(' -> '));
        else if (!state.has(target)) visit(target, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

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
function importSpecifiers(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]!);
}

function importsOf(file: string): string[] {
  const specifiers = importSpecifiers(readFileSync(join(root, file), 'utf8'));
  return specifiers.map((specifier) => relative(root, resolve(root, dirname(file), specifier)));
}

type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Imports from a module of `area` into another area at its own layer or above. */
function upwardImports(graph: ImportGraph, area: string): string[] {
  return [...graph]
    .filter(([file]) => areaOf(file) === area)
    .flatMap(([file, targets]) =>
      targets
        .filter((target) => areaOf(target) !== area && rankOf(areaOf(target)) >= rankOf(area))
        .map((target) => `${file} -> ${target}`),
    );
}

/** Each cycle found, as the path that closes it. */
function cyclesIn(graph: ImportGraph): string[] {
  // Depth-first search; a back edge to a module still on the path closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') cycles.push([...path.slice(path.indexOf(target)), file, target].join(' -> '));
      else if (!state.has(target)) visit(target, [...path, file]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return cycles;
}

const files = [...sourceFiles('src'), ...sourceFiles('commands')];
const imports = new Map(files.map((file) => [file, importsOf(file)]));

describe('the import graph', () => {
  const areas = [...new Set(files.map(areaOf))].sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));

  it.each(areas)('%s imports only from the layers below it', (area) => {
    expect(upwardImports(imports, area)).toEqual([]);
  });

  it('imports only files that exist', () => {
    const known = new Set(files);
    const missing = [...imports].flatMap(([file, targets]) =>
      targets.filter((target) => !known.has(target)).map((target) => `${file} -> ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no cycles', () => {
    expect(cyclesIn(imports)).toEqual([]);
  });
});

describe('the import check itself', () => {
  it('reads every form of relative import, over several lines too', () => {
    const text = [
      "import type {\n  Sentence,\n  Article,\n} from '../corpus/types.ts';",
      "export { stem } from './wink.ts';",
      "import './setup.ts';",
      "const load = () => import('../retrieval/engine.ts');",
      "import { describe } from 'vitest';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../corpus/types.ts', './wink.ts', './setup.ts', '../retrieval/engine.ts']);
  });

  it('finds an upward import and an import between siblings', () => {
    const graph: ImportGraph = new Map([
      ['src/nlp/wink.ts', ['src/index/terms.ts']],
      ['src/discord/router.ts', ['src/cli/ask.ts', 'src/present/terminal.ts']],
    ]);
    expect(upwardImports(graph, 'nlp')).toEqual(['src/nlp/wink.ts -> src/index/terms.ts']);
    expect(upwardImports(graph, 'discord')).toEqual(['src/discord/router.ts -> src/cli/ask.ts']);
  });

  it('finds a cycle', () => {
    const graph: ImportGraph = new Map([
      ['src/index/a.ts', ['src/index/b.ts']],
      ['src/index/b.ts', ['src/index/c.ts']],
      ['src/index/c.ts', ['src/index/a.ts']],
    ]);
    expect(cyclesIn(graph)).toEqual(['src/index/a.ts -> src/index/b.ts -> src/index/c.ts -> src/index/a.ts']);
  });
});

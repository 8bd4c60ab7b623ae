/**
 * Markdown front matter: a block between `---` lines at the top of a `.md` file, in YAML, read
 * as plain data and nothing else.
 *
 * Front-matter libraries commonly accept `---js` and `---coffee` blocks and run them with eval,
 * which would let an article dropped into the folder run code in the bot. Here the opening
 * line may name no language but YAML, and the YAML is read with the core schema: strings,
 * numbers, booleans, null, lists and maps, and no tags that build anything else
 * (`!!js/function` and friends are refused as unknown tags).
 */
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';

export type FrontMatter =
  | { readonly ok: true; readonly data: Readonly<Record<string, unknown>>; readonly content: string }
  | { readonly ok: false; readonly reason: string };

const fence = '---';
/** What may follow the opening `---`: nothing, or a label that says YAML. */
const yamlLabels = new Set(['', 'yaml', 'yml']);
/** The closing line: `---` alone (trailing spaces allowed). */
const closingFence = /^---[ \t]*$/m;

/** Splits front matter from the text after it. A text with none is all content. */
export function readFrontMatter(text: string): FrontMatter {
  // A file that does not open with `---`, or opens with a longer rule (`----`, a markdown
  // horizontal rule), has no front matter.
  if (!text.startsWith(fence) || text[fence.length] === '-') return { ok: true, data: {}, content: text };
  const lineEnd = text.indexOf('\n');
  const label = (lineEnd === -1 ? text.slice(fence.length) : text.slice(fence.length, lineEnd)).trim();
  if (!yamlLabels.has(label.toLowerCase())) {
    return { ok: false, reason: `its front matter is marked "${label.slice(0, 20)}"; only YAML front matter is read` };
  }
  const rest = lineEnd === -1 ? '' : text.slice(lineEnd + 1);
  const closing = closingFence.exec(rest);
  if (!closing) return { ok: false, reason: 'its front matter has no closing --- line' };
  const block = rest.slice(0, closing.index);
  const content = rest.slice(closing.index + closing[0].length).replace(/^\n/, '');

  let data: unknown;
  try {
    data = loadYaml(block, { schema: CORE_SCHEMA });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `its front matter is not valid YAML (${message})` };
  }
  if (data === undefined || data === null) return { ok: true, data: {}, content };
  if (typeof data !== 'object' || Array.isArray(data))
    return { ok: false, reason: 'its front matter must be "name: value" lines' };
  // Own fields only, copied: nothing is read through a prototype the YAML may have set.
  return { ok: true, data: Object.fromEntries(Object.entries(data)), content };
}

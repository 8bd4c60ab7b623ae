/**
 * An article read from a web page -> the `.md` file Citebot keeps: YAML front matter with
 * its metadata, then one paragraph per line, section headings as `## ` lines and photo
 * captions as image lines (`![caption]()`, as Pandoc writes a figure), which the markdown
 * reader takes as captions: kept for context, never quoted as an answer.
 *
 * The page's text is escaped (escapedText), so that the reader takes none of it as markdown:
 * a paragraph that starts with "#" stays a paragraph, "[text](url)" and "**" stay as the page
 * wrote them, and what is read back is the page's text.
 *
 * The front matter is written by js-yaml, every value a double-quoted string on one line, so
 * a page's title cannot add a field or end the block ("x\n---\nurl: …", "a: b", "!!js/function"):
 * what is read back is exactly what was written. Metadata goes through the same cleaning
 * and lengths as any article's (clean.ts) before it is written.
 *
 * The file's name comes from the article's address, so the same page added twice gets the
 * same name and replaces the first.
 */
import { createHash } from 'node:crypto';
import { CORE_SCHEMA, dump } from 'js-yaml';
import { capLength, cleanArticleText, cleanMetaText, maxMetaLength, maxTitleLength, webUrl } from '../clean.ts';
import type { PageArticle, PageBlock } from './extract.ts';

/**
 * Characters of the name taken from the address, before its hash: readable in /admin list and a
 * folder listing, within the 120 a server article's name may have.
 */
const nameFromAddressLength = 80;

/** `bbc.co.uk-news-world-us-canada-33646563-3f9a1c2b.md`: host and path, and a hash of the whole address so that two addresses never share a name. */
export function articleFileName(url: string): string {
  const parsed = new URL(url);
  const readable = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname}`
    .toLowerCase()
    .replace(/\.(s?html?|php|aspx?)$/, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, nameFromAddressLength)
    .replace(/[^a-z0-9]+$/, '');
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `${readable || 'page'}-${hash}.md`;
}

function metaValue(value: string | null, max: number): string | null {
  if (value === null) return null;
  const cleaned = capLength(cleanMetaText(value), max).value;
  return cleaned === '' ? null : cleaned;
}

/**
 * What the markdown reader (parse.ts) takes as syntax anywhere in a line: a backslash (an
 * escape), brackets (links, images, a caption's end), `*` and `_` (bold), and a `(` right
 * after a `]` (a link's target; elsewhere a parenthesis is plain text, as in "(AP)").
 */
const inlineSyntax = /[\\[\]*_]|(?<=\])\(/g;
/** ...and at the start of a line: a heading's `#`, a quotation's `>`. */
const lineStartSyntax = /^[#>]/;

/**
 * Page text as markdown that reads back as the same text: a backslash before each character
 * the reader would take as syntax, as CommonMark escapes punctuation. In a heading every `#`
 * is escaped, so that one at its end is not read as a closing `#`; a leading `>` is escaped
 * too, since the reader takes one at the start of a heading's text as a quotation's.
 */
function escapedText(text: string, kind: PageBlock['kind']): string {
  const escaped = text.replace(inlineSyntax, (character) => `\\${character}`);
  if (kind === 'heading') return escaped.replaceAll('#', '\\#').replace(/^>/, '\\>');
  return kind === 'caption' ? escaped : escaped.replace(lineStartSyntax, (character) => `\\${character}`);
}

function blockLine(block: PageBlock): string {
  const text = escapedText(cleanArticleText(block.text).replace(/\s+/g, ' ').trim(), block.kind);
  if (block.kind === 'heading') return `## ${text}`;
  if (block.kind === 'caption') return `![${text}]()`;
  return text;
}

/** The `.md` text for an article read from a page. */
export function articleMarkdown(article: PageArticle): string {
  const url = webUrl(article.url);
  const fields: Record<string, string> = {};
  const add = (name: string, value: string | null): void => {
    if (value !== null) fields[name] = value;
  };
  add('title', metaValue(article.title, maxTitleLength));
  add('url', url.ok ? url.url : null);
  add('author', metaValue(article.byline, maxMetaLength));
  add('outlet', metaValue(article.outlet, maxMetaLength));
  add('published', metaValue(article.published, maxMetaLength));
  const frontMatter = dump(fields, {
    schema: CORE_SCHEMA,
    forceQuotes: true,
    quotingType: '"',
    lineWidth: -1,
    noRefs: true,
  });
  const body = article.blocks.map(blockLine).filter((line) => line !== '' && line !== '## ' && line !== '![]()');
  return `---\n${frontMatter}---\n\n${body.join('\n\n')}\n`;
}

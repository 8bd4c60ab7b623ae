/**
 * An article read from a web page -> the `.md` file Citebot keeps: YAML front matter with
 * its metadata, then one paragraph per line, section headings as `## ` lines and photo
 * captions as image lines (`![caption]()`, as Pandoc writes a figure), which the markdown
 * reader takes as captions: kept for context, never quoted as an answer.
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

/** A caption inside `![…]()`: a bracket or backslash in it is escaped, so the caption cannot end early. */
function captionLine(text: string): string {
  return `![${text.replace(/[\\[\]]/g, (character) => `\\${character}`)}]()`;
}

function blockLine(block: PageBlock): string {
  const text = cleanArticleText(block.text).replace(/\s+/g, ' ').trim();
  if (block.kind === 'heading') return `## ${text}`;
  if (block.kind === 'caption') return captionLine(text);
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

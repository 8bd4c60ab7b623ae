/**
 * Article files -> title, metadata and body lines. Three formats:
 *
 * - `.txt`: the first non-empty line is the title, the rest is the body. A first line that is
 *   plainly body text (over 200 characters, or several sentences) stays in the body, and the
 *   title is taken from its opening words instead.
 * - `.md`: optional YAML front matter (`title`, `url`, `author`, `published`, `outlet`; see
 *   frontMatter.ts: YAML only, never code); without a `title`, the first `# heading` or first
 *   line is the title. Heading markers, link and image syntax are removed so that quotes read
 *   as the article does. A line of images or links only is a caption: an image's alt text
 *   describes a picture and a bare link names a page, neither is the article's prose.
 * - `.json`: `{ "title", "body", "url"?, "author"?, "published"?, "outlet"? }`.
 *
 * Every format's text is cleaned of bidi and control characters, and its metadata held to
 * clean.ts's lengths and url rule. A url that fails the rule is left out and an over-long value
 * cut, each with a note: the article itself still loads.
 *
 * Pure: text in, a parsed article or a reason out. Reading files is load.ts's job.
 */
import { capLength, cleanArticleText, cleanMetaText, maxMetaLength, maxTitleLength, webUrl } from './clean.ts';
import { readFrontMatter } from './frontMatter.ts';
import type { ArticleMeta } from './types.ts';

export const articleExtensions = ['.txt', '.md', '.json'] as const;
export type ArticleExtension = (typeof articleExtensions)[number];

export interface ParsedArticle {
  readonly meta: ArticleMeta;
  /**
   * Where the title came from. A `first-line` or `metadata` title is the article's own and
   * becomes paragraph 0; a `derived` one (opening words of a file without a title line) is
   * only a label, since its words are already in the body.
   */
  readonly titleSource: 'first-line' | 'metadata' | 'derived';
  /** Body lines after the title, blank lines kept: they separate paragraphs. */
  readonly bodyLines: readonly string[];
  /** Lines already known to be headings (markdown `#`). */
  readonly headingLines: ReadonlySet<number>;
  /** Lines already known to be captions: a markdown line of images or links only (their alt text or link text). */
  readonly captionLines: ReadonlySet<number>;
}

export type ParseResult =
  | {
      ok: true;
      article: ParsedArticle;
      /** What was left out or shortened (a url refused, a title cut), said as load warnings are. */
      notes: readonly string[];
    }
  | { ok: false; reason: string };

type ParseOutcome = { ok: true; article: ParsedArticle } | { ok: false; reason: string };

/** A first line longer than this is body text, not a title line. */
const maxTitleLineLength = 200;

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot).toLowerCase();
}

export function isArticleExtension(extension: string): extension is ArticleExtension {
  return (articleExtensions as readonly string[]).includes(extension);
}

export function parseArticle(fileName: string, content: string): ParseResult {
  const text = cleanArticleText(content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  const extension = extensionOf(fileName);
  let parsed: ParseOutcome;
  switch (extension) {
    case '.txt':
      parsed = parsePlainText(text);
      break;
    case '.md':
      parsed = parseMarkdown(text);
      break;
    case '.json':
      parsed = parseJson(text);
      break;
    default:
      return { ok: false, reason: `unsupported file type "${extension || '(none)'}"; use .txt, .md or .json` };
  }
  if (!parsed.ok) return parsed;
  const checked = checkedMeta(parsed.article.meta);
  if (!checked.ok) return checked;
  return { ok: true, article: { ...parsed.article, meta: checked.meta }, notes: checked.notes };
}

/** The metadata as it may be shown: cleaned, within length, the url a web address or null. */
function checkedMeta(
  raw: ArticleMeta,
): { ok: true; meta: ArticleMeta; notes: string[] } | { ok: false; reason: string } {
  const notes: string[] = [];
  const field = (name: string, value: string | null, max: number): string | null => {
    if (value === null) return null;
    const capped = capLength(cleanMetaText(value), max);
    if (capped.cut) notes.push(`its ${name} is over ${max} characters; it was cut`);
    return capped.value === '' ? null : capped.value;
  };
  let url: string | null = null;
  if (raw.url !== null) {
    const checked = webUrl(raw.url);
    if (checked.ok) url = checked.url;
    else notes.push(`its url was left out: ${checked.reason}`);
  }
  const title = field('title', raw.title, maxTitleLength);
  if (title === null) return { ok: false, reason: 'its title has no visible text' };
  const meta: ArticleMeta = {
    title,
    url,
    author: field('author', raw.author, maxMetaLength),
    published: field('published date', raw.published, maxMetaLength),
    outlet: field('outlet', raw.outlet, maxMetaLength),
  };
  return { ok: true, meta, notes };
}

const noMeta = { url: null, author: null, published: null, outlet: null } as const;

/** Opening words of a prose line, as a title for an article that has none. */
function titleFromProse(line: string): string {
  const firstSentence = /^(.{20,}?[.!?])(\s|$)/u.exec(line.trim())?.[1] ?? line.trim();
  if (firstSentence.length <= 100) return firstSentence;
  const cut = firstSentence.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 100)}…`;
}

function looksLikeBodyText(line: string): boolean {
  return line.length > maxTitleLineLength || /[.!?]["”’)]?\s+\p{Lu}/u.test(line);
}

/** Line numbers moved back by `by`, for body lines that start `by` lines into the file. */
function shifted(lines: ReadonlySet<number>, by: number): Set<number> {
  return new Set([...lines].map((n) => n - by).filter((n) => n >= 0));
}

function splitTitle(
  lines: string[],
  meta: Omit<ArticleMeta, 'title'>,
  headingLines: ReadonlySet<number> = new Set(),
  captionLines: ReadonlySet<number> = new Set(),
): ParseOutcome {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) return { ok: false, reason: 'the file has no text' };
  const firstLine = lines[first]!.trim();
  const rest = lines.slice(first + 1);
  if (looksLikeBodyText(firstLine)) {
    return {
      ok: true,
      article: {
        meta: { ...meta, title: titleFromProse(firstLine) },
        titleSource: 'derived',
        bodyLines: lines.slice(first),
        headingLines: shifted(headingLines, first),
        captionLines: shifted(captionLines, first),
      },
    };
  }
  if (!rest.some((line) => line.trim() !== '')) return { ok: false, reason: 'the file has a title but no body text' };
  return {
    ok: true,
    article: {
      meta: { ...meta, title: firstLine },
      titleSource: 'first-line',
      bodyLines: rest,
      headingLines: shifted(headingLines, first + 1),
      captionLines: shifted(captionLines, first + 1),
    },
  };
}

function parsePlainText(text: string): ParseOutcome {
  return splitTitle(text.split('\n'), noMeta);
}

function metaString(data: Readonly<Record<string, unknown>>, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  return null;
}

/**
 * A line that is only an image, `![alt](src)`, its alt text read with escaped brackets and
 * backslashes (as pages read by link are written): the alt text is a photo's caption.
 */
const imageLine = /^\s{0,3}!\[((?:[^\]\\]|\\.)*)\]\([^()\s]*\)\s*$/;
/**
 * A link's target, `(…)`, with one level of parentheses inside (`wiki/Mosul_(city)`). No part
 * may cross a parenthesis or space (nor the text a bracket), so every try ends at the next one: matching stays
 * linear in the line's length on hostile lines of `[a](` or `[[[` (a 300 KB line of them took
 * 30 s with targets read up to the next `)`).
 */
const linkTarget = String.raw`\((?:[^()\s]|\([^()\s]*\))*\)`;
const markdownImage = new RegExp(String.raw`!\[([^[\]]*)\]` + linkTarget, 'g');
const markdownLink = new RegExp(String.raw`\[([^[\]]+)\]` + linkTarget, 'g');
const markdownLinkWithAnyText = new RegExp(String.raw`\[[^[\]]*\]` + linkTarget, 'g');
/** What may stand beside images and links on a caption line: a quote or list marker, emphasis, separators. */
const captionLineFiller = /^[\s>*_|·•,;–—-]*$/u;

/**
 * A backslash before ASCII punctuation, which CommonMark reads as the character itself
 * (`\#`, `\[`, `\\`): how pages read by link are written (src/corpus/web/articleFile.ts), so
 * that their text reads back as the page said it.
 */
const escapedPunctuation = /\\([!-/:-@[-`{-~])/g;

function unescaped(text: string): string {
  return text.replace(escapedPunctuation, '$1');
}

/** Markdown inline syntax -> the words a reader sees. */
function plainMarkdown(line: string): string {
  return unescaped(
    line
      .replace(markdownImage, '$1')
      .replace(markdownLink, '$1')
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/(\*\*|__)(.+?)\1/g, '$2'),
  );
}

/**
 * A line of images and links with no words of its own (`![Runners at the start](…)`,
 * `[Read the report](…)`, a linked image, a row of links): its words are alt text or link
 * text, a caption and not the article's prose.
 */
function isImageOrLinkLine(line: string): boolean {
  // Images first: a linked image, `[![alt](image)](page)`, leaves a link with no text.
  const words = line.replace(markdownImage, '').replace(markdownLinkWithAnyText, '');
  return words !== line && captionLineFiller.test(words);
}

/** `# `, up to six of them, after up to three spaces: an ATX heading's opening. */
const headingOpening = /^\s{0,3}#{1,6}\s+/;

/**
 * A heading line's text, without its opening and any closing run of `#` (which follows a
 * space, so that "C#" keeps its own); null for any other line. The closing run is found by
 * walking back from the end, not by a pattern: one with `.*?` before `\s*#*\s*$` backtracked
 * for minutes over a line of 20,000 spaces.
 */
function headingText(line: string): string | null {
  const opening = headingOpening.exec(line);
  if (!opening) return null;
  const text = line.slice(opening[0].length).trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  if (end === text.length || (end > 0 && !/\s/.test(text[end - 1]!))) return text;
  return text.slice(0, end).trimEnd();
}

function parseMarkdown(text: string): ParseOutcome {
  const parsed = readFrontMatter(text);
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  const meta = {
    url: metaString(data, 'url'),
    author: metaString(data, 'author'),
    published: metaString(data, 'published') ?? metaString(data, 'date'),
    outlet: metaString(data, 'outlet'),
  };
  const headingLines = new Set<number>();
  const captionLines = new Set<number>();
  const lines = parsed.content.split('\n').map((line, n) => {
    const image = imageLine.exec(line);
    if (image) {
      captionLines.add(n);
      return unescaped(image[1]!);
    }
    const heading = headingText(line);
    if (heading !== null) {
      headingLines.add(n);
      return plainMarkdown(heading);
    }
    if (isImageOrLinkLine(line)) captionLines.add(n);
    return plainMarkdown(line);
  });
  const title = metaString(data, 'title');
  if (title) {
    if (!lines.some((line) => line.trim() !== ''))
      return { ok: false, reason: 'the file has front matter but no body text' };
    return {
      ok: true,
      article: { meta: { ...meta, title }, titleSource: 'metadata', bodyLines: lines, headingLines, captionLines },
    };
  }
  return splitTitle(lines, meta, headingLines, captionLines);
}

function parseJson(text: string): ParseOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, reason: 'it must be a JSON object with "title" and "body"' };
  }
  const record = data as Record<string, unknown>;
  if (typeof record.title !== 'string' || record.title.trim() === '')
    return { ok: false, reason: 'its "title" is missing or not a string' };
  if (typeof record.body !== 'string' || record.body.trim() === '')
    return { ok: false, reason: 'its "body" is missing or not a string' };
  for (const field of ['url', 'author', 'published', 'outlet']) {
    if (record[field] !== undefined && record[field] !== null && typeof record[field] !== 'string') {
      return { ok: false, reason: `its "${field}" must be a string` };
    }
  }
  return {
    ok: true,
    article: {
      meta: {
        title: record.title.trim(),
        url: metaString(record, 'url'),
        author: metaString(record, 'author'),
        published: metaString(record, 'published'),
        outlet: metaString(record, 'outlet'),
      },
      titleSource: 'metadata',
      // The file's text was cleaned before parsing; a JSON escape (`\u202e`) is cleaned here.
      bodyLines: cleanArticleText(record.body.replace(/\r\n?/g, '\n')).split('\n'),
      headingLines: new Set(),
      captionLines: new Set(),
    },
  };
}

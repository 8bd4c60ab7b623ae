/**
 * A news page's HTML -> the article in it: metadata and blocks of text (paragraphs, section
 * headings, photo captions), with the page around it (navigation, ads, share buttons,
 * "related stories", newsletter boxes, comments) left out.
 *
 * The article is found by Mozilla's Readability (Firefox Reader View's), run on a linkedom
 * document. linkedom rather than jsdom, measured on the 24 saved news pages of
 * ../shared/bench/webpages: both give Readability the same article on every page (the same
 * title, byline, outlet and date on all 24, and the same share of the expected body), but
 * linkedom parses and extracts in about 90 ms a page against about 860 ms for jsdom, and
 * holds about 130 MB against about 490 MB over the 24 pages. jsdom implements far more than
 * reading needs (layout, scripts, fetching), and its current major version needs Node 22.
 * Neither runs a page's scripts nor loads its resources: the page is data.
 *
 * Metadata is the page's own: Readability's title, byline, site name (outlet) and published
 * time, read from the page's tags (JSON-LD, Open Graph, `<meta>`); the address is the page's
 * canonical link when it names the same site, else the address the page was fetched from.
 *
 * Pure: text in, an article or a reason out.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export type BlockKind = 'prose' | 'heading' | 'caption';

export interface PageBlock {
  readonly kind: BlockKind;
  readonly text: string;
}

export interface PageArticle {
  /** Null when the page names none: the article is then named as a file without a title is. */
  readonly title: string | null;
  readonly byline: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  /** The page's canonical address (or the one it was fetched from). */
  readonly url: string;
  /** What the page says its language is (`<html lang>`), if it says. */
  readonly declaredLanguage: string | null;
  readonly blocks: readonly PageBlock[];
}

export type Extraction =
  { readonly ok: true; readonly article: PageArticle } | { readonly ok: false; readonly reason: string };

/**
 * Elements Readability may parse. A news page has a few thousand (the largest of the 24 saved
 * ones 2,564); Readability's scoring passes over them several times, some passes quadratic in
 * the links, so 29,000 links took 6 s to score.
 */
export const maxPageElements = 10_000;

/**
 * Elements nested in one another. News pages nest a few dozen deep; Readability walks the tree
 * recursively, and 14,000 nested elements overflow its stack after seconds of work.
 */
export const maxPageDepth = 300;

/**
 * Start tags (`<` and a letter) the raw page may hold before it is parsed at all: parsing is
 * itself slow on hostile pages (80,000 nested elements took 2.6 s, 262,000 flat ones 1.4 s and
 * 200 MB), so the count of elements after parsing comes too late to spare that. Four times
 * the element limit, since scripts and comments hold such text too.
 */
const maxRawStartTags = 4 * maxPageElements;

/** Whether `html` holds more than `limit` start tags, counted without parsing and stopping past the limit. */
function holdsOver(html: string, limit: number): boolean {
  const startTag = /<[a-z]/gi;
  let count = 0;
  while (startTag.exec(html) !== null) if (++count > limit) return true;
  return false;
}

/**
 * Prose an article has at least, in characters: a short news brief has several hundred. Less
 * means Readability found a teaser, a login wall or a list of links, not an article.
 */
export const minArticleCharacters = 250;

/** Boxes inside an article that are not the article: related stories, share and follow buttons, newsletter sign-ups, comments, ads. */
const furniture =
  /(^|[\s_-])(related|share|sharing|social|newsletter|signup|sign-up|subscribe|comments?|promo|advert|ad-container|outbrain|taboola|recirc|more-stories)($|[\s_-])/i;
/**
 * A box named like furniture is dropped only when it holds less than this share of the
 * article's text: a site that wraps its whole story in "story-share-wrapper" keeps its story.
 */
const furnitureMaxShare = 0.4;
/** Captions and photo credits outside a `<figure>`: `<p class="caption">`, `<span id="imgCaption">`. */
const captionLike = /caption|credit/i;
const furnitureTags = new Set([
  'ASIDE',
  'NAV',
  'FOOTER',
  'FORM',
  'BUTTON',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'SELECT',
  'TEXTAREA',
  'INPUT',
]);
const headingTags = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Elements that end a run of text: what is inside them is a block of its own. */
const blockTags = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'THEAD',
  'TBODY',
  'FIGURE',
  'FIGCAPTION',
  'HR',
  'BR',
  ...headingTags,
]);

interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const elementNode = 1;
const textNode = 3;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function labelOf(node: DomNode): string {
  return `${node.getAttribute?.('class') ?? ''} ${node.getAttribute?.('id') ?? ''}`;
}

function isFurniture(node: DomNode, articleLength: number): boolean {
  if (furnitureTags.has(node.nodeName)) return true;
  if (!furniture.test(labelOf(node)) && node.getAttribute?.('role') !== 'complementary') return false;
  return (node.textContent ?? '').length < articleLength * furnitureMaxShare;
}

/** The article element's blocks, in order. Text inside a figure, or in an element named as a caption or credit, is a caption. */
export function blocksOf(root: DomNode): PageBlock[] {
  const blocks: PageBlock[] = [];
  let run = '';
  const flush = (kind: BlockKind): void => {
    const text = oneLine(run);
    run = '';
    if (text !== '') blocks.push({ kind, text });
  };
  const articleLength = (root.textContent ?? '').length;
  const walk = (node: DomNode, inFigure: boolean): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === textNode) {
        run += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== elementNode || isFurniture(child, articleLength)) continue;
      const tag = child.nodeName;
      if (!blockTags.has(tag) && !captionLike.test(labelOf(child))) {
        walk(child, inFigure);
        continue;
      }
      flush(inFigure ? 'caption' : 'prose');
      if (tag === 'BR' || tag === 'HR') continue;
      if (headingTags.has(tag) && !inFigure) {
        run = child.textContent ?? '';
        flush('heading');
        continue;
      }
      const figure = inFigure || tag === 'FIGURE' || tag === 'FIGCAPTION' || captionLike.test(labelOf(child));
      walk(child, figure);
      flush(figure ? 'caption' : 'prose');
    }
  };
  walk(root, false);
  flush('prose');
  return blocks;
}

/** Two hosts are one site when they are the same once a leading www., m., amp. or mobile. is set aside. */
function sameSite(a: string, b: string): boolean {
  const bare = (host: string): string => host.toLowerCase().replace(/^(www\d?|m|amp|mobile)\./, '');
  return bare(a) === bare(b);
}

/**
 * The page's canonical address, when it is an http(s) address on the same site as the page:
 * a page cannot make a citation link to another site's article by claiming to be it.
 */
function canonicalUrl(document: { querySelector(selector: string): DomNode | null }, pageUrl: URL): string {
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute?.('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute?.('content'),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim(), pageUrl);
      if (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.username === '' &&
        url.password === '' &&
        sameSite(url.hostname, pageUrl.hostname)
      ) {
        url.hash = '';
        return url.href;
      }
    } catch {
      // Not an address: the next candidate, or the page's own.
    }
  }
  const own = new URL(pageUrl.href);
  own.hash = '';
  return own.href;
}

/** How many elements the page has and how deeply they nest, counted without recursion, stopping once either is over its limit. */
function pageShape(root: DomNode | null): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [DomNode, number][] = root ? [[root, 1]] : [];
  while (stack.length > 0 && elements <= maxPageElements && depth <= maxPageDepth) {
    const [node, level] = stack.pop()!;
    elements += 1;
    depth = Math.max(depth, level);
    for (const child of Array.from(node.childNodes)) if (child.nodeType === elementNode) stack.push([child, level + 1]);
  }
  return { elements, depth };
}

function present(value: string | null | undefined): string | null {
  const text = value === null || value === undefined ? '' : oneLine(value);
  return text === '' ? null : text;
}

/** The article in a page fetched from `pageUrl`, or why there is none. */
export function extractArticle(html: string, pageUrl: string): Extraction {
  if (holdsOver(html, maxRawStartTags))
    return {
      ok: false,
      reason: `the page has over ${maxPageElements.toLocaleString('en-US')} elements, far more than a news page`,
    };
  const { document } = parseHTML(html);
  const shape = pageShape(document.documentElement as unknown as DomNode);
  if (shape.elements > maxPageElements)
    return {
      ok: false,
      reason: `the page has over ${maxPageElements.toLocaleString('en-US')} elements, far more than a news page`,
    };
  if (shape.depth > maxPageDepth)
    return { ok: false, reason: `the page nests elements over ${maxPageDepth} deep, far deeper than a news page` };
  const declaredLanguage = present(document.documentElement?.getAttribute('lang'));
  const url = canonicalUrl(document as never, new URL(pageUrl));
  let parsed;
  try {
    parsed = new Readability<DomNode>(document as unknown as ConstructorParameters<typeof Readability>[0], {
      keepClasses: true,
      serializer: (node) => node as unknown as DomNode,
    }).parse();
  } catch (error) {
    return {
      ok: false,
      reason: `the page could not be read as an article (${error instanceof Error ? error.message.slice(0, 100) : String(error)})`,
    };
  }
  if (parsed === null || !parsed.content) return { ok: false, reason: 'I found no article on the page' };
  const blocks = blocksOf(parsed.content);
  const title = present(parsed.title) ?? blocks.find((block) => block.kind === 'heading')?.text ?? null;
  const proseCharacters = blocks
    .filter((block) => block.kind === 'prose')
    .reduce((sum, block) => sum + block.text.length, 0);
  if (proseCharacters < minArticleCharacters) {
    return {
      ok: false,
      reason: `I found no article on the page (${proseCharacters} characters of text, where an article has at least ${minArticleCharacters})`,
    };
  }
  // The headline is the title; repeated as the first heading it would be read twice.
  const body = blocks[0]?.kind === 'heading' && oneLine(blocks[0].text) === title ? blocks.slice(1) : blocks;
  return {
    ok: true,
    article: {
      title,
      byline: present(parsed.byline),
      outlet: present(parsed.siteName),
      published: present(parsed.publishedTime),
      url,
      declaredLanguage,
      blocks: body,
    },
  };
}

/**
 * Tells prose from the other lines a news page carries: section headings, photo captions and
 * credits, bylines, author bios and site boilerplate. Those are kept in the article but never
 * quoted as an answer on their own: "Author: Dave DeCamp" answers no question.
 *
 * The rules are deliberately plain patterns over one line; each names the page furniture it
 * recognises, so a wrong call is easy to trace to its rule.
 */
import type { LineKind } from './types.ts';

const boilerplatePatterns: readonly RegExp[] = [
  /^this is an archived article\b/i,
  /\ball rights reserved\b/i,
  /^copyright\b|^©/i,
  /^(sign up|subscribe)\b.*\b(newsletter|updates|free)\b/i,
  /^(click|tap) here\b/i,
  /^(advertisement|sponsored content|related:|read more:?)$/i,
  /^(share|share this|follow us)( (on|article))?\b.{0,40}$/i,
];

const bylinePattern = /^(author|authors|by|written by|reporting by|words by)\s*[:\-–—]?\s+\p{Lu}[\p{L}.'’\- ]{1,60}$/iu;

const bioPatterns: readonly RegExp[] = [
  /\bfollow (him|her|them) on (twitter|x|bluesky|mastodon|facebook|instagram)\b/i,
  /^\p{Lu}[\p{L}.'’-]+( \p{Lu}[\p{L}.'’-]+){1,3} is (a|an|the) [\w ,-]{0,60}\b(editor|writer|reporter|correspondent|columnist|journalist|contributor|analyst|fellow)\b/u,
];

/** Parenthesised credits at the end of a caption: "(DoD)", "(File photo)", "(Photo: AP)". */
const trailingCreditPattern = /\((file photo|photo[^)]*|image[^)]*|credit[^)]*|[A-Z][A-Za-z./ ]{1,20})\)\s*$/;
const creditPattern =
  /\bphoto credit\b|\bgetty images\b|\/\s*AFP\b|\bAFP\s*\/|\bimage credit\b|^(photo|image|credit|pictured)\s*:/i;

/** Little words that stay lower-case in a title-case heading. */
const headingSmallWords = new Set(
  'a an and as at but by for from in into nor of on or over the to up via vs with without'.split(' '),
);

function isTitleCase(words: readonly string[]): boolean {
  const significant = words.filter((word) => /\p{L}/u.test(word));
  if (significant.length === 0) return false;
  const capitalised = significant.filter(
    (word, i) => /^[\p{Lu}\d'‘“"(]/u.test(word) || (i > 0 && headingSmallWords.has(word.toLowerCase())),
  );
  return capitalised.length === significant.length;
}

const sentenceEnd = /[.!…:;,]["'”’)\]]*$/u;

export function classifyLine(line: string): Exclude<LineKind, 'title'> {
  const text = line.trim();
  if (boilerplatePatterns.some((pattern) => pattern.test(text))) return 'boilerplate';
  if (bylinePattern.test(text)) return 'byline';
  if (bioPatterns.some((pattern) => pattern.test(text))) return 'bio';
  if (creditPattern.test(text)) return 'caption';
  // The line is split into words only when a rule needs them: most lines are prose that
  // ends in a full stop, and splitting every paragraph was a good part of reading's garbage.
  // A short line that ends in a parenthesised credit is a photo caption: "Iranian proxy militias in Iraq. (File photo)".
  if (trailingCreditPattern.test(text) && text.split(/\s+/).length <= 40) return 'caption';
  // A short title-case line without closing punctuation is a section heading ("Between a Rock and a Hard Place").
  if (!sentenceEnd.test(text)) {
    const words = text.split(/\s+/);
    if (words.length <= 14 && isTitleCase(words)) return 'heading';
  }
  return 'prose';
}

/**
 * Quoted text is shown verbatim, so Discord must not read it as markdown: `*`, `_`, `~`, `|`,
 * backticks, masked links, headings and block quotes in an article would otherwise change
 * what the reader sees. Discord drops a backslash before any punctuation character, so
 * escaping shows the original characters. `<` is escaped too, so `<@123>` in an article is
 * shown as typed rather than as someone's name. (Pings are stopped by allowed_mentions in the
 * reply policy, not here.)
 *
 * An article's metadata (title, author, outlet, date, file name, web address) comes from
 * whoever wrote the file, so it is treated like quoted text: escaped wherever it is shown,
 * and its web address becomes a link only in a form Citebot writes itself.
 */
import { controlCharacters } from '../../retrieval/question.ts';
import { truncateText, wellFormed } from './truncate.ts';

const inlineMarkdown = /[\\*_~`|<>[\]()#]/g;
/** List markers at the start of a line (`- `, `+ `, `1. `) would become bullets. */
const lineStartMarker = /^(\s*)([-+]|\d+\.)(?=\s)/gm;

/** The text with markdown escaped, and any lone surrogate (half a character) replaced so that the text is valid. */
export function escapeMarkdown(text: string): string {
  return wellFormed(text)
    .replace(inlineMarkdown, (character) => `\\${character}`)
    .replace(lineStartMarker, (_match, indent: string, marker: string) => `${indent}\\${marker}`);
}

/** Controls and invisible format characters (zero-width, bidi overrides), which could hide or reorder what a name shows. */
const hiddenCharacters = new RegExp(controlCharacters.source, 'gu');

/**
 * A name from elsewhere (a title, outlet, author, date or file name from an article; a name a
 * user typed) as shown inside a reply: on one line, without hidden characters, cut to `limit`
 * characters before escaping (so the result is at most about twice as long), and escaped.
 */
export function plainText(text: string, limit: number): string {
  const oneLine = text.replace(hiddenCharacters, ' ').replace(/\s+/g, ' ').trim();
  return escapeMarkdown(truncateText(oneLine, limit));
}

/**
 * The longest web address shown as a link. News articles' addresses are well under this; a
 * longer one would crowd quotes out of an answer's 4,096 characters.
 */
export const longestLink = 500;

/**
 * Characters that could end or change a masked link `[text](target)` or an autolink
 * `<target>` early, percent-encoded. `new URL` already encodes spaces, quotes and `<>` in the
 * path, but leaves parentheses and brackets, and the check should not rest on that alone.
 */
const linkBreakers = /[()<>[\]\\'"`]/g;

/**
 * The web address as Citebot shows it, or null when it is not one to link to: only an
 * absolute http(s) URL with a host, no user name or password (which can make a link look like
 * it goes to another site), no whitespace or controls, at most `longestLink` characters. The
 * address is the URL parser's own serialisation, with the characters that could break out of
 * a link percent-encoded, so it can never make a link to anywhere else.
 */
export function webLink(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length > longestLink) return null;
  if (!/^https?:\/\/[^\s\p{Cc}]+$/iu.test(url) || controlCharacters.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.hostname === '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  )
    return null;
  const target = parsed.href.replace(
    linkBreakers,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return target.length <= longestLink ? target : null;
}

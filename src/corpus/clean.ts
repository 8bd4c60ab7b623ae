/**
 * What an article may carry into a message. Article text reaches Discord as quotes, titles and
 * links, so characters that change how the text around them is shown are taken out when an
 * article is read, and metadata is held to lengths and shapes a citation can show.
 *
 * Sentences are cut verbatim from the cleaned text, not from the file's bytes: a quote is the
 * article's own words less the characters removed here.
 */

/**
 * Bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069, the marks U+200E/U+200F and the Arabic letter mark U+061C. One of them in a
 * quote can show the citation after it reversed or reordered. They are removed, not replaced:
 * they have no width and never stand between two words, so a space would split a word.
 */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * C0 controls other than tab and newline, DEL and the C1 controls. Replaced by a space rather
 * than removed: where they occur in text (a form feed between pages, a vertical tab for a line
 * break, the separators U+001C–U+001F, NEL U+0085) they stand between words, and a space keeps
 * those words apart. NUL never gets here: such a file is refused as binary.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const otherControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]+/g;

/** In a one-line field (title, author, ...), tab and newline are controls too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const anyControls = /[\u0000-\u001F\u007F-\u009F]+/g;

/** A surrogate half without its other half (possible from a JSON `\ud800` escape). */
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Article text (the whole file, or a JSON body) with the characters above taken out. */
export function cleanArticleText(text: string): string {
  return text.replace(bidiControls, '').replace(otherControls, ' ').replace(loneSurrogates, '\uFFFD');
}

/**
 * Longest title kept, in characters (code points). Headlines are rarely over 150 characters;
 * 300 keeps a long one whole, while one field can no longer fill a message or the index
 * (presentation cuts titles further where Discord needs it).
 */
export const maxTitleLength = 300;
/** Longest author, outlet or published date kept, in characters: a byline, not a paragraph. */
export const maxMetaLength = 200;
/** Longest url kept, in characters: the common practical limit for a URL (browsers, sitemaps). */
export const maxUrlLength = 2048;

/**
 * A value cut to at most `max` characters, on a code point boundary (a surrogate pair is never
 * split), ending in "…" when it was cut. Cut rather than refused: an over-long title is most
 * likely a conversion mistake in one field, and the article's text is still worth quoting.
 */
export function capLength(value: string, max: number): { readonly value: string; readonly cut: boolean } {
  // UTF-16 length is at least the number of code points, so most values need no counting.
  if (value.length <= max) return { value, cut: false };
  let end = 0;
  for (let count = 0; end < value.length; count += 1) {
    if (count === max - 1) {
      const rest = value.length - end;
      // Exactly one more code point left: it fits.
      if (rest === 1 || (rest === 2 && isPairAt(value, end))) return { value, cut: false };
      return { value: `${value.slice(0, end).trimEnd()}…`, cut: true };
    }
    end += isPairAt(value, end) ? 2 : 1;
  }
  return { value, cut: false };
}

function isPairAt(value: string, at: number): boolean {
  const high = value.charCodeAt(at);
  const low = value.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** A one-line metadata value: controls (tab and newline too) become one space, bidi marks go. */
export function cleanMetaText(value: string): string {
  return value.replace(bidiControls, '').replace(anyControls, ' ').replace(loneSurrogates, '\uFFFD').trim();
}

export type WebUrl = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/**
 * An article's `url`, kept only when it is an absolute http or https address: it is shown as a
 * link, so anything else (`>[Click here](https://elsewhere)`, `javascript:`, a relative path)
 * could make a citation link somewhere the article does not. Kept in its normalised form
 * (`URL.href`), which percent-encodes `<`, `>`, quotes and spaces; a url with a user name or
 * password (`https://bank.example@evil.example/`) is refused, as it names one site and opens
 * another.
 */
export function webUrl(value: string): WebUrl {
  if (/[\s\p{Cc}\p{Cf}]/u.test(value)) return { ok: false, reason: 'it contains spaces or control characters' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'it is not an absolute web address' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'only http and https addresses are linked' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'it carries a user name or password' };
  if (url.href.length > maxUrlLength) return { ok: false, reason: `it is over ${maxUrlLength} characters long` };
  return { ok: true, url: url.href };
}

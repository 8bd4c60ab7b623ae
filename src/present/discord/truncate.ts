/**
 * Cutting text to a Discord limit. Quotes are cut between sentences, never inside one, when a
 * whole sentence can be kept; a single sentence longer than the limit is cut at a word. Every
 * cut ends with the cut marker.
 *
 * Discord counts limits in UTF-16 code units (JavaScript's `length`), but a cut must not land
 * inside a character: half an emoji is a lone surrogate, which is not text at all, and half a
 * flag or a letter with its accent split off reads as a different character. So every cut is
 * made at a grapheme boundary (what a reader sees as one character).
 */
import { cutMarker, ellipsis } from './limits.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A grapheme longer than this is not a character a reader would miss whole (a run of stacked
 * combining marks); it is cut at a code point instead, so that it cannot swallow the text.
 */
const longestGrapheme = 32;

/** Lone (unpaired) surrogates: half a character, as a cut in the wrong place or a broken file leaves them. */
const loneSurrogates = /\p{Cs}/gu;

/** The text with any lone surrogate replaced by U+FFFD, the replacement character. */
export function wellFormed(text: string): string {
  return text.replace(loneSurrogates, '\ufffd');
}

/**
 * The longest start of `text` of at most `limit` UTF-16 code units that ends between two
 * graphemes (between two code points when the grapheme at the cut is absurdly long).
 */
export function cutAt(text: string, limit: number): string {
  if (limit <= 0) return '';
  if (text.length <= limit) return text;
  const at = graphemes.segment(text).containing(limit);
  if (at && limit - at.index <= longestGrapheme) return text.slice(0, at.index);
  // Inside an absurdly long grapheme: cut between code points, never between the two halves of a pair.
  const splitsPair = isHighSurrogate(text.charCodeAt(limit - 1)) && isLowSurrogate(text.charCodeAt(limit));
  return text.slice(0, splitsPair ? limit - 1 : limit);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The text cut at a word boundary to at most `limit` characters, marked when cut (with an ellipsis unless told). */
export function truncateText(text: string, limit: number, marker = ellipsis): string {
  if (text.length <= limit) return text;
  if (limit <= marker.length) return cutAt(marker, Math.max(0, limit));
  const room = limit - marker.length - 1;
  const cut = cutAt(text, room);
  const lastSpace = cut.search(/\s\S*$/);
  // Keep the word boundary when it leaves most of the text; otherwise a hard cut is better than losing it all.
  const kept = lastSpace > room / 2 ? cut.slice(0, lastSpace) : cut;
  return `${kept.trimEnd()} ${marker}`;
}

/**
 * As many whole pieces (sentences, lines) as fit in `limit` when joined with `separator`,
 * followed by the marker when some were left out. When not even the first piece fits, it is
 * cut at a word instead.
 */
export function fitWholePieces(
  pieces: readonly string[],
  limit: number,
  separator: string,
  marker = cutMarker,
): { text: string; kept: number } {
  const all = pieces.join(separator);
  if (all.length <= limit) return { text: all, kept: pieces.length };
  const kept: string[] = [];
  for (const piece of pieces) {
    const candidate = [...kept, piece, marker].join(separator);
    if (candidate.length > limit) break;
    kept.push(piece);
  }
  if (kept.length === 0) return { text: truncateText(pieces[0] ?? '', limit, marker), kept: 0 };
  return { text: [...kept, marker].join(separator), kept: kept.length };
}

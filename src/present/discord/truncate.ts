/**
 * Cutting text to a Discord limit. Quotes are cut between sentences, never inside one, when a
 * whole sentence can be kept; a single sentence longer than the limit is cut at a word. Every
 * cut ends with the cut marker.
 */
import { cutMarker } from './limits.ts';

/** The text cut at a word boundary to at most `limit` characters, marked when cut. */
export function truncateText(text: string, limit: number, marker = cutMarker): string {
  if (text.length <= limit) return text;
  if (limit <= marker.length) return marker.slice(0, Math.max(0, limit));
  const room = limit - marker.length - 1;
  const cut = text.slice(0, room);
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
export function fitWholePieces(pieces: readonly string[], limit: number, separator: string, marker = cutMarker): { text: string; kept: number } {
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

/**
 * Checks an article file's raw bytes before parsing: size, binary content, UTF-8. Shared by
 * files on disk and attachments added from Discord, so both are held to the same rules.
 */
import { extensionOf, isArticleExtension } from './parse.ts';

/** 2 MiB: a long news article is under 100 KB; anything far larger is not an article. */
export const defaultMaxArticleBytes = 2 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

export function decodeArticleBytes(
  fileName: string,
  bytes: Uint8Array,
  maxBytes = defaultMaxArticleBytes,
): DecodeResult {
  const extension = extensionOf(fileName);
  if (!isArticleExtension(extension)) {
    return { ok: false, reason: `unsupported file type "${extension || '(none)'}"; use .txt, .md or .json` };
  }
  if (bytes.byteLength === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes.byteLength > maxBytes) {
    return {
      ok: false,
      reason: `the file is ${formatBytes(bytes.byteLength)}, over the ${formatBytes(maxBytes)} limit`,
    };
  }
  // The whole file, not a sample of its start: a NUL deep inside is as binary as one at byte 0,
  // and looking for one byte in at most a few MiB costs next to nothing.
  if (bytes.includes(0)) return { ok: false, reason: 'the file is binary, not text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'the file is not UTF-8 text' };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

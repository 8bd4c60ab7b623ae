/**
 * Downloads an attachment for /admin add, from the address Discord gives in the interaction,
 * with a size cap (checked against the declared size first, then while reading, since the
 * declared size is only a claim) and a timeout. Only Discord's own file hosts are fetched
 * from (or the API host given as DISCORD_API_URL, which in tests serves the files itself),
 * so that an interaction can never make the bot fetch an arbitrary address.
 */
import { formatBytes } from '../corpus/validate.ts';

export interface AttachmentRules {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Origins (`https://cdn.discordapp.com`) files may be downloaded from. */
  readonly origins: readonly string[];
}

/** Where Discord serves attachments (Reference › Image Formatting › CDN; media proxy). */
export const discordFileOrigins = ['https://cdn.discordapp.com', 'https://media.discordapp.net'];

/** 15 s: a 2 MiB file takes well under a second from Discord's CDN. */
export const attachmentTimeoutMs = 15_000;

export function attachmentOrigins(discordApiUrl: string | null): string[] {
  return discordApiUrl ? [...discordFileOrigins, new URL(discordApiUrl).origin] : discordFileOrigins;
}

export type Download =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

export async function downloadAttachment(
  address: string,
  declaredSize: number,
  rules: AttachmentRules,
): Promise<Download> {
  if (declaredSize > rules.maxBytes)
    return {
      ok: false,
      reason: `the file is ${formatBytes(declaredSize)}, over the ${formatBytes(rules.maxBytes)} limit`,
    };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: 'Discord gave no usable address for the file' };
  }
  if (!rules.origins.includes(url.origin))
    return { ok: false, reason: `the file is not on Discord's file servers (${url.origin})` };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(rules.timeoutMs), redirect: 'error' });
    if (!response.ok || !response.body)
      return { ok: false, reason: `Discord's file server answered ${response.status}; try attaching it again` };
    const chunks: Uint8Array[] = [];
    let received = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      // Leaving the loop cancels the download.
      if (received > rules.maxBytes)
        return { ok: false, reason: `the file is over the ${formatBytes(rules.maxBytes)} limit` };
      chunks.push(chunk);
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { ok: false, reason: `the file did not arrive within ${Math.ceil(rules.timeoutMs / 1000)} s; try again` };
    }
    return {
      ok: false,
      reason: `the file could not be downloaded (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/**
 * KEYV_URL -> which backend and where. Unset means the embedded default, a SQLite file in
 * data/, so that a single process needs nothing installed; Redis is for several processes
 * or shards sharing state.
 */

export const defaultSqlitePath = 'data/citebot.sqlite';

export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string; readonly url: string }
  | { readonly kind: 'redis'; readonly url: string };

export class StoreUrlError extends Error {}

/** The URL with any password replaced by ****, for messages and logs. */
export function maskStoreUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_whole, scheme: string, credentials: string) => {
    const colon = credentials.indexOf(':');
    return colon === -1 ? `${scheme}****@` : `${scheme}${credentials.slice(0, colon)}:****@`;
  });
}

export function parseStoreUrl(url: string | undefined): StoreLocation {
  const trimmed = url?.trim() ?? '';
  if (trimmed === '') return { kind: 'sqlite', path: defaultSqlitePath, url: `sqlite://${defaultSqlitePath}` };
  if (/^sqlite:\/\//i.test(trimmed)) {
    const path = trimmed.slice('sqlite://'.length);
    if (path === '')
      throw new StoreUrlError(
        `KEYV_URL ${maskStoreUrl(trimmed)} names no file; use sqlite://data/citebot.sqlite or leave KEYV_URL unset.`,
      );
    return { kind: 'sqlite', path, url: trimmed };
  }
  if (/^rediss?:\/\//i.test(trimmed)) return { kind: 'redis', url: trimmed };
  throw new StoreUrlError(
    `KEYV_URL ${maskStoreUrl(trimmed)} is not supported; use sqlite://PATH, redis://HOST:PORT, or leave it unset for ${defaultSqlitePath}.`,
  );
}

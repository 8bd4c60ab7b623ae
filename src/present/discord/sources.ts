/**
 * How an article is named in a reply: title (linked when it has a web address), outlet and
 * date where known, and its key so that citation ids can be traced to it. Every piece of
 * metadata is escaped and cut (src/present/discord/escape.ts): it comes from the article file.
 */
import type { Article } from '../../corpus/types.ts';
import { plainText, webLink } from './escape.ts';

/** Titles are cut to this in lists so that one long title cannot crowd out the others. */
const listedTitleLength = 120;
/** Outlets, authors and file names are cut to this: a name, not a paragraph. */
export const shownNameLength = 60;
/** A date as an article gives it ("26 July 2021, 10:00 EDT") fits in this. */
const shownDateLength = 40;

/** `2021-07-26` from an ISO timestamp; other dates as the article gives them, escaped. */
export function displayDate(published: string | null): string | null {
  if (published === null) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(published);
  return plainText(iso ? iso[1]! : published, shownDateLength) || null;
}

/**
 * The title, as a link to the article's web address when it has a safe one and the whole link
 * fits in `room` characters; in bold otherwise.
 */
export function linkedTitle(article: Article, maxTitle = listedTitleLength, room = Number.POSITIVE_INFINITY): string {
  const title = plainText(article.title, maxTitle) || article.key;
  const target = webLink(article.url);
  const linked = target === null ? null : `[${title}](${target})`;
  return linked !== null && linked.length <= room ? linked : `**${title}**`;
}

/** `**a3** · [Title](url) · Outlet · 2021-07-26` */
export function sourceLine(article: Article): string {
  const parts = [`\`${article.key}\``, linkedTitle(article)];
  const outlet = article.outlet === null ? '' : plainText(article.outlet, shownNameLength);
  if (outlet) parts.push(outlet);
  const date = displayDate(article.published);
  if (date) parts.push(date);
  return parts.join(' · ');
}

/** A citation id as shown: `[a3:4.2]` in a code span, so it reads and copies exactly. */
export function citation(id: string): string {
  return `\`[${id}]\``;
}

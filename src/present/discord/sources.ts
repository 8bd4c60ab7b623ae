/**
 * How an article is named in a reply: title (linked when it has a web address), outlet and
 * date where known, and its key so that citation ids can be traced to it.
 */
import type { Article } from '../../corpus/types.ts';
import { escapeMarkdown, isWebLink, linkTarget } from './escape.ts';
import { truncateText } from './truncate.ts';

/** Titles are cut to this in lists so that one long title cannot crowd out the others. */
const listedTitleLength = 120;

/** `2021-07-26` from an ISO timestamp; other dates as the article gives them. */
export function displayDate(published: string | null): string | null {
  if (published === null) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(published);
  return truncateText(iso ? iso[1]! : published, 40);
}

export function linkedTitle(article: Article, maxTitle = listedTitleLength): string {
  const title = escapeMarkdown(truncateText(article.title, maxTitle, '…'));
  return isWebLink(article.url) ? `[${title}](${linkTarget(article.url)})` : `**${title}**`;
}

/** `**a3** · [Title](url) · Outlet · 2021-07-26` */
export function sourceLine(article: Article): string {
  const parts = [`\`${article.key}\``, linkedTitle(article)];
  if (article.outlet) parts.push(escapeMarkdown(truncateText(article.outlet, 60, '…')));
  const date = displayDate(article.published);
  if (date) parts.push(escapeMarkdown(date));
  return parts.join(' · ');
}

/** A citation id as shown: `[a3:4.2]` in a code span, so it reads and copies exactly. */
export function citation(id: string): string {
  return `\`[${id}]\``;
}

/**
 * Quoted text is shown verbatim, so Discord must not read it as markdown: `*`, `_`, `~`, `|`,
 * backticks, masked links, headings and block quotes in an article would otherwise change
 * what the reader sees. Discord drops a backslash before any punctuation character, so
 * escaping shows the original characters. `<` is escaped too, so `<@123>` in an article is
 * shown as typed rather than as someone's name. (Pings are stopped by allowed_mentions in the
 * reply policy, not here.)
 */
const inlineMarkdown = /[\\*_~`|<>[\]()#]/g;
/** List markers at the start of a line (`- `, `+ `, `1. `) would become bullets. */
const lineStartMarker = /^(\s*)([-+]|\d+\.)(?=\s)/gm;

export function escapeMarkdown(text: string): string {
  return text.replace(inlineMarkdown, (character) => `\\${character}`).replace(lineStartMarker, (_match, indent: string, marker: string) => `${indent}\\${marker}`);
}

/** A URL for a masked link: the closing parenthesis would end the link early. */
export function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}

/** Only http(s) links are shown as links; anything else from front matter is shown as text. */
export function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\/\S+$/i.test(url);
}

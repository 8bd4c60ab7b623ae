/**
 * A downloaded page -> an article file, the one path shared by `/admin add url:` and `npm run
 * add` once each has downloaded the page under the fetch rules (fetchPage.ts; the bot reads
 * the page in its worker thread): find the article in it (extract.ts), refuse it when it is
 * not in English (language.ts), and write it as the `.md` file Citebot keeps (articleFile.ts),
 * checked to read back as an article. Nothing is stored here: the caller adds the file as any
 * other, so a refusal anywhere changes nothing.
 */
import { parseArticle } from '../parse.ts';
import { articleFileName, articleMarkdown } from './articleFile.ts';
import { extractArticle, type PageArticle } from './extract.ts';
import { notEnglishReason } from './language.ts';

export type PageRead =
  | {
      readonly ok: true;
      /** `bbc.co.uk-news-world-33646563-3f9a1c2b.md`: the same for the same article address. */
      readonly fileName: string;
      readonly markdown: string;
      readonly article: PageArticle;
    }
  | { readonly ok: false; readonly reason: string };

/** The article in a downloaded page, as a file to add. */
export function articleFromHtml(html: string, pageUrl: string): PageRead {
  const extracted = extractArticle(html, pageUrl);
  if (!extracted.ok) return extracted;
  const article = extracted.article;
  const prose = article.blocks
    .filter((block) => block.kind === 'prose')
    .map((block) => block.text)
    .join('\n');
  const foreign = notEnglishReason(prose, article.declaredLanguage);
  if (foreign !== null) return { ok: false, reason: foreign };
  const fileName = articleFileName(article.url);
  const markdown = articleMarkdown(article);
  const parsed = parseArticle(fileName, markdown);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  return { ok: true, fileName, markdown, article };
}

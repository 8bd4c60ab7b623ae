/**
 * `npm run add -- URL [--articles DIR]`
 *
 * Reads a news article from its web page and saves it in the articles folder as a `.md` file
 * with YAML front matter (title, url, author, outlet, published), under a name that comes from
 * the article's address: adding the same article again replaces its file. The download is
 * held to the same rules as `/admin add url:` (src/corpus/web/fetchPage.ts): public addresses
 * only unless CITEBOT_ALLOW_PRIVATE_URLS=1, 2 MiB, 15 s, 5 redirects, HTML only.
 *
 * Nothing is written unless the page yields an article that reads back as one; the file is
 * written beside its final name and renamed into place, so the folder never holds half of
 * one. A refusal exits 1 and says why; a usage error exits 2.
 */
import { createHash } from 'node:crypto';
import { access, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultArticlesDir } from '../config.ts';
import { articleKeyFor } from '../corpus/citation.ts';
import { analyseArticleFiles } from '../corpus/load.ts';
import { leadOf, sentencesOf } from '../corpus/types.ts';
import { addressCheckFor } from '../corpus/web/addresses.ts';
import { defaultPageRules, fetchPage } from '../corpus/web/fetchPage.ts';
import { articleFromHtml } from '../corpus/web/readPage.ts';
import { commandConfig } from './commandLine.ts';

const usage = `Usage: npm run add -- URL [--articles DIR]

Reads the news article at URL and saves it in the articles folder as a .md file.
Adding the same article again replaces its file.

Options:
  --articles DIR   the articles folder (default: $ARTICLES_DIR or ${defaultArticlesDir}/)
  -h, --help       this help

Only pages on the public internet are read; CITEBOT_ALLOW_PRIVATE_URLS=1 allows this
machine and its network too (see .env.example).
`;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { articles: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`Give one link to read.\n\n${usage}`);
    return 2;
  }
  const link = parsed.positionals[0]!;
  const config = commandConfig();
  if (config === null) return 1;
  const allowPrivate = config.allowPrivateUrls;
  const dir = parsed.values.articles ?? config.articlesDir;
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    process.stderr.write(`The articles folder ${dir} does not exist or is not a folder.\n`);
    return 1;
  }

  const refuse = (reason: string): number => {
    process.stderr.write(`Could not add ${link}: ${reason}. Nothing was written.\n`);
    return 1;
  };
  const fetched = await fetchPage(link, { ...defaultPageRules, checkAddress: addressCheckFor(allowPrivate) });
  if (!fetched.ok) return refuse(fetched.reason);
  const page = articleFromHtml(fetched.html, fetched.url);
  if (!page.ok) return refuse(page.reason);

  const bytes = new TextEncoder().encode(page.markdown);
  const source = { file: page.fileName, digest: createHash('sha256').update(bytes).digest('hex'), text: page.markdown };
  const read = analyseArticleFiles([source], new Map([[page.fileName, articleKeyFor(page.fileName)]]));
  const analysed = read.articles[0];
  if (!analysed) return refuse(read.warnings[0]?.reason ?? 'the article could not be read back');

  const path = join(dir, page.fileName);
  const replacing = await exists(path);
  // A dot file while it is written: the folder's reader skips those.
  const partial = join(dir, `.${page.fileName}.${process.pid}.partial`);
  try {
    await writeFile(partial, bytes, { flag: 'wx' });
    await rename(partial, path);
  } catch (error) {
    await unlink(partial).catch(() => {});
    return refuse(`the file could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }

  const article = analysed.article;
  const first = leadOf(article, 1)[0];
  const lines = [
    `${replacing ? 'Replaced' : 'Added'} ${path}`,
    `  title:      ${article.title}`,
    `  outlet:     ${article.outlet ?? '(none)'}`,
    `  published:  ${article.published ?? '(none)'}`,
    `  author:     ${article.author ?? '(none)'}`,
    `  url:        ${article.url ?? '(none)'}`,
    `  sentences:  ${sentencesOf(article).length}`,
    `  first quotable sentence: ${first ? first.text : '(none: only headings and captions)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const warning of read.warnings) process.stderr.write(`warning: ${warning.file}: ${warning.reason}\n`);
  return 0;
}

process.exitCode = await main();

/**
 * `npm run quote -- [--context] [--json] [--articles DIR] ID`
 *
 * The terminal's /quote: one sentence by its citation id, verbatim, with its source, ready to
 * paste; with --context, the sentences around it, as the Context button shows them. stdout
 * carries only the quote. A usage error exits 2, an id no sentence has exits 1.
 */
import { defaultArticlesDir } from '../config.ts';
import { quoteToJson, quoteToText } from '../present/terminalQuote.ts';
import { contextRadius } from '../retrieval/engine.ts';
import { commandConfig, openArticlesFolder, readCommandLine, UsageError } from './commandLine.ts';

const usage = `Usage: npm run quote -- [options] ID

Prints the sentence with citation id ID (like a3:4.2) verbatim, with its source.
npm run ask shows the id beside every quote.

Options:
  --context        the ${contextRadius} sentences before and after it in the article, as well
  --json           one JSON object
  --articles DIR   the articles folder (default: ARTICLES_DIR from the environment or .env,
                   else ${defaultArticlesDir}/)
  -h, --help       this help
`;

interface QuoteOptions {
  readonly id: string;
  readonly context: boolean;
  readonly json: boolean;
  /** --articles; null for the configured folder. */
  readonly articlesDir: string | null;
}

function parseCommandLine(argv: string[]): QuoteOptions | 'help' {
  const parsed = readCommandLine(
    'quote',
    argv,
    {
      context: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      articles: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    '--context, --json, --articles DIR and --help',
    'a3:4.2',
  );
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? 'Give the citation id of the sentence, like a3:4.2.'
        : `Give one citation id, not ${parsed.positionals.length}.`,
    );
  }
  return {
    id: parsed.positionals[0]!,
    context: parsed.values.context ?? false,
    json: parsed.values.json ?? false,
    articlesDir: parsed.values.articles ?? null,
  };
}

async function main(): Promise<number> {
  let options: QuoteOptions | 'help';
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  const config = commandConfig();
  if (config === null) return 1;
  const articlesDir = options.articlesDir ?? config.articlesDir;
  const engine = await openArticlesFolder(articlesDir);
  if (engine === null) return 1;

  const sentence = engine.sentence(options.id);
  if (!sentence) {
    process.stderr.write(
      `No sentence has the citation id "${options.id}" in ${articlesDir}. Citation ids look like a3:4.2 (article a3, paragraph 4, sentence 2); npm run ask shows the id beside every quote.\n`,
    );
    return 1;
  }
  const article = engine.articleOf(sentence);
  // The same neighbours as the Context button under an answer in Discord.
  const context = options.context ? engine.context(sentence.id) : undefined;
  process.stdout.write(
    options.json
      ? `${JSON.stringify(quoteToJson(sentence, article, context))}\n`
      : quoteToText(sentence, article, context, { colour: Boolean(process.stdout.isTTY) }),
  );
  return 0;
}

process.exitCode = await main();

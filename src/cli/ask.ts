/**
 * `npm run ask -- [--json] [--articles DIR] [--top K] ["question"]`
 *
 * Answers a question from the terminal, or, with no question and input piped in, one question
 * per line, in order, with the index built once. stdout carries only answers; warnings and
 * progress go to stderr. A usage error exits 2.
 */
import { createInterface } from 'node:readline';
import { defaultArticlesDir } from '../config.ts';
import { answerToJson, answerToText, type JsonAnswer } from '../present/terminal.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import { defaultQuoteCount } from '../retrieval/engine.ts';
import { maxQuestionLength, normaliseQuestion, questionProblem } from '../retrieval/question.ts';
import { commandConfig, openArticlesFolder, plural, readCommandLine, UsageError } from './commandLine.ts';

/** The most quotes one terminal answer lists: more reads as a search result, not an answer. */
const maxTerminalQuotes = 25;

const usage = `Usage: npm run ask -- [options] ["question"]

Answers a question about the articles by quoting them, with citations.
With no question and input piped in, answers one question per line.

Options:
  --json           one JSON object per answer (JSON Lines for piped questions)
  --articles DIR   the articles folder (default: ARTICLES_DIR from the environment or .env,
                   else ${defaultArticlesDir}/)
  --top K          number of quotes, 1 to ${maxTerminalQuotes} (default: ${defaultQuoteCount})
  -h, --help       this help
`;

interface CliOptions {
  readonly json: boolean;
  /** --articles; null for the configured folder. */
  readonly articlesDir: string | null;
  readonly top: number;
  readonly question: string | null;
}

function parseCommandLine(argv: string[]): CliOptions | 'help' {
  const parsed = readCommandLine(
    'ask',
    argv,
    {
      json: { type: 'boolean', default: false },
      articles: { type: 'string' },
      top: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    '--json, --articles DIR, --top K and --help',
    '… "question"',
  );
  if (parsed.values.help) return 'help';
  const topText = parsed.values.top ?? String(defaultQuoteCount);
  if (!/^\d+$/.test(topText) || Number(topText) < 1 || Number(topText) > maxTerminalQuotes) {
    throw new UsageError(`--top takes a whole number from 1 to ${maxTerminalQuotes}, not "${topText}".`);
  }
  const question = parsed.positionals.length > 0 ? parsed.positionals.join(' ') : null;
  return {
    json: parsed.values.json ?? false,
    articlesDir: parsed.values.articles ?? null,
    top: Number(topText),
    question,
  };
}

/** The CLI's words for a question that is not worth looking up; null when it is fine. */
function questionMessage(text: string): string | null {
  switch (questionProblem(text)) {
    case 'empty':
      return 'The question is empty.';
    case 'control-characters':
      return 'The question contains control or invisible characters; type it as plain text.';
    case 'broken-characters':
      return 'The question contains a broken character (half of an emoji or other symbol); type it again.';
    case 'too-long':
      return `The question is ${text.length} characters long; keep it within ${maxQuestionLength}.`;
    case null:
      return null;
  }
}

function answerOne(engine: QuoteEngine, typed: string, options: CliOptions): string {
  const question = normaliseQuestion(typed);
  const problem = questionMessage(question);
  if (options.json) {
    if (problem) {
      const refused: JsonAnswer = { question: typed, answered: false, confidence: 0, results: [], error: problem };
      return JSON.stringify(refused);
    }
    return JSON.stringify(answerToJson(engine.ask(question, { top: options.top })));
  }
  if (problem) return `Q: ${typed}\n${problem}\n`;
  return answerToText(engine.ask(question, { top: options.top }), {
    colour: Boolean(process.stdout.isTTY),
    width: Math.min(100, process.stdout.columns ?? 88),
  });
}

async function main(): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  if (options.question === null && process.stdin.isTTY) {
    process.stderr.write(`Ask a question, or pipe questions in, one per line.\n\n${usage}`);
    return 2;
  }
  const config = commandConfig();
  if (config === null) return 1;
  const articlesDir = options.articlesDir ?? config.articlesDir;

  const started = performance.now();
  const engine = await openArticlesFolder(articlesDir);
  if (engine === null) return 1;
  if (options.question === null) {
    process.stderr.write(
      `Read ${plural(engine.articles.length, 'article')} (${plural(engine.sentenceCount, 'sentence')}) in ${Math.round(performance.now() - started)} ms.\n`,
    );
  }

  if (options.question !== null) {
    process.stdout.write(`${answerOne(engine, options.question, options)}\n`.replace(/\n\n$/, '\n'));
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (!options.json && line.trim() === '') continue;
    const out = answerOne(engine, line, options);
    process.stdout.write(options.json ? `${out}\n` : `${first ? '' : '\n'}${out}`);
    first = false;
  }
  return 0;
}

// A reader that stops early (`| head`) closes the pipe: that ends the answers, not in an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main();

/**
 * What the terminal commands (`npm run ask`, `npm run quote`) share: reading their options as
 * npm passes them on, in Citebot's words, and the configuration every command reads.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeProblems, loadConfig, type Config } from '../config.ts';
import { ArticlesFolderError } from '../corpus/load.ts';
import { openLibrary } from '../library/folder.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';

/** A command line that cannot be run: the message, then the usage, exit 2. */
export class UsageError extends Error {}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * `npm run ask --top 5 "…"` (no `--`): npm takes `--top` as its own setting, exports it as
 * `npm_config_top`, and passes only the words on, so the question would silently become "5 …".
 */
function optionsTakenByNpm(script: string, names: readonly string[], env: NodeJS.ProcessEnv): string[] {
  if (env.npm_lifecycle_event !== script) return [];
  return names.filter((name) => env[`npm_config_${name}`] !== undefined).map((name) => `--${name}`);
}

/**
 * The command line of `npm run <script> -- …`, read with Node's parseArgs but said in
 * Citebot's words: Node's own suggest a bare `--`, which npm would swallow.
 * `optionList` names the options for a message ("--json, --articles DIR and --help"), and
 * `example` stands for the rest of a command line ('… "question"').
 */
export function readCommandLine<Options extends OptionSpecs>(
  script: string,
  argv: string[],
  options: Options,
  optionList: string,
  example: string,
) {
  const taken = optionsTakenByNpm(script, Object.keys(options), process.env);
  if (taken.length > 0) {
    throw new UsageError(
      `npm kept ${taken.join(', ')} for itself. Put -- before Citebot's options: npm run ${script} -- ${taken.join(' ')} ${example}`,
    );
  }
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']*)'/.exec(message)?.[1];
    if (unknown !== undefined) throw new UsageError(`Unknown option ${unknown}. The options are ${optionList}.`);
    const missingValue = /Option '(--\w+)[^']*' argument missing/.exec(message)?.[1];
    if (missingValue !== undefined) throw new UsageError(`${missingValue} needs a value.`);
    throw new UsageError(message);
  }
}

/** The configuration from the environment and .env, as `npm start` reads it; null (problems on stderr) when it is wrong. */
export function commandConfig(): Config | null {
  const result = loadConfig();
  if (result.ok) return result.config;
  process.stderr.write(`${describeProblems(result.problems)}\n`);
  return null;
}

/** The articles in `dir`, read and indexed, each file's warning on stderr; null (the reason on stderr) when there are none to quote. */
export async function openArticlesFolder(dir: string): Promise<QuoteEngine | null> {
  try {
    const library = await openLibrary(dir);
    for (const warning of library.warnings)
      process.stderr.write(`warning: ${warning.kept ? '' : 'skipped '}${warning.file}: ${warning.reason}\n`);
    if (library.engine.articles.length > 0) return library.engine;
    process.stderr.write(`No articles could be read from ${dir}.\n`);
    return null;
  } catch (error) {
    if (!(error instanceof ArticlesFolderError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return null;
  }
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

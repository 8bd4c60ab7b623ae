/**
 * What every command-line entry point of the bot does first: read .env and the environment,
 * and stop with every problem named when the configuration is wrong.
 */
import { describeProblems, loadConfig, type Config } from '../config.ts';

/** Writes the message to stderr and exits 1. */
export function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The validated configuration, or exit 1 naming every problem. */
export function startupConfig(): Config {
  const result = loadConfig();
  if (!result.ok) exitWith(describeProblems(result.problems));
  return result.config;
}

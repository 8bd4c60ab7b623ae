/**
 * Structured logs (pino, one JSON object per line on stdout). Message text written by users
 * and quoted text never go in at info level: an interaction is logged by its command, user id,
 * latency and outcome.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: 'citebot' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * stdout written synchronously, each line in one call: for a process that logs little and whose
 * line order matters (the shard manager), where buffered writes that meet a full pipe can come
 * out of order.
 */
export function synchronousStdout(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

/**
 * A fatal error as a JSON line, for a log collector reading stdout. Skipped when stdout is a
 * terminal: the person there reads the plain message on stderr, once, without a stack trace.
 */
export async function logFatalForCollectors(log: Logger, error: unknown, message: string): Promise<void> {
  if (process.stdout.isTTY) return;
  log.fatal({ err: error }, message);
  await new Promise<void>((resolve) => log.flush(() => resolve()));
}

/**
 * The question files of the bench are JSON lines: one object a line, blank lines ignored. One
 * reader for all of them, so that a malformed line is always named by file and line.
 */
import { readFileSync } from 'node:fs';

/** What a line lacks, found by a line reader; thrown again with the file and line. */
export class LineProblem extends Error {}

/** Rejects a line: `why` is said after the file and line ("lacks question or answers"). */
export function rejectLine(why: string): never {
  throw new LineProblem(why);
}

/** Each line's object, as `read` makes it; `read` calls rejectLine for a line that lacks what it needs. */
export function readJsonLines<T>(path: string, read: (value: Record<string, unknown>) => T): T[] {
  const records: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, n) => {
      if (line.trim() === '') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${n + 1} is not valid JSON (${(error as Error).message})`, { cause: error });
      }
      try {
        records.push(read(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}));
      } catch (error) {
        if (error instanceof LineProblem) throw new Error(`${path}:${n + 1} ${error.message}`, { cause: error });
        throw error;
      }
    });
  return records;
}

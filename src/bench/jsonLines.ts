/**
 * The question files of the bench are JSON lines: one object a line, blank lines ignored. One
 * reader for all of them, so that a malformed line is always named by file and line.
 */
import { readFileSync } from 'node:fs';

/**
 * Each line's object, as `read` makes it; `read` returns a problem (a string) for a line that
 * lacks what it needs, and the reader throws it with the file and line.
 */
export function readJsonLines<T>(path: string, read: (value: Record<string, unknown>) => T | string): T[] {
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
      const record = read(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {});
      if (typeof record === 'string') throw new Error(`${path}:${n + 1} ${record}`);
      records.push(record);
    });
  return records;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, rejectLine } from '../../src/bench/jsonLines.ts';
import { temporaryFolder } from '../helpers.ts';

const folder = temporaryFolder('citebot-jsonl-');

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

const questionOf = (q: Record<string, unknown>): string =>
  typeof q.question === 'string' ? q.question : rejectLine('has no question');

describe('the bench question files', () => {
  it('reads one record a line, blank lines skipped, whatever the record is (a plain string too)', () => {
    const path = file('good.jsonl', '{"question":"how many troops"}\n\n{"question":"who met Biden"}\n');
    expect(readJsonLines(path, questionOf)).toEqual(['how many troops', 'who met Biden']);
  });

  it('names the file and line of a line that is not JSON, or lacks what the reader needs', () => {
    const broken = file('broken.jsonl', '{"question":"fine"}\n{not json\n');
    expect(() => readJsonLines(broken, questionOf)).toThrow(`${broken}:2 is not valid JSON`);
    const lacking = file('lacking.jsonl', '{"question":"fine"}\n\n{"q":"typo"}\n');
    expect(() => readJsonLines(lacking, questionOf)).toThrow(`${lacking}:3 has no question`);
  });
});

/** What the bench reports of a SQLite store's size, over real files in a temporary folder. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { sqliteSizeOnDisk } from '../../src/bench/measure.ts';
import { temporaryFolder } from '../helpers.ts';

it('counts the SQLite file with its write-ahead log and shared-memory index, and a missing part as nothing', () => {
  const path = join(temporaryFolder('citebot-measure-'), 'citebot.sqlite');
  expect(sqliteSizeOnDisk(path)).toBe(0);
  writeFileSync(path, Buffer.alloc(4096));
  expect(sqliteSizeOnDisk(path)).toBe(4096);
  writeFileSync(`${path}-wal`, Buffer.alloc(1000));
  writeFileSync(`${path}-shm`, Buffer.alloc(32768));
  expect(sqliteSizeOnDisk(path)).toBe(4096 + 1000 + 32768);
});

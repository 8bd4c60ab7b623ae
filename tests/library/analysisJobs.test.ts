import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../src/library/analysisJobs.ts';

describe('packed records', () => {
  const text = Buffer.from('Iraq and the United States agreed on a timeline.\n'.repeat(2_000));

  it('come back as they were, small or large, compressible or not', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('a'), text, randomBytes(300_000)])
      expect(unpack(pack(bytes)).equals(bytes)).toBe(true);
  });

  it('come back whole when written as several gzip members, whose last trailer gives the last size only', () => {
    const twice = Buffer.concat([gzipSync(text), gzipSync(text.subarray(0, 100))]);
    expect(unpack(twice).equals(Buffer.concat([text, text.subarray(0, 100)]))).toBe(true);
  });

  it('are refused with a zlib error when their trailer lies about their size', () => {
    for (const claimed of [0, 17, text.length + 1, 0xffff_ffff]) {
      const packed = Buffer.from(pack(text));
      packed.writeUInt32LE(claimed, packed.length - 4);
      expect(() => unpack(packed), `claimed ${claimed}`).toThrow(expect.objectContaining({ code: 'Z_DATA_ERROR' }));
    }
  });
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { applyHeapGrowth, heapGrowthFlag } from '../../src/bot/heapGrowth.ts';
import { repositoryRoot } from '../../src/testing/paths.ts';

/**
 * A process that keeps about 40 MB alive and churns garbage that lives long enough to reach
 * the old generation (as a server's dropped index does), counting its full collections.
 */
const churn = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
const { applyHeapGrowth } = await import(${JSON.stringify(join(repositoryRoot, 'src/bot/heapGrowth.ts'))});
applyHeapGrowth(Number(process.argv.at(-1)));
let full = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full += 1;
}).observe({ entryTypes: ['gc'] });
const live = Array.from({ length: 40 }, () => new Array(125_000).fill(0).map((_, i) => i + 0.5));
const ring = new Array(64);
for (let i = 0; i < 3_000; i += 1) ring[i % ring.length] = new Array(25_000).fill(0).map((_, j) => j + 0.5);
await new Promise((resolve) => setTimeout(resolve, 50));
process.stdout.write(JSON.stringify({ full, kept: live.length + ring.length }));
`;

async function fullCollections(percent: number): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', churn, String(percent)],
    { cwd: repositoryRoot },
  );
  return (JSON.parse(stdout) as { full: number }).full;
}

describe('the heap growth', () => {
  it('is the V8 flag for the percentage, or none for 0', () => {
    expect(heapGrowthFlag(30)).toBe('--heap-growing-percent=30');
    expect(heapGrowthFlag(0)).toBeNull();
    expect(() => heapGrowthFlag(-1)).toThrow(RangeError);
    expect(() => heapGrowthFlag(2.5)).toThrow(RangeError);
    expect(() => applyHeapGrowth(-1)).toThrow(RangeError);
  });

  it('collects a churning heap more often once set in a running process', async () => {
    const [own, tight] = await Promise.all([fullCollections(0), fullCollections(10)]);
    expect(tight).toBeGreaterThan(own * 2);
  }, 60_000);
});

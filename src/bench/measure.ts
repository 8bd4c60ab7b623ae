/** Timing, memory and size helpers for the bench. */
import { existsSync, statSync } from 'node:fs';

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanMs: number;
}

/** Nearest-rank percentile (p in 0..100) of a list of durations. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summariseLatency(durations: readonly number[]): LatencySummary {
  return {
    count: durations.length,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    meanMs: durations.length === 0 ? Number.NaN : durations.reduce((sum, d) => sum + d, 0) / durations.length,
  };
}

/**
 * Memory held by live objects: V8 heap plus memory outside it (typed arrays' buffers live
 * there, and Citebot's index is mostly typed arrays), after a full collection when the process
 * runs with --expose-gc.
 */
export function liveMemoryBytes(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Peak resident set size of this process so far, in bytes (Linux reports ru_maxrss in KiB). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/**
 * Bytes a SQLite store takes on disk: the file with its write-ahead log and shared-memory
 * index, which hold what is not yet folded back into the file while it is open.
 */
export function sqliteSizeOnDisk(path: string): number {
  return ['', '-wal', '-shm'].reduce(
    (sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0),
    0,
  );
}

/**
 * Runs a TypeScript file as a separate Node process, as a second bot process would be: for
 * the concurrency and crash tests, and for start-up from another working folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '../../src/testing/paths.ts';

/** tsx's loader by absolute path, so that the child finds it from any working folder. */
const tsxLoader = pathToFileURL(join(repositoryRoot, 'node_modules/tsx/dist/loader.mjs')).href;

export function projectPath(relative: string): string {
  return join(repositoryRoot, relative);
}

export interface ChildRun {
  readonly child: ChildProcess;
  /** Lines the child printed so far. */
  readonly lines: string[];
  /** Resolves with the exit code (null when killed) and everything on stderr. */
  readonly finished: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function runTypeScript(
  script: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildRun {
  const child = spawn(process.execPath, ['--import', tsxLoader, script, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, lines, finished };
}

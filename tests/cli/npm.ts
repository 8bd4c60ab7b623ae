/** The terminal commands as a user runs them: `npm …`, spawned, stdout and stderr read apart. */
import { spawn } from 'node:child_process';
import { repositoryRoot } from '../../src/testing/paths.ts';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface NpmOptions {
  /** The folder to run in (default: the project). */
  readonly cwd?: string;
  /** The whole environment (default: this process's, with `extraEnv` over it). */
  readonly env?: NodeJS.ProcessEnv;
  readonly extraEnv?: Record<string, string>;
  /** Standard input; closed at once when absent. */
  readonly input?: string;
}

export function runNpm(args: readonly string[], options: NpmOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', [...args], {
      cwd: options.cwd ?? repositoryRoot,
      env: { ...(options.env ?? process.env), ...options.extraEnv },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input);
  });
}

/**
 * A real redis-server for the tests and the bench, on a free loopback port, started and stopped
 * by them. Nothing is saved to disk: each server starts empty.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from '@keyv/redis';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** SIGKILL: Redis gone at once, as when its host or container dies. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: Redis still connected but answering nothing, as when its host hangs. */
  pause(): void;
  resume(): void;
}

/** Why no redis-server can be started here, or null when redis-server is installed. */
export const redisServerMissing: string | null = (() => {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0
    ? 'redis-server is not installed (apt-get install -y redis-server; .ci/run does this)'
    : null;
})();

/** Why the Redis tests cannot run here, or null when redis-server is installed. */
export const redisUnavailable: string | null =
  redisServerMissing && `${redisServerMissing}: the Redis tests are skipped`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts redis-server on a free port, or on `port` (to bring a killed one back where its clients look for it). */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  // Said once, plainly: spawning a missing program would only fail five times over.
  if (redisServerMissing) throw new Error(redisServerMissing);
  // A free port may be taken between finding it and binding it: another is tried. A given port is tried once.
  const attempts = options.port === undefined ? 5 : 1;
  let lastOutput = '';
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const port = options.port ?? (await freePort());
    const child: ChildProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      // The last lines are enough to say why it stopped.
      output = (output + chunk.toString()).slice(-2_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      child.stdout?.on('data', () => {
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      // Its later log is read and dropped, not kept.
      child.stdout?.removeAllListeners('data').resume();
      child.stderr?.removeAllListeners('data').resume();
      const end = (signal: NodeJS.Signals) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill(signal);
        });
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => (child.kill('SIGCONT'), end('SIGTERM')),
        kill: () => end('SIGKILL'),
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
      };
    }
    child.kill('SIGKILL');
    lastOutput = output;
  }
  const where = options.port === undefined ? `a free port after ${attempts} tries` : `port ${options.port}`;
  throw new Error(`redis-server did not start on ${where}; it said: ${lastOutput.trim() || '(nothing)'}`);
}

/** Empties every database of the server at `url`, so that a run starts from nothing. */
export async function flushRedisServer(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.flushAll();
  } finally {
    await client.close();
  }
}

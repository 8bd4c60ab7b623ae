/** A redis-server started for a bench run alone, and what the bench asks of it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A redis-server for this run alone, on a free loopback port, saving nothing to disk. */
export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ready, failed) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) ready();
    });
    child.on('exit', (code) => failed(new Error(`redis-server exited (${code})`)));
    child.on('error', failed);
  });
  return { url: `redis://127.0.0.1:${port}`, child };
}

export async function flushRedis(url: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  await client.flushAll();
  await client.quit();
}

/** Redis's own account of the memory it holds (INFO memory's used_memory), in bytes. */
export async function redisUsedMemory(url: string): Promise<number> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('memory');
  await client.quit();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

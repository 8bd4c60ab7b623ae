/** What the bench asks of a redis-server (src/testing/redisServer.ts starts one). */

/** Redis's own account of the memory it holds (INFO memory's used_memory), in bytes. */
export async function redisUsedMemory(url: string): Promise<number> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url });
  await client.connect();
  const info = await client.info('memory');
  await client.quit();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/**
 * A store that fails under the bot, with the real thing each time: a redis-server killed or
 * frozen (SIGSTOP), a SQLite file deleted while open, a SQLite file with garbage written over
 * its pages. Every call ends, in failure if need be, as a StoreUnavailableError that says
 * whether anything changed; nothing hangs and nothing is written where it will be lost.
 */
import { open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/errors.ts';
import { openStore, StoreOpenError } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { temporaryFolder } from './backends.ts';
import { redisUnavailable, startRedisServer, type RedisServer } from '../../src/testing/redisServer.ts';

async function failure(call: Promise<unknown>): Promise<StoreUnavailableError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreUnavailableError);
  return error as StoreUnavailableError;
}

describe.skipIf(redisUnavailable !== null)('Redis failing under an open store', () => {
  let redis: RedisServer;
  let store: Store;
  const reported: Error[] = [];

  beforeEach(async () => {
    reported.length = 0;
    redis = await startRedisServer();
    store = await openStore(redis.url, { onError: (error) => reported.push(error) });
    await store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 2 });
  });

  afterEach(async () => {
    redis.resume();
    await store.close();
    await redis.stop();
  });

  it('refuses calls while Redis is down, saying nothing was changed, instead of queueing them', async () => {
    await redis.kill();
    // Once the client has seen the connection go (a call racing that moment fails too, but
    // as 'unknown': it was sent on a socket that was closing).
    for (let waited = 0; reported.length === 0 && waited < 5_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reported[0]?.message).toMatch(/Socket closed unexpectedly/);
    const write = await failure(store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 4 }));
    expect(write.outcome).toBe('not-done');
    expect((await failure(store.keyv('server-settings').get('guild-1'))).outcome).toBe('not-done');
    expect((await failure(store.increment('rate-limits', 'user-1', 60_000))).outcome).toBe('not-done');

    // Back on the same port, empty (no persistence in the test): the refused write was never
    // applied later from a queue, and calls work again once the client has reconnected.
    redis = await startRedisServer({ port: redis.port });
    let written = false;
    for (let attempt = 0; attempt < 40 && !written; attempt += 1) {
      written = await store
        .keyv('server-settings')
        .set('guild-2', { defaultQuoteCount: 5 })
        .then(
          () => true,
          async () => (await new Promise((resolve) => setTimeout(resolve, 250)), false),
        );
    }
    expect(written).toBe(true);
    expect(await store.keyv('server-settings').get('guild-1')).toBeUndefined();
    expect(await store.keyv('server-settings').get('guild-2')).toEqual({ defaultQuoteCount: 5 });
  }, 30_000);

  it('gives up on a Redis that is connected but answers nothing, saying it cannot tell whether the write happened', async () => {
    redis.pause();
    const write = await failure(store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 4 }));
    expect(write.outcome).toBe('unknown');
    expect(write.message).toMatch(/did not answer set in server-settings within 2000 ms/);
    expect((await failure(store.increment('rate-limits', 'user-1', 60_000))).outcome).toBe('unknown');
  }, 15_000);
});

describe('a SQLite file deleted while the store is open', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeEach(async () => {
    folder = await temporaryFolder();
  });
  afterEach(async () => {
    await folder.remove();
  });

  it('refuses writes rather than writing into the deleted file, and reports it once', async () => {
    const path = join(folder.path, 'citebot.sqlite');
    const reported: Error[] = [];
    const store = await openStore(`sqlite://${path}`, { onError: (error) => reported.push(error) });
    try {
      await store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 2 });
      await rm(path);

      const first = await failure(store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 4 }));
      expect(first.outcome).toBe('not-done');
      expect(first.message).toContain(`${path} was deleted`);
      expect((await failure(store.keyv('feedback-votes').delete('answer/user'))).outcome).toBe('not-done');
      expect((await failure(store.increment('rate-limits', 'user-1', 60_000))).outcome).toBe('not-done');
      // Reads still come from the open file: answers and settings go on as they were.
      expect(await store.keyv('server-settings').get('guild-1')).toEqual({ defaultQuoteCount: 2 });

      expect(reported).toHaveLength(1);
      expect(reported[0]!.message).toMatch(
        new RegExp(
          `^The store file ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} was deleted while Citebot was running`,
        ),
      );
      expect(reported[0]!.message).toMatch(/Restart Citebot to start with a new, empty store/);
    } finally {
      await store.close();
    }
  });

  it('notices the deletion between writes too, and reports it once', async () => {
    const path = join(folder.path, 'citebot.sqlite');
    const reported: Error[] = [];
    const store = await openStore(`sqlite://${path}`, {
      onError: (error) => reported.push(error),
      fileCheckIntervalMs: 20,
    });
    try {
      await rm(path);
      for (let waited = 0; reported.length === 0 && waited < 5_000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reported.map((error) => error.message)).toEqual([
        expect.stringMatching(/was deleted while Citebot was running/),
      ]);
    } finally {
      await store.close();
    }
  });

  it('notices a file replaced under the same name too', async () => {
    const path = join(folder.path, 'citebot.sqlite');
    const reported: Error[] = [];
    const store = await openStore(`sqlite://${path}`, { onError: (error) => reported.push(error) });
    try {
      await rm(path);
      await writeFile(path, '');
      expect((await failure(store.keyv('server-settings').set('guild-1', { defaultQuoteCount: 4 }))).message).toContain(
        'was replaced by another file',
      );
      expect(reported).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

describe('a damaged SQLite file', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeEach(async () => {
    folder = await temporaryFolder();
  });
  afterEach(async () => {
    await folder.remove();
  });

  /** A real store with some records, closed, then garbage written over pages in the middle. */
  async function damagedStore(path: string): Promise<void> {
    const store = await openStore(`sqlite://${path}`);
    for (let i = 0; i < 200; i += 1)
      await store.keyv('server-settings').set(`guild-${i}`, { note: `${'x'.repeat(2_000)}${i}` });
    await store.close();
    const { size } = await stat(path);
    const page = 4096;
    const file = await open(path, 'r+');
    await file.write(Buffer.alloc(4 * page, 0x5a), 0, 4 * page, Math.floor(size / 2 / page) * page);
    await file.close();
  }

  it('is refused when opened, naming the file and saying what to do', async () => {
    const path = join(folder.path, 'citebot.sqlite');
    await damagedStore(path);
    const error = await openStore(`sqlite://${path}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^The store ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\(`));
    expect(message).toContain(`mv ${path} ${path}.damaged`);
    expect(message).toMatch(/articles folder is read again/);
    expect(message).not.toMatch(/\n/);
  });

  it('is refused when it is not a SQLite file at all', async () => {
    const path = join(folder.path, 'citebot.sqlite');
    await writeFile(path, 'these are not the pages of a database\n'.repeat(300));
    const error = await openStore(`sqlite://${path}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(/is damaged \(SQLITE_NOTADB: file is not a database\)/);
  });
});

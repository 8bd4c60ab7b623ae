/**
 * Runs a block of store tests against both backends, each a real one: a SQLite file in a
 * temporary folder, and a real redis-server on a free loopback port (flushed between tests).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import {
  flushRedisServer,
  redisUnavailable,
  startRedisServer,
  type RedisServer,
} from '../../src/testing/redisServer.ts';

export interface BackendContext {
  /** A KEYV_URL for the backend under test; the same URL on each call within one test. */
  url(): string;
  /** Opens a store at url(); closed after the test. */
  open(): Promise<Store>;
}

export async function temporaryFolder(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'citebot-store-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function describeEachBackend(title: string, body: (backend: BackendContext) => void): void {
  describe(`${title} (SQLite)`, () => {
    let folder: Awaited<ReturnType<typeof temporaryFolder>>;
    const opened: Store[] = [];
    beforeEach(async () => {
      folder = await temporaryFolder();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await folder.remove();
    });
    const url = () => `sqlite://${join(folder.path, 'citebot.sqlite')}`;
    body({
      url,
      async open() {
        const store = await openStore(url());
        opened.push(store);
        return store;
      },
    });
  });

  if (redisUnavailable) console.warn(`${title} (Redis): ${redisUnavailable}`);
  describe.skipIf(redisUnavailable !== null)(`${title} (Redis)`, () => {
    let server: RedisServer;
    const opened: Store[] = [];
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
    beforeEach(async () => {
      await flushRedisServer(server.url);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    body({
      url: () => server.url,
      async open() {
        const store = await openStore(server.url);
        opened.push(store);
        return store;
      },
    });
  });
}

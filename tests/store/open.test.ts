import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/open.ts';
import { maskStoreUrl, parseStoreUrl } from '../../src/store/url.ts';
import { describeEachBackend, temporaryFolder } from './backends.ts';
import { projectPath, runTypeScript } from './childProcess.ts';

describe('KEYV_URL', () => {
  it('defaults to a SQLite file in data/', () => {
    expect(parseStoreUrl(undefined)).toMatchObject({ kind: 'sqlite', path: 'data/citebot.sqlite' });
    expect(parseStoreUrl('  ')).toMatchObject({ kind: 'sqlite', path: 'data/citebot.sqlite' });
  });

  it('reads sqlite:// and redis:// URLs', () => {
    expect(parseStoreUrl('sqlite:///var/lib/citebot/state.sqlite')).toMatchObject({
      kind: 'sqlite',
      path: '/var/lib/citebot/state.sqlite',
    });
    expect(parseStoreUrl('sqlite://state/citebot.sqlite')).toMatchObject({
      kind: 'sqlite',
      path: 'state/citebot.sqlite',
    });
    expect(parseStoreUrl('redis://127.0.0.1:6379')).toMatchObject({ kind: 'redis' });
  });

  it('masks passwords wherever the URL is shown', () => {
    expect(maskStoreUrl('redis://default:hunter2@cache.internal:6379/0')).toBe(
      'redis://default:****@cache.internal:6379/0',
    );
    expect(maskStoreUrl('redis://:hunter2@cache.internal:6379')).toBe('redis://:****@cache.internal:6379');
    expect(maskStoreUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('refuses other schemes with a message that says what to use, password masked', async () => {
    const error = await openStore('postgres://admin:hunter2@db:5432/citebot').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain('postgres://admin:****@db:5432/citebot');
    expect((error as Error).message).toContain('redis://');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('opening a store', () => {
  it('creates data/citebot.sqlite on first use when KEYV_URL is unset', async () => {
    const folder = await temporaryFolder();
    try {
      const env = { ...process.env };
      delete env.KEYV_URL;
      const run = await runTypeScript(projectPath('tests/store/fixtures/writeSetting.ts'), [], {
        cwd: folder.path,
        env,
      }).finished;
      expect(run).toEqual({ code: 0, signal: null, stderr: '' });
      expect(existsSync(join(folder.path, 'data/citebot.sqlite'))).toBe(true);
      const store = await openStore(`sqlite://${join(folder.path, 'data/citebot.sqlite')}`);
      expect(await store.keyv('server-settings').get('guild-1')).toEqual({ defaultQuoteCount: 2 });
      await store.close();
    } finally {
      await folder.remove();
    }
  });

  it('puts the SQLite file in WAL mode so that readers do not wait for writers', async () => {
    const folder = await temporaryFolder();
    try {
      const path = join(folder.path, 'nested/state.sqlite');
      const store = await openStore(`sqlite://${path}`);
      await store.close();
      const mode = await new Promise<string>((resolve, reject) => {
        const db = new sqlite3.Database(path, (error) => error && reject(error));
        db.get('PRAGMA journal_mode', (error, row: { journal_mode: string }) => {
          db.close();
          if (error) reject(error);
          else resolve(row.journal_mode);
        });
      });
      expect(mode).toBe('wal');
    } finally {
      await folder.remove();
    }
  });

  it('leaves one file holding everything once closed, its write-ahead log folded back', async () => {
    const folder = await temporaryFolder();
    try {
      const path = join(folder.path, 'state.sqlite');
      // Several namespaces, so several connections close together.
      const store = await openStore(`sqlite://${path}`);
      for (let i = 0; i < 200; i += 1)
        await store.keyv('server-settings').set(`guild-${i}`, { note: `${'x'.repeat(2_000)}${i}` });
      await store.keyv('feedback-votes').set('answer/user', 'up');
      await store.close();
      expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
      expect(statSync(path).size).toBeGreaterThan(200 * 2_000);
    } finally {
      await folder.remove();
    }
  });

  it('fails at start-up, naming the URL, when the SQLite file cannot be created', async () => {
    const folder = await temporaryFolder();
    try {
      const notAFolder = join(folder.path, 'plain-file');
      await writeFile(notAFolder, 'not a folder');
      const url = `sqlite://${notAFolder}/citebot.sqlite`;
      const error = await openStore(url).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toContain(`Cannot open the store at ${url}`);
    } finally {
      await folder.remove();
    }
  });

  it('fails at start-up, naming the URL with the password masked, when Redis cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openStore('redis://citebot:hunter2@127.0.0.1:1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain('redis://citebot:****@127.0.0.1:1');
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describeEachBackend('the store', (backend) => {
  it('keeps each kind of data in its own namespace', async () => {
    const store = await backend.open();
    await store.keyv('buttons').set('guild-1', 'button state');
    await store.keyv('server-settings').set('guild-1', 'settings');
    expect(await store.keyv('buttons').get('guild-1')).toBe('button state');
    expect(await store.keyv('server-settings').get('guild-1')).toBe('settings');
    const listed: string[] = [];
    for await (const [key] of store.keyv('buttons').iterator!(undefined)) listed.push(String(key));
    expect(listed).toEqual(['guild-1']);
  });

  it('keeps what was written after the store is closed and opened again', async () => {
    const first = await backend.open();
    await first.keyv('server-settings').set('guild-7', { defaultQuoteCount: 4, bytes: Buffer.from([0, 1, 2, 255]) });
    await first.close();
    const second = await backend.open();
    const value = await second.keyv<{ defaultQuoteCount: number; bytes: Buffer }>('server-settings').get('guild-7');
    expect(value?.defaultQuoteCount).toBe(4);
    expect([...value!.bytes]).toEqual([0, 1, 2, 255]);
  });

  it('counts in a window and starts again once the window has passed', async () => {
    const store = await backend.open();
    const first = await store.increment('rate-limits', 'user-1', 300);
    const second = await store.increment('rate-limits', 'user-1', 300);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.resetAt).toBeGreaterThan(Date.now() - 50);
    expect((await store.increment('rate-limits', 'user-2', 300)).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await store.increment('rate-limits', 'user-1', 300)).count).toBe(1);
  });

  it('reads a count without counting, and reads none once its window has passed', async () => {
    const store = await backend.open();
    expect(await store.peekCount('rate-limits', 'user-1')).toEqual({ count: 0, resetAt: 0 });
    await store.increment('rate-limits', 'user-1', 300);
    const counted = await store.increment('rate-limits', 'user-1', 300);
    for (let read = 0; read < 3; read += 1) {
      const peeked = await store.peekCount('rate-limits', 'user-1');
      expect(peeked.count).toBe(2);
      expect(peeked.resetAt).toBeGreaterThan(counted.resetAt - 300);
      expect(peeked.resetAt).toBeLessThanOrEqual(counted.resetAt + 50);
    }
    expect((await store.increment('rate-limits', 'user-1', 300)).count).toBe(3);
    expect((await store.peekCount('rate-limits', 'user-2')).count).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await store.peekCount('rate-limits', 'user-1')).toEqual({ count: 0, resetAt: 0 });
  });

  it('never hands out the same count twice when counting at once', async () => {
    const store = await backend.open();
    const counts = await Promise.all(
      Array.from({ length: 40 }, () => store.increment('rate-limits', 'user-1', 60_000)),
    );
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

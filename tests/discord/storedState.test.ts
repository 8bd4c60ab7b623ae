/**
 * The bot's rate limiter and button state are the store's (typed here as the bot's
 * interfaces, so that the store keeps satisfying them), over a real store (a SQLite file in a
 * temporary folder): what they promise holds when the store is closed and opened again, as
 * on a restart.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseCitationId } from '../../src/corpus/citation.ts';
import type { ButtonState, ButtonStateStore } from '../../src/discord/buttonState.ts';
import type { RateLimiter } from '../../src/discord/rateLimiter.ts';
import { StoredButtonStates } from '../../src/store/buttonState.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { StoredRateLimiter } from '../../src/store/rateLimits.ts';
import { temporaryFolder } from '../store/backends.ts';

let folder: Awaited<ReturnType<typeof temporaryFolder>>;
const opened: Store[] = [];
async function open(): Promise<Store> {
  const store = await openStore(`sqlite://${join(folder.path, 'citebot.sqlite')}`);
  opened.push(store);
  return store;
}

beforeEach(async () => {
  folder = await temporaryFolder();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await folder.remove();
});

/** As the bot's start-up builds them. */
function rateLimiter(store: Store, limit: number, windowMs: number): RateLimiter {
  return new StoredRateLimiter(store, { limit, windowMs });
}
function buttonStates(store: Store): ButtonStateStore {
  return new StoredButtonStates(store);
}

const state: ButtonState = {
  kind: 'answer',
  question: 'How many troops?',
  articleKey: null,
  count: 3,
  nextOffset: 3,
  quotedIds: [normaliseCitationId('a3:10.1')!],
  private: false,
};

describe('per-user rate limit in the store', () => {
  it('lets a user through up to the limit, then says how long to wait; other users are apart', async () => {
    const limiter = rateLimiter(await open(), 3, 60_000);
    for (let n = 0; n < 3; n += 1) expect((await limiter.take('ann')).allowed).toBe(true);
    const refused = await limiter.take('ann');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect((await limiter.take('bob')).allowed).toBe(true);
  });

  it('still holds after a restart', async () => {
    const first = await open();
    const limiter = rateLimiter(first, 2, 60_000);
    await limiter.take('ann');
    await limiter.take('ann');
    await first.close();
    expect((await rateLimiter(await open(), 2, 60_000).take('ann')).allowed).toBe(false);
  });
});

describe('button state in the store', () => {
  it('gives back what was stored after a restart; an expired button is told apart from an unknown one', async () => {
    const first = await open();
    await buttonStates(first).set('live', state, 60_000);
    await buttonStates(first).set('short', state, 50);
    await first.close();
    const buttons = buttonStates(await open());
    expect(await buttons.lookup('live')).toEqual({ status: 'live', state });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await buttons.lookup('short')).toEqual({ status: 'expired' });
    expect(await buttons.lookup('never-stored')).toEqual({ status: 'unknown' });
  });
});

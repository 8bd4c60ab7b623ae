/**
 * The bot's rate limiter and button state are the store's (typed here, where it matters, as the
 * bot's interfaces, so that the store keeps satisfying them), over each backend.
 */
import { expect, it } from 'vitest';
import { normaliseCitationId } from '../../src/corpus/citation.ts';
import type { ButtonState, ButtonStateStore } from '../../src/discord/buttonState.ts';
import type { RateLimiter } from '../../src/discord/rateLimiter.ts';
import { StoredButtonStates } from '../../src/store/buttonState.ts';
import { StoredRateLimiter } from '../../src/store/rateLimits.ts';
import { describeEachBackend } from './backends.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachBackend('rate limits', (backend) => {
  it('lets a user through up to the limit, then says how long to wait', async () => {
    const limiter = new StoredRateLimiter(await backend.open(), { limit: 3, windowMs: 60_000 });
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.take('alice'));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(50_000);
    expect(decisions[3]!.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await limiter.take('bob')).allowed).toBe(true);
  });

  it('says whether the next interaction would go ahead without counting it', async () => {
    const limiter = new StoredRateLimiter(await backend.open(), { limit: 2, windowMs: 60_000 });
    for (let peek = 0; peek < 5; peek += 1)
      expect(await limiter.peek('alice')).toEqual({ allowed: true, retryAfterMs: 0 });
    expect((await limiter.take('alice')).allowed).toBe(true);
    expect((await limiter.peek('alice')).allowed).toBe(true);
    expect((await limiter.take('alice')).allowed).toBe(true);
    const refused = await limiter.peek('alice');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await limiter.peek('bob')).allowed).toBe(true);
  });

  it('lets the user through again once the window has passed', async () => {
    const limiter = new StoredRateLimiter(await backend.open(), { limit: 1, windowMs: 250 });
    expect((await limiter.take('alice')).allowed).toBe(true);
    const refused = await limiter.take('alice');
    expect(refused.allowed).toBe(false);
    await sleep(refused.retryAfterMs + 50);
    expect((await limiter.take('alice')).allowed).toBe(true);
  });

  it('holds across restarts and across processes sharing the store', async () => {
    const rule = { limit: 5, windowMs: 60_000 };
    const first = new StoredRateLimiter(await backend.open(), rule);
    const second = new StoredRateLimiter(await backend.open(), rule);
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? first : second).take('alice')),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    const afterRestart = new StoredRateLimiter(await backend.open(), rule);
    expect((await afterRestart.take('alice')).allowed).toBe(false);
  });

  it('still holds once the store is closed and opened again, as on a restart', async () => {
    const first = await backend.open();
    const limiter: RateLimiter = new StoredRateLimiter(first, { limit: 2, windowMs: 60_000 });
    await limiter.take('alice');
    await limiter.take('alice');
    await first.close();
    const reopened: RateLimiter = new StoredRateLimiter(await backend.open(), { limit: 2, windowMs: 60_000 });
    expect((await reopened.take('alice')).allowed).toBe(false);
  });

  it('keeps separate limits apart', async () => {
    const store = await backend.open();
    const asking = new StoredRateLimiter(store, { limit: 1, windowMs: 60_000 }, 'ask');
    const admin = new StoredRateLimiter(store, { limit: 1, windowMs: 60_000 }, 'admin');
    expect((await asking.take('alice')).allowed).toBe(true);
    expect((await admin.take('alice')).allowed).toBe(true);
    expect((await asking.take('alice')).allowed).toBe(false);
  });
});

describeEachBackend('button state', (backend) => {
  const state: ButtonState = {
    kind: 'answer',
    question: 'How many troops?',
    articleKey: null,
    count: 3,
    nextOffset: 3,
    quotedIds: [normaliseCitationId('a0:3.1')!],
    private: false,
  };

  it('gives back what a button needs while it is live, also after a restart', async () => {
    const buttons = new StoredButtonStates<typeof state>(await backend.open());
    await buttons.set('b1', state, 60_000);
    const restarted = new StoredButtonStates<typeof state>(await backend.open());
    expect(await restarted.lookup('b1')).toEqual({ status: 'live', state });
  });

  it('keeps live and expired buttons apart once the store is closed and opened again', async () => {
    const first = await backend.open();
    const before: ButtonStateStore = new StoredButtonStates(first);
    await before.set('live', state, 60_000);
    await before.set('short', state, 50);
    await first.close();
    const buttons: ButtonStateStore = new StoredButtonStates(await backend.open());
    expect(await buttons.lookup('live')).toEqual({ status: 'live', state });
    await sleep(100);
    expect(await buttons.lookup('short')).toEqual({ status: 'expired' });
    expect(await buttons.lookup('never-stored')).toEqual({ status: 'unknown' });
  });

  it('tells an expired button from one it never knew, then forgets it', async () => {
    const buttons = new StoredButtonStates<typeof state>(await backend.open(), 400);
    await buttons.set('b1', state, 200);
    expect(await buttons.lookup('never-made')).toEqual({ status: 'unknown' });
    await sleep(300);
    expect(await buttons.lookup('b1')).toEqual({ status: 'expired' });
    await sleep(500);
    expect(await buttons.lookup('b1')).toEqual({ status: 'unknown' });
  });
});

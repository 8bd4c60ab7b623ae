import { describe, expect, it } from 'vitest';
import { InMemoryRateLimiter } from '../../src/discord/rateLimiter.ts';

describe('per-user rate limit', () => {
  it('lets a user through up to the limit, then says how long to wait', async () => {
    let now = 0;
    const limiter = new InMemoryRateLimiter(3, 10_000, () => now);
    for (let n = 0; n < 3; n += 1) expect((await limiter.take('ann')).allowed).toBe(true);
    now = 4_000;
    expect(await limiter.take('ann')).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });

  it('counts each user apart', async () => {
    const limiter = new InMemoryRateLimiter(1, 10_000, () => 0);
    expect((await limiter.take('ann')).allowed).toBe(true);
    expect((await limiter.take('bob')).allowed).toBe(true);
    expect((await limiter.take('ann')).allowed).toBe(false);
  });

  it('lets a user in again once the window has passed, refusals not counted', async () => {
    let now = 0;
    const limiter = new InMemoryRateLimiter(1, 10_000, () => now);
    await limiter.take('ann');
    now = 5_000;
    expect((await limiter.take('ann')).allowed).toBe(false);
    now = 10_001;
    expect((await limiter.take('ann')).allowed).toBe(true);
  });
});

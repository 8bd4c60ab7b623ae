import { expect, it } from 'vitest';
import { ArticleAddLimits, articleAddsPerServer, linkAddsPerUser } from '../../src/discord/addLimits.ts';
import { describeEachBackend } from '../store/backends.ts';

describeEachBackend('how many articles may be added', (backend) => {
  it('lets a member add 10 links in 10 minutes, then says when to try again; other members go on', async () => {
    expect(linkAddsPerUser).toEqual({ limit: 10, windowMs: 600_000 });
    const limits = new ArticleAddLimits(await backend.open());
    for (let add = 0; add < 10; add += 1) expect(await limits.take('link', 'g1', 'u1')).toEqual({ allowed: true });
    expect(await limits.take('link', 'g1', 'u1')).toEqual({
      allowed: false,
      reason: 'you have added 10 links in 10 minutes, the most one member may; try again in 10 minutes',
    });
    expect(await limits.take('link', 'g1', 'u2')).toEqual({ allowed: true });
  });

  it('lets a server add 30 articles in an hour, whoever adds them, counted across restarts', async () => {
    expect(articleAddsPerServer).toEqual({ limit: 30, windowMs: 3_600_000 });
    const limits = new ArticleAddLimits(await backend.open(), { limit: 100, windowMs: 600_000 });
    for (let add = 0; add < 20; add += 1) expect((await limits.take('link', 'g1', `u${add}`)).allowed).toBe(true);
    const restarted = new ArticleAddLimits(await backend.open(), { limit: 100, windowMs: 600_000 });
    for (let add = 20; add < 30; add += 1) expect((await restarted.take('link', 'g1', `u${add}`)).allowed).toBe(true);
    expect(await restarted.take('link', 'g1', 'u99')).toEqual({
      allowed: false,
      reason: 'this server has added 30 articles in 60 minutes, the most it may; try again in 60 minutes',
    });
    expect(await restarted.take('link', 'g2', 'u99')).toEqual({ allowed: true });
  });

  it('counts files and links against the same server limit, saying so the same way; files are not links to a member', async () => {
    const limits = new ArticleAddLimits(await backend.open());
    for (let add = 0; add < 20; add += 1) expect(await limits.take('file', 'g1', 'u1')).toEqual({ allowed: true });
    for (let add = 0; add < 10; add += 1) expect(await limits.take('link', 'g1', 'u1')).toEqual({ allowed: true });
    const refusal = {
      allowed: false,
      reason: 'this server has added 30 articles in 60 minutes, the most it may; try again in 60 minutes',
    };
    expect(await limits.take('file', 'g1', 'u2')).toEqual(refusal);
    expect(await limits.take('link', 'g1', 'u2')).toEqual(refusal);
    expect(await limits.take('file', 'g2', 'u1')).toEqual({ allowed: true });
  });

  it('refuses a member at their limit before counting the server: their retries leave the server’s adds to the others', async () => {
    const limits = new ArticleAddLimits(await backend.open());
    for (let add = 0; add < 10; add += 1) expect(await limits.take('link', 'g1', 'u1')).toEqual({ allowed: true });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      expect(await limits.take('link', 'g1', 'u1')).toEqual({
        allowed: false,
        reason: 'you have added 10 links in 10 minutes, the most one member may; try again in 10 minutes',
      });
    }
    // 10 of the server's 30 are used: other admins add the other 20.
    for (let add = 0; add < 10; add += 1) expect(await limits.take('link', 'g1', 'u2')).toEqual({ allowed: true });
    for (let add = 0; add < 10; add += 1) expect(await limits.take('file', 'g1', 'u3')).toEqual({ allowed: true });
    expect(await limits.take('file', 'g1', 'u3')).toEqual({
      allowed: false,
      reason: 'this server has added 30 articles in 60 minutes, the most it may; try again in 60 minutes',
    });
  });

  it('does not count a link the server refuses against the member: once the server is full, their 10 links wait', async () => {
    const limits = new ArticleAddLimits(await backend.open());
    for (let add = 0; add < 30; add += 1) expect((await limits.take('file', 'g1', 'u2')).allowed).toBe(true);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await limits.take('link', 'g1', 'u1')).toEqual({
        allowed: false,
        reason: 'this server has added 30 articles in 60 minutes, the most it may; try again in 60 minutes',
      });
    }
    for (let add = 0; add < 10; add += 1) expect(await limits.take('link', 'g2', 'u1')).toEqual({ allowed: true });
    expect((await limits.take('link', 'g2', 'u1')).allowed).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { InMemoryButtonStateStore, type ButtonState } from '../../src/discord/buttonState.ts';

const state: ButtonState = { kind: 'answer', question: 'How many troops?', articleKey: null, count: 3, nextOffset: 3, quotedIds: ['a3:10.1'] };

describe('button state', () => {
  it('gives back what was stored until it expires, then says it expired', async () => {
    let now = 0;
    const store = new InMemoryButtonStateStore(() => now);
    await store.set('k1', state, 1_000);
    expect(await store.lookup('k1')).toEqual({ status: 'live', state });
    now = 1_000;
    expect(await store.lookup('k1')).toEqual({ status: 'expired' });
    expect(await store.lookup('never-stored')).toEqual({ status: 'unknown' });
  });

  it('drops long-expired states as new ones arrive, so memory stays bounded', async () => {
    let now = 0;
    const store = new InMemoryButtonStateStore(() => now);
    for (let n = 0; n < 100; n += 1) {
      await store.set(`k${n}`, state, 1_000);
      now += 60 * 60 * 1000;
    }
    expect(store.size).toBeLessThanOrEqual(26);
  });
});

import { describe, expect, it } from 'vitest';
import { PendingWrites } from '../../src/library/pendingWrites.ts';

/** A write that finishes (or fails) when told to. */
function heldWrite(): { write: Promise<void>; finish: () => void; fail: () => void } {
  let finish!: () => void;
  let fail!: () => void;
  const write = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = () => reject(new Error('store closed'));
  });
  return { write, finish, fail };
}

describe('writes started without being waited for', () => {
  it('are waited for by settled(), those added meanwhile too; a failed one does not fail it', async () => {
    const writes = new PendingWrites();
    const first = heldWrite();
    const second = heldWrite();
    writes.add(first.write);
    let settled = false;
    const waiting = writes.settled().then(() => (settled = true));
    first.fail();
    writes.add(second.write);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    second.finish();
    await waiting;
    expect(settled).toBe(true);
  });

  it('settle at once when there are none', async () => {
    await expect(new PendingWrites().settled()).resolves.toBeUndefined();
  });
});

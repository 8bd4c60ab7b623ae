import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, type ButtonPress } from '../../src/discord/customId.ts';

describe('button custom ids', () => {
  it('reads back every kind of button the bot makes', () => {
    const presses: ButtonPress[] = [
      { kind: 'more', answerKey: 'k3y_-A' },
      { kind: 'context', answerKey: 'k3y_-A' },
      { kind: 'vote', vote: 'up', answerKey: 'k3y_-A' },
      { kind: 'vote', vote: 'down', answerKey: 'k3y_-A' },
      { kind: 'articles', page: 12 },
    ];
    for (const press of presses) expect(decodeCustomId(encodeCustomId(press))).toEqual(press);
  });

  it('keeps the ids Discord already holds working: the kind, a colon, its argument', () => {
    expect(encodeCustomId({ kind: 'vote', vote: 'up', answerKey: 'abc' })).toBe('vote:up:abc');
    expect(decodeCustomId('more:abc')).toEqual({ kind: 'more', answerKey: 'abc' });
  });

  it('names no button for an id it never made, and shows the first page for a damaged page number', () => {
    expect(decodeCustomId('poll:1')).toEqual({ kind: null, prefix: 'poll' });
    expect(decodeCustomId('vote:maybe:abc')).toEqual({ kind: null, prefix: 'vote' });
    expect(decodeCustomId('articles:-1')).toEqual({ kind: 'articles', page: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { answerToText } from '../../src/present/terminal.ts';
import { answer, article, quote, sentence } from './discord/fixtures.ts';

describe('the terminal answer', () => {
  const troops = article('a3', { title: 'An End to Combat Missions' });
  const troopCount = sentence('a3', 10, 1, 'There are currently about 2,500 U.S. troops in Iraq.');
  const found = answer('How many US troops are in Iraq?', [
    { ...quote(troops, [troopCount]), highlights: [{ start: 26, end: 31 }] },
  ]);

  it('shows the answer inside the quote in bold on a terminal that shows colour', () => {
    expect(answerToText(found, { colour: true, width: 88 })).toContain('about \u001b[1m2,500\u001b[22m U.S. troops');
  });

  it('leaves the words as they are where there is no colour', () => {
    expect(answerToText(found, { colour: false, width: 88 })).toContain(
      '“There are currently about 2,500 U.S. troops in Iraq.”',
    );
  });
});

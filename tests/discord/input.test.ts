import { describe, expect, it } from 'vitest';
import { checkQuestion, maxMessageTextLength, messageQuestion } from '../../src/discord/input.ts';

describe('question checks', () => {
  it('accepts a question, trimmed', () => {
    expect(checkQuestion('  How many troops?  ')).toEqual({ ok: true, text: 'How many troops?' });
  });
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(301), /301 characters long; please keep it within 300/],
    ['troops\u0000', /control or invisible/],
    ['troops\u202e in Iraq', /control or invisible/],
    ['zero\u200bwidth', /control or invisible/],
  ])('refuses %j with a reason', (input, reason) => {
    const result = checkQuestion(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(reason);
  });
});

describe('text of a message for Find quotes', () => {
  it('joins lines into one question', () => {
    expect(messageQuestion('Is it true?\n\nThere are 2,500 troops.')).toEqual({ ok: true, text: 'Is it true? There are 2,500 troops.' });
  });
  it('uses the start of a long message, cut at a word', () => {
    const result = messageQuestion('word '.repeat(1000));
    expect(result.ok && result.text.length).toBeLessThanOrEqual(maxMessageTextLength);
    expect(result.ok && result.text.endsWith('word')).toBe(true);
  });
  it('refuses a message without text', () => {
    expect(messageQuestion(' \n ').ok).toBe(false);
  });
});

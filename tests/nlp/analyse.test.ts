/**
 * wink's tokeniser takes time in the square of a word's length, so a run of more than
 * maxTokenLength characters without a space is kept from it; the text, and so every quote,
 * stays whole.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/nlp/analyse.ts';
import { maxTokenLength } from '../../src/nlp/overLongRuns.ts';

/** 200,000 characters without a space: about 40 s of wink's time if it were read as one token. */
const longWord = 'T'.repeat(200_000);

function sentenceTexts(text: string): string[] {
  return analyse(text).map((sentence) => text.slice(sentence.start, sentence.end));
}

describe('reading a text with an over-long word', () => {
  it('leaves the word out of the tokens and keeps every other word', () => {
    const text = `The heron nested. ${longWord} The crane flew south.`;
    const tokens = analyse(text).flatMap((sentence) => sentence.tokens.map((token) => token.value));
    expect(tokens).toEqual(['The', 'heron', 'nested', '.', 'The', 'crane', 'flew', 'south', '.']);
  });

  it('cuts sentences verbatim, the word inside the sentence it belongs to', () => {
    expect(sentenceTexts(`See ${longWord} for details. The crane flew south.`)).toEqual([
      `See ${longWord} for details.`,
      'The crane flew south.',
    ]);
    expect(sentenceTexts(`The heron nested. ${longWord} starts the next one.`)).toEqual([
      'The heron nested.',
      `${longWord} starts the next one.`,
    ]);
    expect(sentenceTexts(`It ended with ${longWord}`)).toEqual([`It ended with ${longWord}`]);
    expect(sentenceTexts(`The heron nested. ${longWord}`)).toEqual(['The heron nested.', longWord]);
    expect(sentenceTexts(longWord)).toEqual([longWord]);
  });

  it('keeps offsets right when the long word holds the letters of a later token', () => {
    const text = `Birds ${'heron'.repeat(40)} heron nested.`;
    const [sentence] = analyse(text);
    expect(text.slice(sentence!.start, sentence!.end)).toBe(text);
    expect(sentence!.tokens.map((token) => token.value)).toEqual(['Birds', 'heron', 'nested', '.']);
  });

  it('still reads a word of exactly the limit, and any shorter link or number', () => {
    const word = 'a'.repeat(maxTokenLength);
    const tokens = analyse(`One ${word} two https://example.com/a/b here`).flatMap((sentence) =>
      sentence.tokens.map((token) => token.value),
    );
    expect(tokens).toContain(word);
    expect(tokens).toContain('https://example.com/a/b');
  });

  it('treats characters wink does not split on as part of the word', () => {
    // U+3000 is a space to JavaScript but not to wink: the run is one wink token.
    const text = `Herons ${'T\u3000'.repeat(50_000)} nest.`;
    const tokens = analyse(text).flatMap((sentence) => sentence.tokens.map((token) => token.value));
    expect(tokens).toEqual(['Herons', 'nest', '.']);
  });
});

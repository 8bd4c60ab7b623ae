import { describe, expect, it } from 'vitest';
import { answerHighlights } from '../../src/retrieval/highlight.ts';

function highlighted(question: string, text: string, countedWord?: (normal: string) => boolean): string[] {
  return answerHighlights(question, text, countedWord).map((span) => text.slice(span.start, span.end));
}

describe('the answer inside a quote', () => {
  it('marks the count a "how many" question asks for, not the years around it', () => {
    expect(highlighted('How many US troops are in Iraq?', 'There are currently 2,500 US troops in Iraq.')).toEqual([
      '2,500',
    ]);
    expect(
      highlighted(
        'How many troops stayed?',
        'After the invasion in 2003 and the withdrawal in 2011, 5,000 troops stayed.',
      ),
    ).toEqual(['5,000']);
  });

  it('marks the count of what the question counts (as the ranker tells it), a multiplier with it', () => {
    const text = 'The base keeps 12 aircraft and some 2,000 troops; 2.5 million rounds are there.';
    expect(highlighted('How many troops are there?', text, (word) => word === 'troops')).toEqual(['2,000']);
    expect(highlighted('How many rounds are there?', text, (word) => word === 'rounds')).toEqual(['2.5 million']);
    expect(highlighted('How many teams?', 'They became one of four teams.', (word) => word === 'teams')).toEqual([
      'four',
    ]);
  });

  it('marks a count spelt in words, and not "one of"', () => {
    expect(
      highlighted('How many times was the road closed?', 'Police closed it three times, one of the worst years.'),
    ).toEqual(['three']);
  });

  it('marks an amount of money with its currency sign', () => {
    expect(
      highlighted('How much money did the marathon raise?', 'This year the event raised $450,000 for the hospital.'),
    ).toEqual(['$450,000']);
  });

  it('marks a whole name, a particle joined by a hyphen included', () => {
    const spans = highlighted('Who leads the Iraqi government?', 'Prime Minister Mustafa al-Kadhimi leads it.');
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatch(/Mustafa al-Kadhimi$/);
  });

  it('marks a date with its month', () => {
    expect(
      highlighted('When did Kadhimi take office?', 'Kadhimi came into office in May 2020 after months of protests.'),
    ).toEqual(['May 2020']);
  });

  it('leaves out what the question already says', () => {
    expect(highlighted('Are there 2,500 troops in Iraq?', 'There are currently 2,500 US troops in Iraq.')).toEqual([]);
    expect(highlighted('Who did Kadhimi meet?', 'Kadhimi met Biden in the Oval Office.')).not.toContain('Kadhimi');
  });

  it('marks nothing when the question asks for no particular kind of answer', () => {
    expect(highlighted('tell me about the troops', 'There are currently 2,500 US troops in Iraq.')).toEqual([]);
  });

  it('gives spans that are the quote verbatim', () => {
    const text = 'The event raised  $450,000 on 3 May 2021.';
    for (const span of answerHighlights('How much money was raised?', text))
      expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
  });
});

/**
 * Question forms and answer types as users ask them: counts that are not years, money,
 * durations, why and how, yes/no and chat phrasing, misspellings that are corrected and said,
 * and the three states of an answer. On the seed articles and on a user's own articles.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/folder.ts';
import type { QuoteEngine } from '../../src/retrieval/engine.ts';
import { analyseQuestion, answerCues, answerTypeOf, isNegated } from '../../src/retrieval/question.ts';
import type { Answer } from '../../src/retrieval/types.ts';
import { seedsDir, temporaryFolder } from '../helpers.ts';

let seeds: QuoteEngine;
let own: QuoteEngine;
beforeAll(async () => {
  seeds = (await openLibrary(seedsDir)).engine;
  const dir = temporaryFolder('citebot-forms-');
  writeFileSync(
    join(dir, 'bridge.txt'),
    'City bridge reopens\n\nThe Harbour Bridge reopened on Monday after two years of repairs. About 38,000 vehicles cross the bridge each day. It was built in 1932 and last repaired in 1998.\n',
  );
  writeFileSync(
    join(dir, 'marathon.txt'),
    "Marathon raises funds\n\nThe city marathon was held for the 12th time in 2023. The event raised $450,000 for the children's hospital. About 9,000 runners took part.\n",
  );
  writeFileSync(
    join(dir, 'harbour.txt'),
    'Harbour base\n\nSoldiers at the Harbour base maintain 12 aircraft and patrol 40 kilometres of border. The garrison there numbers about 2,000 troops.\n\nPolice closed the harbour road three times last year. The road was built in 1990.\n\nVolunteers used 40 litres of paint on the harbour wall.\n',
  );
  own = (await openLibrary(dir)).engine;
});

function firstQuote(answer: Answer): string {
  const quotes = answer.answered ? answer.quotes : answer.closest;
  return quotes[0]?.text ?? '';
}

describe('what kind of answer a question wants', () => {
  it.each([
    ['How many troops are in Iraq?', 'number'],
    ['How much money did the marathon raise?', 'money'],
    ['How much did the mission cost?', 'money'],
    ['How long were the repairs?', 'duration'],
    ['When did Kadhimi take office?', 'date'],
    ['Who is John Kirby?', 'person'],
    ['Which outlet broke the story?', 'organisation'],
    ['Where are the troops based?', 'place'],
    ['Why does Kadhimi want combat troops out?', 'reason'],
    ['How did the militias respond?', 'manner'],
    ['Did Biden and Kadhimi face the press together?', 'any'],
  ])('"%s" wants a %s', (question, type) => {
    expect(answerTypeOf(question)).toBe(type);
  });

  it('hears a cause in the wording of a sentence for "why"', () => {
    expect(answerCues.reason!.test('The troops left because the mission ended.')).toBe(true);
    expect(answerCues.reason!.test('The troops left on Monday.')).toBe(false);
  });
});

describe('questions that negate', () => {
  it('hears a negation however it is written, and no negation in a word that only contains one', () => {
    expect(analyseQuestion('Which troops did not leave Iraq?').negated).toBe(true);
    expect(analyseQuestion("Why didn't the troops leave?").negated).toBe(true);
    expect(isNegated('The troops won’t leave this year.')).toBe(true);
    expect(isNegated('No troops will stay.')).toBe(true);
    expect(analyseQuestion('Which troops left Iraq?').negated).toBe(false);
    expect(isNegated('Nothing but another notice from Norway.')).toBe(true);
    expect(isNegated('A notice from Norway about the nothingness of knots.')).toBe(false);
  });

  it('tells the confidence when the question negates and the best sentence does not', () => {
    expect(own.assess('Why was the bridge not reopened on Monday?').inputs?.negationUnmatched).toBe(1);
    expect(own.assess('When was the bridge reopened?').inputs?.negationUnmatched).toBe(0);
  });
});

describe('what "how many" counts', () => {
  const counted = (question: string) =>
    analyseQuestion(question)
      .terms.filter((t) => t.counted)
      .map((t) => t.term);

  it('is the noun phrase after it: its common nouns, or its proper ones when it has none', () => {
    expect(counted('How many American service members have died in Iraq?')).toEqual(['servic', 'member']);
    expect(counted('How many more US troops are going?')).toEqual(['troop']);
    expect(counted('How many Iraqis voted?')).toEqual(['iraqi']);
    expect(counted('When did the troops leave?')).toEqual([]);
  });

  it('is nothing for a general noun, which articles count under narrower names', () => {
    expect(counted('How many people came to the festival?')).toEqual([]);
    expect(counted('How many times was the road closed?')).toEqual([]);
  });

  it('is not answered by a number of something else', () => {
    // The best sentence has the question's words and two numbers, of aircraft and kilometres.
    expect(own.assess('How many soldiers are at the Harbour base?').inputs?.countMissing).toBe(1);
    expect(own.assess('How many planes are at the Harbour base?').inputs?.countMissing).toBe(0);
  });

  it('is found as the index spells it: wink reads "litres" as "liters" in question and article alike', () => {
    expect(own.assess('How many litres of paint did the volunteers use?').inputs?.countMissing).toBe(0);
  });

  it('is answered by a count spelt in words, as news style writes small numbers', () => {
    expect(own.assess('How many times was the harbour road closed?').inputs?.countMissing).toBe(0);
    expect(firstQuote(own.ask('How many times was the harbour road closed?'))).toBe(
      'Police closed the harbour road three times last year.',
    );
  });

  it('is what the answer highlights: the count of the thing asked, or of a word for it', () => {
    const highlighted = (question: string) => {
      const answer = own.ask(question);
      if (!answer.answered) return [];
      const [first] = answer.quotes;
      return first.highlights.map((span) => first.text.slice(span.start, span.end));
    };
    expect(highlighted('How many troops are in the garrison at the base?')).toEqual(['2,000']);
    expect(highlighted('How many planes are at the Harbour base?')).toEqual(['12']);
  });

  it('declines a count the articles do not give, showing the closest quotes as such', () => {
    const answer = seeds.ask('How many airstrikes did Biden order against the militias last month?');
    expect(answer).toMatchObject({ answered: false, reason: 'no-direct-answer' });
    expect(answer.answered ? [] : answer.closest).not.toHaveLength(0);
  });
});

describe('answer types on a user’s own articles', () => {
  it('answers "how many" with a count, not a year', () => {
    expect(firstQuote(own.ask('How many cars use the bridge every day?'))).toBe(
      'About 38,000 vehicles cross the bridge each day.',
    );
  });

  it('answers "how much money" with the sentence that gives the amount', () => {
    expect(firstQuote(own.ask('How much money did the marathon raise?'))).toBe(
      "The event raised $450,000 for the children's hospital.",
    );
  });

  it('answers "how long" with a duration', () => {
    expect(firstQuote(own.ask('How long were the repairs?'))).toContain('two years of repairs');
  });
});

describe('question forms on the seed articles', () => {
  it('quotes a troop count, not a sentence about 2003 and 2011, for "how many troops"', () => {
    expect(firstQuote(seeds.ask('how many troops'))).toMatch(/[\d,]{3,} (US |U\.S\. |American )?troops/);
  });

  it('reads chat phrasing past its fillers: "wait so how many troops are there now"', () => {
    expect(analyseQuestion('wait so how many troops are there now').terms.map((t) => t.term)).toEqual(['troop']);
    expect(firstQuote(seeds.ask('wait so how many troops are there now'))).toMatch(
      /[\d,]{3,} (US |U\.S\. |American )?troops/,
    );
  });

  it('drops the pieces of "tl;dr" and keeps the topic', () => {
    expect(analyseQuestion('tl;dr of the Biden meeting').terms.map((t) => t.term)).toEqual(['biden', 'meet']);
  });

  it('keeps a content verb that carries the question, at a lower weight than the topic', () => {
    const terms = analyseQuestion('Does Biden think things are going OK?').terms;
    const think = terms.find((t) => t.term === 'think');
    expect(think?.weight).toBeLessThan(1);
    expect(terms.find((t) => t.term === 'biden')?.weight).toBe(1);
  });

  it('finds the sentence that states what a yes/no question asks', () => {
    expect(firstQuote(seeds.ask("Was Biden at Thursday's talks with the Iraqis?"))).toMatch(
      /^US and Iraqi officials met on Thursday for talks/,
    );
  });

  it('finds a paraphrase through related words: "bankrolls and directs" for "funded, advised, and led"', () => {
    expect(firstQuote(seeds.ask('Which Iranian unit bankrolls and directs the militias?'))).toMatch(
      /^Funded, advised, and led by the Iranian Quds Force/,
    );
  });
});

describe('misspelt questions', () => {
  it('corrects words of four letters or more against the articles and says what it searched for', () => {
    const answer = seeds.ask('how many trops are in irak');
    expect(answer.corrections).toEqual([
      { from: 'trops', to: 'troops' },
      { from: 'irak', to: 'iraq' },
    ]);
    expect(firstQuote(answer)).toMatch(/troops in Iraq/);
  });

  it('corrects "celing" to the article’s "ceiling"', () => {
    const answer = seeds.ask('what is the troop celing');
    expect(answer.corrections).toEqual([{ from: 'celing', to: 'ceiling' }]);
    expect(firstQuote(answer)).toBe('The approved ceiling is of troops is 4,647.');
  });

  it('leaves correctly spelt questions alone', () => {
    expect(seeds.ask('How many US troops are in Iraq?').corrections).toBeUndefined();
  });
});

describe('the three states of an answer', () => {
  it('answers with quotes when one answers', () => {
    expect(seeds.ask('troop ceiling')).toMatchObject({ answered: true });
  });

  it('gives the closest quotes, as such, when the articles are on the topic but do not answer', () => {
    const answer = seeds.ask("What's the weather like in Baghdad right now?");
    expect(answer).toMatchObject({ answered: false, reason: 'no-direct-answer' });
    expect(answer.answered ? [] : answer.closest).not.toHaveLength(0);
  });

  it('counts a word the articles say in related words as theirs, not as absent', () => {
    // "cars": the article says "vehicles".
    expect(own.assess('How many cars cross the bridge?').inputs?.absent).toBe(0);
    expect(own.assess('How many zebras cross the bridge?').inputs?.absent).toBeGreaterThan(0.3);
  });

  it('does not take a year the articles never mention for a change of topic', () => {
    expect(seeds.ask('Has Baghdad asked Washington for help in both 2016 and 2021?')).not.toMatchObject({
      reason: 'off-topic',
    });
  });

  it('gives no quotes when most of the question is in words the articles never use', () => {
    expect(seeds.ask('who won the super bowl')).toMatchObject({ answered: false, reason: 'off-topic', closest: [] });
    expect(seeds.ask('What did Biden eat for breakfast?')).toMatchObject({ answered: false, reason: 'off-topic' });
  });

  it('gives no quotes when nothing in the articles is about the question', () => {
    expect(seeds.ask('quantum chromodynamics lattice')).toMatchObject({
      answered: false,
      reason: 'off-topic',
      closest: [],
    });
  });
});

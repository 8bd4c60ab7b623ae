import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library/folder.ts';
import type { QuoteEngine } from '../../src/retrieval/engine.ts';
import type { FoundAnswer } from '../../src/retrieval/types.ts';
import { articlesFolder, seedsDir } from '../helpers.ts';

let engine: QuoteEngine;
beforeAll(async () => {
  engine = (await openLibrary(seedsDir)).engine;
});

function found(question: string, top = 3): FoundAnswer {
  const answer = engine.ask(question, { top });
  expect(answer.answered, `expected an answer to "${question}"`).toBe(true);
  return answer as FoundAnswer;
}

describe('answering from the seed articles', () => {
  it('quotes the sentence that states the troop ceiling first', () => {
    expect(found('troop ceiling').quotes[0]!.text).toBe('The approved ceiling is of troops is 4,647.');
  });

  it('finds a number written with or without its thousands separator', () => {
    expect(found('4647 troops').quotes[0]!.text).toContain('4,647');
  });

  it('treats "US" as the country, not the stop word "us"', () => {
    const texts = found('How many US troops are in Iraq right now?').quotes.map((q) => q.text);
    expect(texts.some((t) => /2,500 (US|U\.S\.) troops/.test(t))).toBe(true);
  });

  it('finds a paraphrase: soldiers for troops, extra for additional', () => {
    const texts = found('how many extra soldiers was obama going to send for the mosul fight').quotes.map(
      (q) => q.text,
    );
    expect(texts[0]).toContain('500 or more additional US troops');
  });

  it('forgives a misspelt name', () => {
    const texts = found('who is khadimi').quotes.map((q) => q.text);
    expect(texts.every((t) => t.includes('Kadhimi'))).toBe(true);
  });

  it('quotes a sentence shared by two articles once, cited to both', () => {
    const quote = found('parliament voted unanimously to expel US forces Soleimani').quotes[0]!;
    expect(quote.sources.map((s) => s.article.key).sort()).toEqual(['a1', 'a2']);
    expect(
      found('parliament voted unanimously to expel US forces Soleimani').quotes.filter((q) =>
        q.text.includes('voted unanimously'),
      ),
    ).toHaveLength(1);
  });

  it('adds the sentence before when the best one cannot stand alone', () => {
    const quote = found('That led to the rise of ISIS vast swaths').quotes[0]!;
    expect(quote.main.text).toMatch(/^That led to the rise of ISIS/);
    expect(quote.sentences).toHaveLength(2);
    expect(quote.text).toMatch(/^Following the U\.S\. invasion of Iraq/);
  });

  it('never quotes a byline, caption, heading or boilerplate on its own', () => {
    for (const question of [
      'Dave DeCamp author',
      'archived article time stamp',
      'Photo credit Getty Images AFP',
      'Between a Rock and a Hard Place',
    ]) {
      const answer = engine.ask(question, { top: 5 });
      if (answer.answered) for (const quote of answer.quotes) expect(quote.main.kind).toBe('prose');
    }
  });

  it('says it found nothing when the articles do not answer the question', () => {
    expect(engine.ask("What's the weather like in Baghdad right now?").answered).toBe(false);
    expect(engine.ask('quantum chromodynamics lattice').answered).toBe(false);
    const none = engine.ask('zzzz qqqq');
    expect(none).toMatchObject({ answered: false, reason: 'off-topic', closest: [] });
  });

  it('limits answers to one article when asked', () => {
    const answer = found('How many US troops are in Iraq?', 5);
    expect(new Set(answer.quotes.map((q) => q.main.articleKey)).size).toBeGreaterThan(1);
    const a0 = engine.articles.find((article) => article.key === 'a0')!.key;
    const only = engine.ask('How many US troops are in Iraq?', { top: 5, articleKey: a0 });
    expect(only.answered && only.quotes.every((q) => q.main.articleKey === 'a0')).toBe(true);
  });

  it('pages through results without repeating a quote', () => {
    const first = engine.search('troops Iraq', { top: 3 });
    const second = engine.search('troops Iraq', { top: 3, offset: 3 });
    const ids = [...first, ...second].map((q) => q.main.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('looks a sentence up by its citation id and gives its context', () => {
    expect(engine.sentence('[A0:6.3]')?.text).toBe('The approved ceiling is of troops is 4,647.');
    expect(engine.sentence('a0:99.1')).toBeUndefined();
    expect(engine.context('a0:6.3', 1).map((s) => s.id)).toEqual(['a0:6.2', 'a0:6.3', 'a0:7.1']);
    expect(engine.context('a0:0.1', 1).map((s) => s.id)).toEqual(['a0:0.1', 'a0:1.1']);
  });
});

describe('answer types', () => {
  it('answers "which outlet" with a name, not with a country', async () => {
    const folder = await articlesFolder({
      'talks.txt':
        'Talks on the mission\n\nSome officials in Iraq reported that the talks could end the combat mission. The mission began in 2014.\n\nThe weather in the capital was hot on Monday. Markets were calm.\n\nLater that day, Reuters reported that the talks could end the whole combat mission.\n',
    });
    try {
      const { engine: small } = await openLibrary(folder.dir);
      // Both sentences match the question equally; only Reuters is an outlet, Iraq a country.
      const answer = small.ask('Which outlet reported that the talks could end the combat mission?');
      expect(answer.answered && answer.quotes[0]!.text).toBe(
        'Later that day, Reuters reported that the talks could end the whole combat mission.',
      );
    } finally {
      await folder.cleanup();
    }
  });
});

describe('a corpus of one article', () => {
  it('answers from it and leaves the others out', async () => {
    const folder = await articlesFolder({
      'one.txt': 'Budget news\n\nThe mission cost 14 billion dollars in 2020.\n\nHe said it was worth it.\n',
    });
    try {
      const { engine: small } = await openLibrary(folder.dir);
      const answer = small.ask('How much did the mission cost?');
      expect(answer.answered && answer.quotes[0]!.text).toBe('The mission cost 14 billion dollars in 2020.');
    } finally {
      await folder.cleanup();
    }
  });
});

describe('citations that hold', () => {
  it('cites a near-duplicate in other words as similar wording, never as the same quote', () => {
    // "There are currently about 2,500 US troops ..." (a1) and "There are currently 2,500 U.S. troops ..." (a2).
    const quotes = found('How many US troops are in Iraq?', 5).quotes;
    const troopCount = quotes.find((quote) => quote.text.startsWith('There are currently') && quote.sources.length > 1);
    expect(troopCount, quotes.map((quote) => quote.text).join('\n')).toBeDefined();
    const [first, ...others] = troopCount!.sources;
    expect(first!.wording).toBe('same');
    expect(others.map((other) => other.wording)).toEqual(['similar']);
    expect(others[0]!.text).not.toBe(first!.text);
  });

  it('cites an article as carrying the quote only when its sentence has the same words', async () => {
    const wire = 'The council approved the new bridge budget of 40 million dollars on Monday.';
    const folder = await articlesFolder({
      'a-wire.txt': `Bridge budget approved\n\n${wire}\n`,
      'b-follow.txt': `Bridge follow-up\n\n${wire.toUpperCase().replace('MONDAY', 'Monday')}\n`,
      'c-edit.txt':
        'Bridge edit\n\nThe council approved the new bridge budget of about 40 million dollars on Monday.\n',
    });
    try {
      const answer = (await openLibrary(folder.dir)).engine.ask('bridge budget approved by the council', { top: 1 });
      expect(answer.answered).toBe(true);
      const sources = answer.answered ? answer.quotes[0]!.sources : [];
      expect(sources.map((source) => [source.article.file, source.wording])).toEqual([
        [sources[0]!.article.file, 'same'],
        ...sources
          .slice(1)
          .map((source) => [
            source.article.file,
            source.text.includes('about') === sources[0]!.text.includes('about') ? 'same' : 'similar',
          ]),
      ]);
      expect(sources.filter((source) => source.wording === 'same')).toHaveLength(2);
      expect(sources.filter((source) => source.wording === 'similar')).toHaveLength(1);
    } finally {
      await folder.cleanup();
    }
  });

  it('quotes each sentence once per answer, even as the neighbour of a later quote', () => {
    const quotes = found('What will US troops do in Iraq after the combat mission ends?', 10).quotes;
    const ids = quotes.flatMap((quote) => quote.sources.flatMap((source) => source.citationIds));
    expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
  });

  it('never shows a sentence again on the next page', () => {
    const question = 'What will US troops do in Iraq after the combat mission ends?';
    const pages = [0, 3, 6, 9].map((offset) => engine.ask(question, { top: 3, offset }));
    const ids = pages.flatMap((page) =>
      page.answered ? page.quotes.flatMap((quote) => quote.sources.flatMap((source) => source.citationIds)) : [],
    );
    expect(ids.length).toBeGreaterThan(9);
    expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
  });

  it('says there is no answer, not an empty one, when paging goes past the last quote', () => {
    const answer = engine.ask('What will US troops do in Iraq after the combat mission ends?', {
      top: 3,
      offset: 100_000,
    });
    expect(answer).toMatchObject({ answered: false, reason: 'no-direct-answer', closest: [] });
  });
});

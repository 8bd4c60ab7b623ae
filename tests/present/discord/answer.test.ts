import { describe, expect, it } from 'vitest';
import { answerMessage, contextMessage } from '../../../src/present/discord/answer.ts';
import { cutMarker, discordLimits } from '../../../src/present/discord/limits.ts';
import { embedLength, limitViolations } from '../../../src/present/discord/message.ts';
import { answer, article, quote, sentence } from './fixtures.ts';

const troops = article('a3', { title: 'An End to Combat Missions', outlet: 'Example Times' });
const plan = article('a0', { title: 'US, Iraq agree on a plan', url: null, outlet: null, published: null });
const troopCount = sentence('a3', 10, 1, 'There are currently about 2,500 U.S. troops in Iraq.');
const planSentence = sentence('a0', 3, 1, 'The US and Iraq have agreed on a plan.');

describe('answer message', () => {
  it('shows the answer inside the quote in bold, the words unchanged', () => {
    const second = sentence('a3', 10, 2, 'Most of the *2,500* train Iraqi forces.');
    const both = quote(troops, [troopCount, second]);
    const start = both.text.indexOf('2,500');
    const inSecond = both.text.lastIndexOf('2,500');
    const message = answerMessage(
      answer('How many US troops are in Iraq?', [
        {
          ...both,
          highlights: [
            { start, end: start + 5 },
            { start: inSecond, end: inSecond + 5 },
          ],
        },
      ]),
    );
    expect(message.embeds![0]!.description).toContain(
      '> There are currently about **2,500** U.S. troops in Iraq. Most of the \\***2,500**\\* train Iraqi forces.',
    );
  });

  it('tells a quote of two sentences, the same words in another article, and similar wording apart', () => {
    const second = sentence('a3', 10, 2, 'Most of them train Iraqi forces.');
    const wire = article('a1', { title: 'Wire copy' });
    const edited = article('a2', { title: 'Edited copy' });
    const twoSentences = quote(troops, [troopCount, second]);
    const withOthers = {
      ...twoSentences,
      sources: [
        ...twoSentences.sources,
        {
          article: wire,
          citationIds: ['a1:4.1', 'a1:4.2'] as never,
          text: twoSentences.text,
          wording: 'same' as const,
        },
        {
          article: edited,
          citationIds: ['a2:7.1'] as never,
          text: 'There are 2,500 U.S. troops in Iraq.',
          wording: 'similar' as const,
        },
      ],
    };
    const description = answerMessage(answer('How many US troops are in Iraq?', [withOthers])).embeds![0]!.description!;
    expect(description).toContain('— `[a3:10.1]` + `[a3:10.2]` ');
    expect(description).toContain(' · also in `[a1:4.1]` · similar wording in `[a2:7.1]`');
  });

  it('quotes each sentence as a block quote with its citation id', () => {
    const message = answerMessage(answer('How many US troops are in Iraq?', [quote(troops, [troopCount])]));
    const embed = message.embeds![0]!;
    expect(embed.description).toContain('> There are currently about 2,500 U.S. troops in Iraq.');
    expect(embed.description).toContain('`[a3:10.1]`');
    expect(embed.title).toBe('How many US troops are in Iraq?');
  });

  it('lists the sources with title, link, outlet and date where known', () => {
    const sources = answerMessage(answer('q', [quote(troops, [troopCount]), quote(plan, [planSentence])])).embeds![0]!
      .fields![0]!;
    expect(sources.name).toBe('Sources');
    expect(sources.value).toContain(
      '[An End to Combat Missions](https://news.example/a3) · Example Times · 2021-07-26',
    );
    // No link, outlet or date known: the title alone, never "null".
    expect(sources.value).toContain('`a0` · **US, Iraq agree on a plan**');
    expect(sources.value).not.toContain('null');
  });

  it('shows the quotes in article order', () => {
    const description = answerMessage(answer('q', [quote(troops, [troopCount]), quote(plan, [planSentence])]))
      .embeds![0]!.description!;
    expect(description.indexOf('a0:3.1')).toBeLessThan(description.indexOf('a3:10.1'));
  });

  it('escapes markdown in quoted text so it shows as written', () => {
    const starry = sentence('a3', 2, 1, 'He said *never* use __init__ or `code` | ~~x~~ [link](http://x) # heading');
    const description = answerMessage(answer('q', [quote(troops, [starry])])).embeds![0]!.description!;
    expect(description).toContain(
      'He said \\*never\\* use \\_\\_init\\_\\_ or \\`code\\` \\| \\~\\~x\\~\\~ \\[link\\]\\(http://x\\) \\# heading',
    );
  });

  it('shows the question in the title as typed: escaped, on one line, cut between characters', () => {
    const typed = answerMessage(
      answer('Did **@everyone** see <@123456789012345678>\nor [this](https://evil.example)?', [
        quote(troops, [troopCount]),
      ]),
    );
    expect(typed.embeds![0]!.title).toBe(
      'Did \\*\\*@everyone\\*\\* see \\<@123456789012345678\\> or \\[this\\]\\(https://evil.example\\)?',
    );
    const emoji = answerMessage(answer(`Qq${'😀'.repeat(300)}`, [quote(troops, [troopCount])])).embeds![0]!.title!;
    expect(emoji.length).toBeLessThanOrEqual(discordLimits.embedTitle);
    expect(/\p{Cs}/u.test(emoji)).toBe(false);
    expect(emoji.endsWith('😀 …')).toBe(true);
  });

  it('adds More and Context buttons with the given custom ids', () => {
    const message = answerMessage(answer('q', [quote(troops, [troopCount])]), {
      buttons: { more: 'more:abc', context: 'context:abc' },
    });
    expect(message.components![0]!.components.map((button) => [button.label, button.custom_id])).toEqual([
      ['More', 'more:abc'],
      ['Context', 'context:abc'],
    ]);
  });

  it('refuses a custom id longer than Discord allows', () => {
    expect(() =>
      answerMessage(answer('q', [quote(troops, [troopCount])]), { buttons: { more: 'm'.repeat(101) } }),
    ).toThrow(/custom_id/);
  });

  it('says kindly that nothing in the articles is about an off-topic question, and suggests /search', () => {
    const message = answerMessage({
      answered: false,
      question: 'weather in Baghdad?',
      confidence: 0.1,
      reason: 'off-topic',
      closest: [],
    });
    expect(message.embeds![0]!.description).toMatch(/couldn't find anything about “weather in Baghdad\?”/);
    expect(message.embeds![0]!.description).toContain('/search');
    expect(message.components ?? []).toEqual([]);
  });

  it('shows the closest quotes of an on-topic question without an answer, saying plainly that they are not an answer', () => {
    const message = answerMessage({
      answered: false,
      question: 'Is the deal permanent?',
      confidence: 0.3,
      reason: 'no-direct-answer',
      closest: [quote(troops, [troopCount])],
    });
    const description = message.embeds![0]!.description!;
    expect(description).toMatch(
      /^\*No sentence in the articles answers this directly\. These are the closest quotes, not an answer\.\*/,
    );
    expect(description).toContain(troopCount.text.slice(0, 20));
  });

  it('says which words a misspelt question was searched for', () => {
    const message = answerMessage({
      ...answer('how many trops', [quote(troops, [troopCount])]),
      corrections: [{ from: 'trops', to: 'troops' }],
    });
    expect(message.embeds![0]!.description).toContain('*Searched for: troops*');
  });

  it('stays within every Discord limit with many very long quotes, cutting between sentences with a marker', () => {
    const longSentences = Array.from({ length: 12 }, (_, s) =>
      sentence('a3', s + 1, 1, `Sentence ${s} ${'word '.repeat(120)}ends here.`),
    );
    const quotes = Array.from({ length: 10 }, (_, q) =>
      quote(article(`a${q}`, { title: 'T'.repeat(300) }), longSentences.slice(0, 3 + q)),
    );
    const message = answerMessage(answer('Q'.repeat(400), quotes), {
      buttons: { more: 'more:x', context: 'context:x' },
    });
    expect(limitViolations(message)).toEqual([]);
    const embed = message.embeds![0]!;
    expect(embedLength(embed)).toBeLessThanOrEqual(discordLimits.embedTotal);
    expect(embed.description).toContain(cutMarker);
    // Kept sentences are whole: every "Sentence N" that appears is followed by its end.
    for (const match of embed.description!.matchAll(/Sentence (\d+) (?:word )+/g))
      expect(embed.description!.slice(match.index!, match.index! + 800)).toMatch(/^Sentence \d+ (word )+ends here\./);
  });

  it('cuts a single sentence longer than the description limit at a word, with a marker', () => {
    const huge = sentence('a3', 1, 1, 'long '.repeat(2000));
    const message = answerMessage(answer('q', [quote(troops, [huge])]));
    expect(limitViolations(message)).toEqual([]);
    expect(message.embeds![0]!.description).toMatch(/long \[…\]\n—/);
  });
});

describe('context message', () => {
  it('shows the neighbours of a quote with the quoted sentence in bold', () => {
    const before = sentence('a3', 10, 0, 'Before it.');
    const after = sentence('a3', 10, 2, 'After it.');
    const message = contextMessage([
      { quotedIds: new Set([troopCount.id]), article: troops, sentences: [before, troopCount, after] },
    ]);
    const description = message.embeds![0]!.description!;
    expect(description).toContain('> `[a3:10.1]` **There are currently about 2,500 U.S. troops in Iraq.**');
    expect(description.indexOf('Before it.')).toBeLessThan(description.indexOf('After it.'));
    expect(limitViolations(message)).toEqual([]);
  });
});

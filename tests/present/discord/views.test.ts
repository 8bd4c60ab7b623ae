import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../src/present/discord/escape.ts';
import { cutMarker, discordLimits } from '../../../src/present/discord/limits.ts';
import { limitViolations } from '../../../src/present/discord/message.ts';
import { cutAt, fitWholePieces, truncateText } from '../../../src/present/discord/truncate.ts';
import {
  articleMessage,
  articlesMessage,
  choice,
  quoteMessage,
  searchMessage,
} from '../../../src/present/discord/views.ts';
import { article, quote, sentence } from './fixtures.ts';

describe('escaping', () => {
  it('shows mentions and markdown as typed', () => {
    expect(escapeMarkdown('<@123> and <@&456> **bold**')).toBe('\\<@123\\> and \\<@&456\\> \\*\\*bold\\*\\*');
  });
  it('stops a line-start dash or number becoming a list', () => {
    expect(escapeMarkdown('- item\n1. first')).toBe('\\- item\n\\1. first');
  });
});

describe('truncation', () => {
  it('keeps whole pieces and marks the cut', () => {
    expect(fitWholePieces(['One.', 'Two.', 'Three.'], 14, ' ')).toEqual({ text: 'One. Two. […]', kept: 2 });
  });
  it('leaves text that fits alone', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('a few words here', 12, cutMarker)).toBe('a few […]');
    expect(truncateText('a few words here', 10)).toBe('a few …');
  });

  const loneSurrogate = /\p{Cs}/u;
  it('never cuts an emoji in half, at any limit', () => {
    for (const text of ['😀'.repeat(20), `a${'😀'.repeat(20)}`, `${'😀'.repeat(5)} ${'🎉'.repeat(10)}`]) {
      for (let limit = 0; limit <= text.length; limit += 1) {
        const cut = truncateText(text, limit, '…');
        expect(cut.length).toBeLessThanOrEqual(limit);
        expect(loneSurrogate.test(cut), `${JSON.stringify(text)} cut to ${limit}: ${JSON.stringify(cut)}`).toBe(false);
      }
    }
  });
  it('cuts between what a reader sees as one character: flags, skin tones, accents', () => {
    expect(cutAt('🇬🇧🇫🇷', 6)).toBe('🇬🇧');
    expect(cutAt('👍🏽👍🏽', 5)).toBe('👍🏽');
    expect(cutAt('cafe\u0301 au lait', 4)).toBe('caf');
    expect(cutAt('abc', 2)).toBe('ab');
  });
  it('cuts a run of stacked combining marks between code points rather than dropping it all', () => {
    const zalgo = `a${'\u0301'.repeat(200)}`;
    expect(cutAt(zalgo, 100)).toHaveLength(100);
  });
});

describe('/quote', () => {
  it('puts the sentence in the content ready to paste, with its source and citation', () => {
    const message = quoteMessage(
      sentence('a3', 10, 1, 'There are about 2,500 troops.'),
      article('a3', { title: 'End of Combat' }),
    );
    expect(message.content).toBe(
      '> There are about 2,500 troops.\n— End of Combat, Example News, 2021-07-26 `[a3:10.1]` <https://news.example/a3>',
    );
  });
  it('fits a huge sentence into the content limit', () => {
    const message = quoteMessage(sentence('a3', 1, 1, 'x '.repeat(3000)), article('a3'));
    expect(message.content!.length).toBeLessThanOrEqual(discordLimits.content);
    expect(limitViolations(message)).toEqual([]);
  });
});

describe('/search and /articles', () => {
  it('lists matching sentences with their ids', () => {
    const source = article('a1');
    const message = searchMessage('troops', [quote(source, [sentence('a1', 2, 1, 'Troops remain.')])]);
    expect(message.embeds![0]!.description).toBe('`[a1:2.1]` Troops remain.');
  });
  it('pages long article lists with Previous and Next buttons', () => {
    const articles = Array.from({ length: 23 }, (_, n) => article(`a${n}`));
    const middle = articlesMessage(articles, 1, (page) => `articles:${page}`);
    expect(middle.embeds![0]!.description!.split('\n')).toHaveLength(10);
    expect(middle.embeds![0]!.footer!.text).toContain('Page 2 of 3');
    expect(middle.components![0]!.components.map((button) => button.custom_id)).toEqual(['articles:0', 'articles:2']);
    expect(articlesMessage(articles.slice(0, 3), 0, String).components).toEqual([]);
  });
  it('shows an article with only the details it knows', () => {
    const message = articleMessage(
      article('a2', { outlet: null, author: 'Jo Reporter' }),
      [sentence('a2', 1, 1, 'Lead sentence.')],
      40,
    );
    const fields = message.embeds![0]!.fields!.map((field) => field.name);
    expect(fields).toEqual(['Published', 'Author', 'Key', 'File']);
    expect(message.embeds![0]!.description).toBe('> Lead sentence.\n`[a2:1.1]`');
  });
});

describe('autocomplete choices', () => {
  it('keeps names and values within 100 characters', () => {
    const long = choice('n'.repeat(300), 'v'.repeat(300));
    expect(long.name.length).toBeLessThanOrEqual(100);
    expect(long.value.length).toBeLessThanOrEqual(100);
  });
});

/**
 * Every reply built from hostile articles: very long titles and sentences, metadata written to
 * look like markdown, mentions or links, web addresses made to break out of a link, emoji
 * where text gets cut. Whatever the article says, Discord must accept the message, its text
 * must be valid (no half characters), and the only live links are to the article's own
 * address as Citebot writes it.
 */
import { describe, expect, it } from 'vitest';
import type { Article, Sentence } from '../../../src/corpus/types.ts';
import { reloadMessage, serverArticlesMessage, settingsMessage } from '../../../src/present/discord/admin.ts';
import { answerMessage, contextMessage } from '../../../src/present/discord/answer.ts';
import { webLink } from '../../../src/present/discord/escape.ts';
import { limitViolations, type DiscordMessage } from '../../../src/present/discord/message.ts';
import {
  articleMessage,
  articlesMessage,
  choice,
  echoed,
  noticeMessage,
  quoteMessage,
  searchMessage,
} from '../../../src/present/discord/views.ts';
import { answer, article, quote, sentence } from './fixtures.ts';

/** Addresses that try to make a link to somewhere other than good.example, or to run script. */
const hostileUrls = [
  '>[Click-to-verify](https://evil.example/login)',
  'javascript:alert(1)',
  'JavaScript://good.example/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://good.example/) [x](https://evil.example',
  'https://good.example/)[Click-to-verify](https://evil.example/login',
  'https://good.example/><https://evil.example/login>',
  'https://good.example/>[Click-to-verify](https://evil.example/login)',
  'https://good.example/\n[Click-to-verify](https://evil.example/login)',
  'https://good.example@evil.example/login',
  'https://good.example/\\[x](https://evil.example)',
  'https://good.example/"title"',
  'https:evil.example',
  '//evil.example/login',
  ' https://good.example/',
  'https://good.example/\u202e',
  `https://good.example/${'a'.repeat(600)}`,
  'https://good.example/path_(with)_parens?q=1#frag',
  'HTTPS://GOOD.EXAMPLE/Upper',
  null,
];

/** Metadata that looks like markdown, a mention, a masked link, a heading or a block quote. */
const hostileNames = [
  '**bold** [Click-to-verify](https://evil.example/login) <@123456789012345678> @everyone',
  '# Heading\n> quoted\n- list',
  '[a](https://evil.example)](https://good.example/)',
  '`code` ||spoiler|| ~~struck~~ __under__',
  '\u202eevil\u200b',
  '😀'.repeat(400),
  `a${'😀'.repeat(400)}`,
  `ab ${'👩🏽‍🚒'.repeat(200)}`,
  'Title '.repeat(200),
  'x'.repeat(3000),
  '',
];

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** No lone surrogate (String.prototype.isWellFormed, which the ES2023 typings lack). */
const isWellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** A sentence of 40 to 2,400 characters, with emoji, markdown and mentions in it. */
function hostileSentence(random: () => number, key: string, paragraph: number, position: number): Sentence {
  const words = [
    'troops',
    '😀',
    '🇬🇧',
    'e\u0301',
    '**x**',
    '[y](https://evil.example)',
    '<@&234567890123456789>',
    '@everyone',
    'said.',
    '\\',
    '`',
  ];
  const length = 5 + Math.floor(random() * 400);
  return sentence(
    key,
    paragraph,
    position,
    Array.from({ length }, () => pick(random, words)).join(pick(random, [' ', ' ', '  ', '\n'])),
  );
}

function hostileArticle(random: () => number, n: number): Article {
  const key = pick(random, [`a${n}`, `k${n}f2e9c7d1b3a5`]);
  return article(key, {
    title: pick(random, hostileNames.filter(Boolean)),
    url: pick(random, hostileUrls),
    outlet: pick(random, [...hostileNames, null]),
    author: pick(random, [...hostileNames, null]),
    published: pick(random, [
      '2021-07-26T10:00:00Z',
      '[26 July](https://evil.example/date)',
      '😀'.repeat(30),
      'x'.repeat(500),
      null,
    ]),
    file: pick(random, ['a.txt', `${'[x](https://evil.example)'.repeat(20)}.txt`, `${'😀'.repeat(150)}.md`]),
  });
}

/** Every string in a message: content, embed titles, descriptions, fields, footers, urls, button labels. */
function textsOf(message: DiscordMessage): string[] {
  const texts: string[] = [];
  if (message.content) texts.push(message.content);
  for (const embed of message.embeds ?? []) {
    for (const value of [embed.title, embed.description, embed.url, embed.footer?.text, embed.author?.name])
      if (value) texts.push(value);
    for (const field of embed.fields ?? []) texts.push(field.name, field.value);
  }
  for (const row of message.components ?? [])
    for (const button of row.components) texts.push(button.label ?? '', button.custom_id);
  return texts;
}

/**
 * The targets of the masked links Discord would make: its link rule (simple-markdown's, which
 * Discord uses) tried at every `[` that no backslash escapes, and its `<url>` autolinks.
 */
function liveLinkTargets(text: string): string[] {
  const link =
    /\[((?:\[[^\]]*\]|[^[\]]|\](?=[^[]*\]))*)\]\(\s*<?((?:\([^)]*\)|[^\s\\])*?)>?(?:\s+['"]([\s\S]*?)['"])?\s*\)/y;
  const autolink = /<([^: >]+:\/[^ >]+)>/y;
  const targets: string[] = [];
  for (let at = 0; at < text.length; at += 1) {
    if (text[at] === '\\') {
      at += 1;
      continue;
    }
    for (const rule of [link, autolink]) {
      rule.lastIndex = at;
      const match = rule.exec(text);
      if (match) targets.push(rule === link ? match[2]! : match[1]!);
    }
  }
  return targets;
}

function expectSafe(message: DiscordMessage, articles: readonly Article[]): void {
  expect(limitViolations(message)).toEqual([]);
  const allowed = new Set(
    articles.map((source) => webLink(source.url)).filter((target): target is string => target !== null),
  );
  for (const text of textsOf(message)) {
    expect(isWellFormed(text), JSON.stringify(text)).toBe(true);
    for (const target of liveLinkTargets(text)) {
      expect(allowed.has(target), `link to ${target} in ${JSON.stringify(text.slice(0, 300))}`).toBe(true);
      expect(new URL(target).hostname).toMatch(/^(good|news)\.example$/);
    }
  }
  for (const embed of message.embeds ?? []) if (embed.url !== undefined) expect(allowed.has(embed.url)).toBe(true);
}

describe('every view built from hostile articles', () => {
  const rounds = 80;

  it('/ask answers, Context, /quote, /search, /articles and /article stay within Discord limits, valid, with no foreign links', () => {
    const random = randomFrom(20260729);
    for (let round = 0; round < rounds; round += 1) {
      const articles = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, n) => hostileArticle(random, n));
      const quotes = articles.slice(0, 6).map((source, n) => {
        const sentences = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, s) =>
          hostileSentence(random, source.key, n + 1, s + 1),
        );
        const found = quote(source, sentences);
        // Near duplicates: the same sentence in several other articles.
        return {
          ...found,
          sources: [
            ...found.sources,
            ...articles.map((other, n) => ({
              article: other,
              citationIds: sentences.map((s) => s.id),
              text: found.text,
              wording: n % 2 === 0 ? ('same' as const) : ('similar' as const),
            })),
          ],
        };
      });
      const question = pick(random, [
        'How many troops?',
        '😀'.repeat(200),
        `Q${'😀'.repeat(200)}`,
        '**Who** [said](https://evil.example) <@123>?',
        'q '.repeat(150),
      ]);
      const lead = Array.from({ length: 3 }, (_, s) => hostileSentence(random, articles[0]!.key, 1, s + 1));
      const messages: DiscordMessage[] = [
        answerMessage(answer(question, quotes), {
          buttons: { more: 'more:k', context: 'context:k', voteUp: 'vote:up:k', voteDown: 'vote:down:k' },
        }),
        answerMessage(answer(question, quotes), { heading: `Quotes on: ${question}`, offset: 3 }),
        answerMessage({ answered: false, question, confidence: 0, reason: 'off-topic', closest: [] }),
        answerMessage({
          answered: false,
          question,
          confidence: 0.3,
          reason: 'no-direct-answer',
          closest: quotes,
          corrections: [{ from: question.slice(0, 40), to: question.slice(0, 40) }],
        }),
        contextMessage(
          quotes.map((found) => ({
            quotedIds: new Set([found.main.id]),
            article: found.sources[0]!.article,
            sentences: [...lead, ...found.sentences],
          })),
        ),
        quoteMessage(quotes[0]!.main, articles[0]!),
        searchMessage(question, quotes),
        articlesMessage(articles, 0, (page) => `articles:${page}`),
        articleMessage(articles[0]!, lead, 40),
        articleMessage(articles.at(-1)!, [], 0),
      ];
      for (const message of messages) expectSafe(message, articles);
    }
  });

  it('/admin list, /settings view and /admin reload stay within Discord limits with hostile titles, file names and skip reasons', () => {
    const random = randomFrom(7);
    for (let round = 0; round < rounds; round += 1) {
      const articles = Array.from({ length: Math.floor(random() * 30) }, (_, n) => hostileArticle(random, n));
      const listed = articles.map((source) => ({
        file: source.file,
        key: source.key,
        title: source.title,
        bytes: 1234,
        addedBy: '123456789012345678',
        addedAt: 1_700_000_000_000,
      }));
      const warnings = articles.map((source) => ({ file: source.file, reason: pick(random, hostileNames) }));
      const messages: DiscordMessage[] = [
        serverArticlesMessage(listed),
        settingsMessage({
          defaultQuoteCount: 3,
          answerVisibility: 'public',
          sharedArticleCount: articles.length,
          disabled: articles,
          ownArticleCount: 2,
        }),
        reloadMessage({
          articleCount: articles.length,
          sentenceCount: 10,
          fromStore: random() < 0.5,
          analysedCount: 3,
          warnings,
        }),
        noticeMessage(`Removed **${echoed(pick(random, hostileNames), 200)}**.`),
      ];
      for (const message of messages) expectSafe(message, []);
      for (const source of articles) {
        const offered = choice(`${source.title} (${source.file})`, source.file);
        expect(offered.name.length).toBeLessThanOrEqual(100);
        expect(offered.value.length).toBeLessThanOrEqual(100);
        expect(isWellFormed(offered.name) && isWellFormed(offered.value)).toBe(true);
      }
    }
  });
});

describe('metadata is shown as written, never as markdown', () => {
  const tricky = article('a7', {
    title: '**Breaking** [Click-to-verify](https://evil.example/login) <@123456789012345678>',
    outlet: '__The Outlet__ [x](https://evil.example)',
    author: '# Jo `Reporter`',
    published: '[26 July](https://evil.example)',
    file: '[file](https://evil.example).txt',
    url: 'https://good.example/)[Click-to-verify](https://evil.example/login',
  });
  const said = sentence('a7', 1, 1, 'The troops left.');
  const escapedTitle =
    '\\*\\*Breaking\\*\\* \\[Click-to-verify\\]\\(https://evil.example/login\\) \\<@123456789012345678\\>';

  it('in an answer, its sources and the Context view', () => {
    const message = answerMessage(answer('q', [quote(tricky, [said])]));
    const embed = message.embeds![0]!;
    expect(embed.fields![0]!.value).toContain(
      `[${escapedTitle}](https://good.example/%29%5BClick-to-verify%5D%28https://evil.example/login)`,
    );
    expect(embed.fields![0]!.value).toContain('\\_\\_The Outlet\\_\\_ \\[x\\]\\(https://evil.example\\)');
    expect(embed.fields![0]!.value).toContain('\\[26 July\\]\\(https://evil.example\\)');
    expectSafe(message, [tricky]);
    expectSafe(contextMessage([{ quotedIds: new Set([said.id]), article: tricky, sentences: [said] }]), [tricky]);
  });

  it('in /quote, /articles and /article', () => {
    const quoted = quoteMessage(said, tricky);
    expect(quoted.content).toContain(
      `— ${escapedTitle}, \\_\\_The Outlet\\_\\_ \\[x\\]\\(https://evil.example\\), \\[26 July\\]\\(https://evil.example\\) \`[a7:1.1]\` <https://good.example/%29%5BClick-to-verify%5D%28https://evil.example/login>`,
    );
    expectSafe(quoted, [tricky]);
    expectSafe(articlesMessage([tricky], 0, String), [tricky]);
    const details = articleMessage(tricky, [said], 1);
    const embed = details.embeds![0]!;
    expect(embed.title).toBe(escapedTitle);
    expect(embed.url).toBe('https://good.example/%29%5BClick-to-verify%5D%28https://evil.example/login');
    expect(Object.fromEntries(embed.fields!.map((field) => [field.name, field.value]))).toMatchObject({
      Author: '\\# Jo \\`Reporter\\`',
      File: '\\[file\\]\\(https://evil.example\\).txt',
    });
    expectSafe(details, [tricky]);
  });

  it('a web address that is not a plain absolute http(s) URL is not linked at all', () => {
    for (const url of [
      '>[Click-to-verify](https://evil.example/login)',
      'javascript:alert(1)',
      'https://good.example/) [x](https://evil.example',
      'https://good.example@evil.example/',
    ]) {
      const source = article('a8', { url, title: 'Plain title' });
      expect(webLink(url)).toBeNull();
      expect(
        answerMessage(answer('q', [quote(source, [sentence('a8', 1, 1, 'Text.')])])).embeds![0]!.fields![0]!.value,
      ).toBe('`a8` · **Plain title** · Example News · 2021-07-26');
      expect(quoteMessage(sentence('a8', 1, 1, 'Text.'), source).content).not.toContain('<');
      expect(articleMessage(source, [], 0).embeds![0]!.url).toBeUndefined();
    }
  });
});

describe('/article', () => {
  it('fits a lead of three very long sentences into the description, cut with a marker', () => {
    const lead = [1, 2, 3].map((position) =>
      sentence('a1', 1, position, `Sentence ${position} ${'long words here '.repeat(100)}ends.`),
    );
    const message = articleMessage(article('a1'), lead, 3);
    expect(limitViolations(message)).toEqual([]);
    const description = message.embeds![0]!.description!;
    expect(description.startsWith('> Sentence 1 long words here')).toBe(true);
    expect(description).toContain('`[a1:1.1]`');
    expect(description).toContain('[…]');
  });
});

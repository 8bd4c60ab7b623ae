import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { CommandInteractionOptionResolver, type Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  checkName,
  checkQuestion,
  maxMessageTextLength,
  messageQuestion,
  missingOptionProblem,
} from '../../src/discord/input.ts';

const loneSurrogate = /\p{Cs}/u;

describe('question checks', () => {
  it('accepts a question, trimmed', () => {
    expect(checkQuestion('  How many troops?  ')).toEqual({ ok: true, text: 'How many troops?' });
  });
  it('takes tabs and line breaks, as pasted text carries them, as spaces', () => {
    expect(checkQuestion('How many\ttroops\r\nare in Iraq?\n')).toEqual({
      ok: true,
      text: 'How many troops are in Iraq?',
    });
  });
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(301), /301 characters long; please keep it within 300/],
    ['troops\u0000', /control or invisible/],
    ['troops\u202e in Iraq', /control or invisible/],
    ['zero\u200bwidth', /control or invisible/],
    ['troops \ud800 in Iraq', /broken character \(half of an emoji/],
    ['troops in Iraq \ud83d', /broken character/],
    ['\ude00 troops', /broken character/],
  ])('refuses %j with a reason', (input, reason) => {
    const result = checkQuestion(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(reason);
  });
});

describe('text of a message for Find quotes', () => {
  it('joins lines into one question', () => {
    expect(messageQuestion('Is it true?\n\nThere are 2,500 troops.')).toEqual({
      ok: true,
      text: 'Is it true? There are 2,500 troops.',
    });
  });
  it('uses the start of a long message, cut at a word', () => {
    const result = messageQuestion('word '.repeat(1000));
    expect(result.ok && result.text.length).toBeLessThanOrEqual(maxMessageTextLength);
    expect(result.ok && result.text.endsWith('word')).toBe(true);
  });
  it('refuses a message without text', () => {
    expect(messageQuestion(' \n ').ok).toBe(false);
  });
  it("drops half characters from someone else's message rather than refusing it", () => {
    expect(messageQuestion('troops \ud800in Iraq\ud83d')).toEqual({ ok: true, text: 'troops in Iraq' });
  });
  it('cuts a long message of emoji without leaving half of one', () => {
    const result = messageQuestion(`a${'😀'.repeat(1000)}`);
    expect(result.ok && result.text.length).toBeLessThanOrEqual(maxMessageTextLength);
    expect(result.ok && loneSurrogate.test(result.text)).toBe(false);
  });
});

describe('names and ids', () => {
  it('accepts a name as typed, emoji included', () => {
    expect(checkName('Harbour 🎉 festival', 'article name')).toEqual({ ok: true, text: 'Harbour 🎉 festival' });
  });
  it('refuses one holding half a character, naming what it was', () => {
    const result = checkName('a3:\ud8004.2', 'citation id');
    expect(result.ok ? '' : result.problem).toMatch(/^Your citation id contains a broken character/);
  });
});

describe('a command without a required option', () => {
  /** The options discord.js gives a handler, from the options Discord sent (its constructor is private in the typings only). */
  const Resolver = CommandInteractionOptionResolver as unknown as new (
    client: Client,
    options: unknown[],
  ) => CommandInteractionOptionResolver;
  const optionsOf = (options: unknown[]): CommandInteractionOptionResolver => new Resolver({} as Client, options);
  function thrownBy(read: () => unknown): unknown {
    try {
      read();
    } catch (error) {
      return error;
    }
    throw new Error('expected the read to throw');
  }

  it('names the missing option and how to give it', () => {
    const error = thrownBy(() => optionsOf([]).getString('id', true));
    expect(missingOptionProblem(error, { name: 'quote', subcommand: null, usage: '/quote id' })).toBe(
      'The option `id` is missing. Try `/quote id: …`; `/help` lists every command.',
    );
  });
  it('names the subcommand it belongs to', () => {
    const options = optionsOf([{ name: 'remove', type: ApplicationCommandOptionType.Subcommand, options: [] }]);
    const error = thrownBy(() => options.getString('article', true));
    expect(
      missingOptionProblem(error, {
        name: 'admin',
        subcommand: options.getSubcommand(false),
        usage: '/admin add|remove|list|reload',
      }),
    ).toMatch(/^The option `article` is missing\. Try `\/admin remove article: …`/);
  });
  it('lists the subcommands when none was given', () => {
    const error = thrownBy(() => optionsOf([]).getSubcommand());
    expect(
      missingOptionProblem(error, { name: 'admin', subcommand: null, usage: '/admin add|remove|list|reload' }),
    ).toBe('`/admin` needs a subcommand: `/admin add|remove|list|reload`. `/help` lists every command.');
  });
  it('leaves every other error to the apology', () => {
    expect(
      missingOptionProblem(new Error('Required option "id" not found.'), {
        name: 'quote',
        subcommand: null,
        usage: '/quote id',
      }),
    ).toBeNull();
    expect(missingOptionProblem(new TypeError('x'), { name: 'quote', subcommand: null, usage: undefined })).toBeNull();
  });
});

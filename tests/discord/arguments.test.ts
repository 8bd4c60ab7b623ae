import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { readArguments, type ArgumentsOf } from '../../src/discord/arguments.ts';

const ask = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'd',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'question', description: 'd', required: true },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'd' },
    { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'd' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const settings = {
  type: ApplicationCommandType.ChatInput,
  name: 'settings',
  description: 'd',
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'view', description: 'd' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'answers',
      description: 'd',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'visibility',
          description: 'd',
          required: true,
          choices: [
            { name: 'public', value: 'public' },
            { name: 'private', value: 'private' },
          ],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** An interaction carrying these option values, as discord.js reads them. */
function interactionWith(
  values: Record<string, unknown>,
  subcommand: string | null = null,
): ChatInputCommandInteraction {
  const get = (name: string, required = false): unknown => {
    if (name in values) return values[name];
    if (required) throw new TypeError(`Required option "${name}" not found.`);
    return null;
  };
  const options = {
    getString: get,
    getInteger: get,
    getNumber: get,
    getBoolean: get,
    getAttachment: get,
    getSubcommand: () => subcommand,
    get: (name: string, required = false) => ({ value: get(name, required) }),
  };
  return { options } as unknown as ChatInputCommandInteraction;
}

describe("a command's arguments, typed from its definition", () => {
  it('types a required option as always there and an optional one as possibly null', () => {
    expectTypeOf<ArgumentsOf<typeof ask>>().toEqualTypeOf<{
      readonly question: string;
      readonly count: number | null;
      readonly private: boolean | null;
    }>();
  });

  it('types each subcommand as its own shape, and a choice as its values', () => {
    expectTypeOf<ArgumentsOf<typeof settings>>().toEqualTypeOf<
      { readonly subcommand: 'view' } | { readonly subcommand: 'answers'; readonly visibility: 'public' | 'private' }
    >();
  });

  it('reads what was typed, with null for an option left out', () => {
    expect(readArguments(ask, interactionWith({ question: 'Who won?', count: 2 }))).toEqual({
      question: 'Who won?',
      count: 2,
      private: null,
    });
    expect(readArguments(settings, interactionWith({ visibility: 'private' }, 'answers'))).toEqual({
      subcommand: 'answers',
      visibility: 'private',
    });
  });

  it('lets discord.js name a missing required option, for the router to say so', () => {
    expect(() => readArguments(ask, interactionWith({}))).toThrow(/question/);
  });
});

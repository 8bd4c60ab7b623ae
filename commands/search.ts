/** /search terms: a compact list of matching sentences with their ids. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { checkQuestion, maxQuestionLength } from '../src/discord/input.ts';
import { searchMessage } from '../src/present/discord/views.ts';

/** Sentences listed by /search: ten short lines stay readable on a phone. */
export const searchResultCount = 10;

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'search',
  description: 'Sentences that contain some words, with their ids',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'terms',
      description: 'Words to look for',
      required: true,
      max_length: maxQuestionLength,
    },
  ],
};

export const search: Command<ChatInputCommandInteraction> = {
  definition,
  summary: { usage: '/search terms', description: 'a compact list of sentences matching some words, with their ids.' },
  async execute(interaction, respond, bot) {
    const terms = checkQuestion(interaction.options.getString('terms'), 'search');
    if (!terms.ok) {
      await respond.refuse(terms.problem);
      return 'invalid-input';
    }
    await respond.defer();
    const view = await bot.servers.viewFor(interaction.guildId);
    const quotes = view.engine.search(terms.text, { top: searchResultCount, ...view.scope });
    await respond.send(searchMessage(terms.text, quotes));
    return quotes.length > 0 ? 'answered' : 'no-answer';
  },
};

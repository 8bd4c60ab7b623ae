/** /help: what Citebot does and its commands. */
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { helpMessage } from '../src/present/discord/views.ts';

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'What Citebot does and how to use it',
};

export const help: Command<ChatInputCommandInteraction> = {
  definition,
  summary: { usage: '/help', description: 'this list.' },
  async execute(_interaction, respond, bot) {
    await respond.send(helpMessage(bot.summaries), { private: true });
    return 'answered';
  },
};

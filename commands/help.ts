/** /help: what Citebot does and its commands. */
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { chatInputCommand } from '../src/discord/command.ts';
import { helpMessage } from '../src/present/discord/views.ts';

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'What Citebot does and how to use it',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const help = chatInputCommand({
  definition,
  summary: { usage: '/help', description: 'this list.' },
  // Answered from memory at once.
  reply: { defer: 'never' },
  async execute(_interaction, _args, respond, bot) {
    await respond.send(helpMessage(bot.summaries), { private: true });
    return 'answered';
  },
});

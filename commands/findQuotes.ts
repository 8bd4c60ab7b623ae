/**
 * "Find quotes", a message context-menu command: the quotes that bear on what someone posted.
 * Interactions carry the target message's text without the privileged Message Content intent.
 */
import { ApplicationCommandType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { MessageContextMenuCommandInteraction } from 'discord.js';
import { sendAnswer, serverQuoteCount } from '../src/discord/answerFlow.ts';
import type { Command } from '../src/discord/command.ts';
import { messageQuestion } from '../src/discord/input.ts';
import { truncateText } from '../src/present/discord/truncate.ts';

const definition: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
  type: ApplicationCommandType.Message,
  name: 'Find quotes',
};

export const findQuotes: Command<MessageContextMenuCommandInteraction> = {
  definition,
  summary: {
    usage: 'Find quotes (message menu › Apps)',
    description: 'the quotes that bear on a message someone posted.',
  },
  async execute(interaction, respond, bot) {
    const question = messageQuestion(interaction.targetMessage.content ?? '');
    if (!question.ok) {
      await respond.refuse(question.problem);
      return 'invalid-input';
    }
    const view = await bot.servers.viewFor(interaction.guildId);
    const privately = view.settings.answerVisibility === 'private';
    return sendAnswer(
      {
        question: question.text,
        articleKey: null,
        count: serverQuoteCount(view),
        offset: 0,
        private: privately,
        heading: `Quotes on: ${truncateText(question.text, 200, '…')}`,
      },
      respond,
      bot,
      view,
    );
  },
};

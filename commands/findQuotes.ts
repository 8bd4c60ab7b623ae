/**
 * "Find quotes", a message context-menu command: the quotes that bear on what someone posted.
 * Interactions carry the target message's text without the privileged Message Content intent.
 */
import { ApplicationCommandType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { sendAnswer, serverQuoteCount } from '../src/discord/answerFlow.ts';
import { messageCommand } from '../src/discord/command.ts';
import { messageQuestion } from '../src/discord/input.ts';
import { truncateText } from '../src/present/discord/truncate.ts';
import { detailTitleLength } from '../src/present/discord/views.ts';

const definition = {
  type: ApplicationCommandType.Message,
  name: 'Find quotes',
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

export const findQuotes = messageCommand<string>({
  definition,
  summary: {
    usage: 'Find quotes (message menu › Apps)',
    description: 'the quotes that bear on a message someone posted.',
  },
  // The server's index may be loaded or rebuilt first: acknowledged at once, as the server's answers are seen.
  reply: {
    defer: 'first',
    private: async (_question, bot, guildId) => (await bot.servers.settingsOf(guildId)).answerVisibility === 'private',
  },
  check(interaction) {
    const question = messageQuestion(interaction.targetMessage.content ?? '');
    return question.ok ? { ok: true, input: question.text } : question;
  },
  async execute(interaction, question, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    // As private as the acknowledgement was: a second read of the settings could differ from the first.
    const privately = respond.deferredPrivately ?? view.settings.answerVisibility === 'private';
    return sendAnswer(
      {
        question,
        articleKey: null,
        count: serverQuoteCount(view),
        offset: 0,
        private: privately,
        heading: `Quotes on: ${truncateText(question, detailTitleLength)}`,
      },
      respond,
      bot,
      view,
    );
  },
});

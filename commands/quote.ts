/**
 * /quote id: one sentence by its citation id, formatted for pasting into a discussion.
 * Autocomplete offers ids and sentence text.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { checkedChatInputCommand } from '../src/discord/command.ts';
import { checkName, unknownIdProblem } from '../src/discord/input.ts';
import { quoteMessage } from '../src/present/discord/views.ts';

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'quote',
  description: 'One sentence by its citation id, ready to paste',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'id',
      description: 'A citation id like a3:4.2, or words from the sentence',
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const quote = checkedChatInputCommand({
  definition,
  summary: {
    usage: '/quote id',
    description: 'one sentence by its citation id (like a3:4.2), ready to paste; type words to find one.',
  },
  check(args) {
    const id = checkName(args.id, 'citation id');
    return id.ok ? { ok: true, input: { id: id.text } } : id;
  },
  // The server's view may read the store and load or rebuild its index first: acknowledged at
  // once, in public as the quote will be; an unknown id is then told privately.
  reply: { defer: 'first', private: false },
  async execute(interaction, { id }, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    const sentence = view.sentence(id);
    if (!sentence) {
      await respond.refuse(unknownIdProblem(id));
      return 'not-found';
    }
    await respond.send(quoteMessage(sentence, view.engine.articleOf(sentence)));
    return 'answered';
  },
  async autocomplete(interaction, bot) {
    return bot.servers.viewFromMemory(interaction.guildId).sentenceChoices(interaction.options.getFocused());
  },
});

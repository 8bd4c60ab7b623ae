/** /article name: one article's details and its lead, with autocomplete on titles. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { leadOf, sentencesOf } from '../src/corpus/types.ts';
import { checkedChatInputCommand } from '../src/discord/command.ts';
import { checkName, maxNameInputLength, unknownArticleProblem } from '../src/discord/input.ts';
import { articleMessage } from '../src/present/discord/views.ts';

/** Sentences of the lead shown by /article. */
const leadLength = 3;

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'article',
  description: "One article's details and lead",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      description: 'Title or key (pick from the list)',
      required: true,
      autocomplete: true,
      max_length: maxNameInputLength,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const article = checkedChatInputCommand({
  definition,
  summary: { usage: '/article name', description: "one article's details and lead (pick it as you type)." },
  check(args) {
    const name = checkName(args.name, 'article name');
    return name.ok ? { ok: true, input: { name: name.text } } : name;
  },
  // The server's own articles are in its view, which may read the store and load or rebuild
  // its index first: acknowledged at once, in public as the article will be; an unknown name
  // is then told privately.
  reply: { defer: 'first', private: false },
  async execute(interaction, { name }, respond, bot) {
    const found = (await bot.servers.viewFor(interaction.guildId)).findArticle(name);
    if (!found) {
      await respond.refuse(unknownArticleProblem(name));
      return 'not-found';
    }
    await respond.send(articleMessage(found, leadOf(found, leadLength), sentencesOf(found).length));
    return 'answered';
  },
  async autocomplete(interaction, bot) {
    return bot.servers.viewFromMemory(interaction.guildId).articleChoices(interaction.options.getFocused());
  },
});

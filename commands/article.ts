/** /article name: one article's details and its lead, with autocomplete on titles. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { leadOf, sentencesOf } from '../src/corpus/types.ts';
import { chatInputCommand } from '../src/discord/command.ts';
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

export const article = chatInputCommand({
  definition,
  summary: { usage: '/article name', description: "one article's details and lead (pick it as you type)." },
  // A public answer or a private refusal, from the server's view in memory.
  reply: { defer: 'never' },
  async execute(interaction, args, respond, bot) {
    const name = checkName(args.name, 'article name');
    if (!name.ok) {
      await respond.refuse(name.problem);
      return 'invalid-input';
    }
    const found = bot.servers.viewFromMemory(interaction.guildId).findArticle(name.text);
    if (!found) {
      await respond.refuse(unknownArticleProblem(name.text));
      return 'not-found';
    }
    await respond.send(articleMessage(found, leadOf(found, leadLength), sentencesOf(found).length));
    return 'answered';
  },
  async autocomplete(interaction, bot) {
    return bot.servers.viewFromMemory(interaction.guildId).articleChoices(interaction.options.getFocused());
  },
});

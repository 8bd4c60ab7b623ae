/** /article name: one article's details and its lead, with autocomplete on titles. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { leadOf, sentencesOf } from '../src/corpus/types.ts';
import type { Command } from '../src/discord/command.ts';
import { checkName, maxNameInputLength, unknownArticleProblem } from '../src/discord/input.ts';
import { articleMessage } from '../src/present/discord/views.ts';

/** Sentences of the lead shown by /article. */
const leadLength = 3;

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
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
};

export const article: Command<ChatInputCommandInteraction> = {
  definition,
  summary: { usage: '/article name', description: "one article's details and lead (pick it as you type)." },
  async execute(interaction, respond, bot) {
    const name = checkName(interaction.options.getString('name', true), 'article name');
    if (!name.ok) {
      await respond.refuse(name.problem);
      return 'invalid-input';
    }
    const found = (await bot.servers.viewFor(interaction.guildId)).findArticle(name.text);
    if (!found) {
      await respond.refuse(unknownArticleProblem(name.text));
      return 'not-found';
    }
    await respond.send(articleMessage(found, leadOf(found, leadLength), sentencesOf(found).length));
    return 'answered';
  },
  async autocomplete(interaction, bot) {
    return (await bot.servers.viewFor(interaction.guildId)).articleChoices(interaction.options.getFocused());
  },
};

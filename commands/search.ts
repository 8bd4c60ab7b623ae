/** /search terms: a compact list of matching sentences with their ids. */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { checkedChatInputCommand } from '../src/discord/command.ts';
import { checkQuestion, maxQuestionLength } from '../src/discord/input.ts';
import { searchMessage } from '../src/present/discord/views.ts';

/** Sentences listed by /search: ten short lines stay readable on a phone. */
export const searchResultCount = 10;

const definition = {
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
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const search = checkedChatInputCommand({
  definition,
  summary: { usage: '/search terms', description: 'a compact list of sentences matching some words, with their ids.' },
  check(args) {
    const terms = checkQuestion(args.terms, 'search');
    return terms.ok ? { ok: true, input: { terms: terms.text } } : terms;
  },
  // The server's index may be built or rebuilt before the search: acknowledged first, in public.
  reply: { defer: 'first', private: false },
  async execute(interaction, { terms }, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    const quotes = view.engine.search(terms, { top: searchResultCount, ...view.scope });
    await respond.send(searchMessage(terms, quotes));
    return quotes.length > 0 ? 'answered' : 'no-answer';
  },
});

/** /articles: what the bot has read for this server (shared articles it has on, and its own), ten to a page with Previous and Next buttons. */
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { chatInputCommand, type ButtonHandler } from '../src/discord/command.ts';
import { encodeCustomId } from '../src/discord/customId.ts';
import { articlesMessage } from '../src/present/discord/views.ts';

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'articles',
  description: 'The articles Citebot has read',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The page number is the whole state, so page buttons never expire. */
const pageId = (page: number): string => encodeCustomId({ kind: 'articles', page });

export const articles = chatInputCommand({
  definition,
  summary: { usage: '/articles', description: 'the articles I have read, a page at a time.' },
  // The server's view may read the store and load or rebuild its index first: acknowledged at once, in public.
  reply: { defer: 'first', private: false },
  async execute(interaction, _args, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    await respond.send(articlesMessage(view.articles, 0, pageId));
    return 'answered';
  },
});

export const articlesPageButton: ButtonHandler<'articles'> = {
  kind: 'articles',
  // A page turn replaces the message it is on, after the server's view (which may wait on the
  // store or an index): acknowledged at once as an update of that message.
  reply: { defer: 'update' },
  async execute(interaction, { page }, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    await respond.update(articlesMessage(view.articles, page, pageId));
    return 'answered';
  },
};

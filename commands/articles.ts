/** /articles: what the bot has read, ten to a page with Previous and Next buttons. */
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import type { ButtonHandler, Command } from '../src/discord/command.ts';
import { articlesMessage } from '../src/present/discord/views.ts';

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = { type: ApplicationCommandType.ChatInput, name: 'articles', description: 'The articles Citebot has read' };

/** The page number is the whole state, so page buttons never expire. */
const pageId = (page: number): string => `${articlesPageButton.prefix}:${page}`;

export const articles: Command<ChatInputCommandInteraction> = {
  definition,
  summary: { usage: '/articles', description: 'the articles I have read, a page at a time.' },
  async execute(_interaction, respond, bot) {
    await respond.send(articlesMessage(bot.engine.articles, 0, pageId));
    return 'answered';
  },
};

export const articlesPageButton: ButtonHandler = {
  prefix: 'articles',
  async execute(_interaction, argument, respond, bot) {
    const page = /^\d{1,6}$/.test(argument) ? Number(argument) : 0;
    await respond.update(articlesMessage(bot.engine.articles, page, pageId));
    return 'answered';
  },
};

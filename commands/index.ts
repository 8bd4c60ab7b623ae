/**
 * Every command and button the bot has. Reading the definitions in these modules shows the
 * bot's whole surface; deploy-commands registers exactly `commandDefinitions`.
 */
import type { AnyCommand, ButtonHandlers } from '../src/discord/command.ts';
import { admin } from './admin.ts';
import { article } from './article.ts';
import { articles, articlesPageButton } from './articles.ts';
import { ask, contextButton, moreButton } from './ask.ts';
import { findQuotes } from './findQuotes.ts';
import { help } from './help.ts';
import { quote } from './quote.ts';
import { search } from './search.ts';
import { settings } from './settings.ts';
import { voteButton } from './vote.ts';

export const commands: readonly AnyCommand[] = [
  ask,
  quote,
  search,
  articles,
  article,
  findQuotes,
  settings,
  admin,
  help,
];

export const buttons: ButtonHandlers = {
  more: moreButton,
  context: contextButton,
  vote: voteButton,
  articles: articlesPageButton,
};

export const commandDefinitions = commands.map((command) => command.definition);

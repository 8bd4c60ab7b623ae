/**
 * /settings view|quotes|answers|article: the server's defaults for answers (how many quotes;
 * public or private) and which shared articles it uses. Anyone may view them; changing them
 * needs Manage Server (checked here, since viewing is open to everyone).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { maxQuoteCount } from '../src/discord/answerFlow.ts';
import { chatInputCommand } from '../src/discord/command.ts';
import { requireManageServer } from '../src/discord/permissions.ts';
import { checkName, maxNameInputLength } from '../src/discord/input.ts';
import { settingsMessage } from '../src/present/discord/admin.ts';
import { detailTitleLength, echoed, noticeMessage } from '../src/present/discord/views.ts';

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'settings',
  description: "This server's Citebot settings (changing them needs Manage Server)",
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'view', description: 'Show the settings' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'quotes',
      description: 'How many quotes an answer shows by default',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'count',
          description: `1–${maxQuoteCount}`,
          required: true,
          min_value: 1,
          max_value: maxQuoteCount,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'answers',
      description: 'Whether answers are public or only for the asker, by default',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'visibility',
          description: 'public: the channel sees answers; private: only the asker',
          required: true,
          choices: [
            { name: 'public', value: 'public' },
            { name: 'private', value: 'private' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'article',
      description: 'Turn a shared article on or off for this server',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'article',
          description: 'Title or key (pick from the list)',
          required: true,
          autocomplete: true,
          max_length: maxNameInputLength,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'enabled',
          description: 'On (answers may quote it) or off',
          required: true,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const settings = chatInputCommand({
  definition,
  summary: {
    usage: '/settings view|quotes|answers|article',
    description: "this server's defaults: quotes per answer, public or private answers, shared articles on or off.",
  },
  // Every reply is for the member who asked; a change waits on the store.
  reply: { defer: 'first', private: true },
  async execute(interaction, args, respond, bot) {
    if (!interaction.inGuild()) {
      await respond.refuse('Settings belong to a server: use `/settings` in one.');
      return 'invalid-input';
    }
    const guildId = interaction.guildId;
    const shared = await bot.servers.viewFor(null);

    if (args.subcommand === 'view') {
      const [current, own] = await Promise.all([bot.servers.settings.get(guildId), bot.servers.articles.list(guildId)]);
      const disabled = new Set(current.disabledSharedArticles);
      await respond.send(
        settingsMessage({
          defaultQuoteCount: Math.min(current.defaultQuoteCount, maxQuoteCount),
          answerVisibility: current.answerVisibility,
          sharedArticleCount: shared.articles.length,
          disabled: shared.articles.filter((article) => disabled.has(article.key)),
          ownArticleCount: own.length,
        }),
        { private: true },
      );
      return 'answered';
    }

    if (!(await requireManageServer(interaction, respond, "change this server's settings"))) return 'forbidden';
    let done: string;
    if (args.subcommand === 'quotes') {
      const count = args.count;
      if (count < 1 || count > maxQuoteCount) {
        await respond.refuse(`The number of quotes is from 1 to ${maxQuoteCount}.`);
        return 'invalid-input';
      }
      await bot.servers.settings.update(guildId, { defaultQuoteCount: count });
      done = `Answers in this server now show ${count} ${count === 1 ? 'quote' : 'quotes'} by default.`;
    } else if (args.subcommand === 'answers') {
      const visibility: string = args.visibility;
      // Discord offers only the two choices; a client could still send another word.
      if (visibility !== 'public' && visibility !== 'private') {
        await respond.refuse('Answers are either public or private.');
        return 'invalid-input';
      }
      await bot.servers.settings.update(guildId, { answerVisibility: visibility });
      done =
        visibility === 'private'
          ? 'Answers in this server are now private by default: only the asker sees them.'
          : 'Answers in this server are now public by default.';
    } else {
      const name = checkName(args.article, 'article name');
      if (!name.ok) {
        await respond.refuse(name.problem);
        return 'invalid-input';
      }
      const enabled = args.enabled;
      const article = shared.findArticle(name.text);
      if (!article) {
        await respond.refuse(
          `There is no shared article called “${echoed(name.text)}”. Pick one from the list as you type.`,
        );
        return 'not-found';
      }
      await bot.servers.settings.setSharedArticleEnabled(guildId, article.key, enabled);
      done = `**${echoed(article.title, detailTitleLength)}** (\`${article.key}\`) is now ${enabled ? 'on: answers in this server may quote it' : 'off: answers in this server no longer quote it'}.`;
    }
    await respond.send(noticeMessage(done), { private: true });
    return 'answered';
  },
  async autocomplete(interaction, bot) {
    // Every shared article, including those turned off, so that they can be turned on again.
    return bot.servers.viewFromMemory(null).articleChoices(interaction.options.getFocused());
  },
});

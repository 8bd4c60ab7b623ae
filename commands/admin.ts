/**
 * /admin add|remove|list|reload: a server's own articles, for members with Manage Server.
 * Discord hides the command from others (default_member_permissions), and the handler checks
 * again, since a server can change who sees a command in its settings.
 *
 * An added article is held to the rules for files in the articles folder and to the server's
 * budgets of sentences and bytes (src/library/serverArticles.ts), and only this server sees
 * it. Every subcommand is deferred first (its reply policy): the attachment is downloaded and
 * read, and the server's index rebuilt, before the reply, which can take more than Discord's
 * 3 seconds.
 *
 * `add url:` reads a news page instead of a file: it is downloaded under the rules of
 * src/corpus/web/fetchPage.ts (public addresses only, size, time, redirects), its article
 * found in the worker thread, and added as the `.md` file it becomes, by the same path as an
 * attachment. Its file name comes from the page's address, so adding it again replaces it.
 *
 * A server may add articles only so often, from files and links alike, and a member links only
 * so often besides (src/discord/addLimits.ts).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { maxUrlLength } from '../src/corpus/clean.ts';
import { ArticlesFolderError } from '../src/corpus/load.ts';
import { fetchPage } from '../src/corpus/web/fetchPage.ts';
import { downloadAttachment } from '../src/discord/attachments.ts';
import type { ArgumentsOf } from '../src/discord/arguments.ts';
import { chatInputCommand, type BotContext, type Outcome } from '../src/discord/command.ts';
import { holdsEvery, typedWords } from '../src/discord/catalogue.ts';
import { checkName, maxNameInputLength } from '../src/discord/input.ts';
import { canManageServer, requireManageServer } from '../src/discord/permissions.ts';
import type { Responder } from '../src/discord/replyPolicy.ts';
import {
  addRefusedMessage,
  articleAddedMessage,
  reloadMessage,
  serverArticlesMessage,
} from '../src/present/discord/admin.ts';
import { escapeMarkdown } from '../src/present/discord/escape.ts';
import { discordLimits } from '../src/present/discord/limits.ts';
import { choice, detailTitleLength, echoed, noticeMessage } from '../src/present/discord/views.ts';

/** The longest link accepted: the length an article's url may have (src/corpus/clean.ts). */
const maxLinkLength = maxUrlLength;

const definition = {
  type: ApplicationCommandType.ChatInput,
  name: 'admin',
  description: "This server's own articles: add, remove, list; reload the shared ones",
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add an article from a file or a news page link (only this server sees it)',
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'The article: a .txt, .md or .json file in UTF-8',
          required: false,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'url',
          description: 'Or the link to a news article (http or https)',
          required: false,
          max_length: maxLinkLength,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: "Remove one of this server's articles",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'article',
          description: 'File name or key (pick from the list)',
          required: true,
          autocomplete: true,
          max_length: maxNameInputLength,
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'list', description: 'The articles this server added' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'reload',
      description: 'Read the shared articles folder again',
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Where /admin add's article comes from, as given. */
type AddRequest =
  | {
      readonly from: 'file';
      readonly attachment: { readonly name: string; readonly url: string; readonly size: number };
    }
  | { readonly from: 'link'; readonly link: string };

type FileToAdd =
  | { readonly ok: true; readonly name: string; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: string };

/** The file to add: the attachment downloaded, or the article found in the linked page as the `.md` file it becomes. */
async function fileToAdd(request: AddRequest, bot: BotContext, guildId: string): Promise<FileToAdd> {
  if (request.from === 'file') {
    const { name, url, size } = request.attachment;
    const downloaded = await downloadAttachment(url, size, bot.attachments);
    return downloaded.ok ? { ok: true, name, bytes: downloaded.bytes } : downloaded;
  }
  const fetched = await fetchPage(request.link, bot.pages);
  if (!fetched.ok) return fetched;
  const page = await bot.servers.articles.readPage(guildId, { html: fetched.html, url: fetched.url });
  if (!page.ok) return page;
  return { ok: true, name: page.fileName, bytes: new TextEncoder().encode(page.markdown) };
}

/** /admin add, from a file or a link: within the server's limits, by one path, with one kind of reply. */
async function addArticle(request: AddRequest, { interaction, respond, bot, guildId }: AdminContext): Promise<Outcome> {
  const refuse = async (reason: string, outcome: Outcome = 'invalid-input'): Promise<Outcome> => {
    const subject = request.from === 'file' ? { file: request.attachment.name } : { link: request.link };
    await respond.send(addRefusedMessage(subject, reason), { private: true });
    return outcome;
  };
  const allowed = await bot.articleAdds.take(request.from, guildId, interaction.user.id);
  if (!allowed.allowed) return refuse(allowed.reason, 'rate-limited');
  const file = await fileToAdd(request, bot, guildId);
  if (!file.ok) return refuse(file.reason);
  const added = await bot.servers.articles.add(guildId, file.name, file.bytes, interaction.user.id);
  if (!added.ok) return refuse(added.reason);
  // Built now, so that the first question about it does not wait for the index.
  const view = await bot.servers.viewFor(guildId);
  await respond.send(
    articleAddedMessage({
      from: request.from,
      replaced: added.replaced,
      listed: added.article,
      article: view.engine.articles.find((candidate) => candidate.file === added.article.file),
      usage: await bot.servers.articles.usage(guildId),
      notes: added.notes,
    }),
    { private: true },
  );
  return 'answered';
}

type AdminArguments = ArgumentsOf<typeof definition>;
type Subcommand = AdminArguments['subcommand'];

/** What every subcommand's handler gets besides its arguments. */
interface AdminContext {
  readonly interaction: ChatInputCommandInteraction;
  readonly respond: Responder;
  readonly bot: BotContext;
  readonly guildId: string;
}

/** One handler per subcommand of the definition: a subcommand without one is a type error. */
const subcommands: {
  readonly [S in Subcommand]: (
    args: Extract<AdminArguments, { subcommand: S }>,
    context: AdminContext,
  ) => Promise<Outcome>;
} = {
  async add(args, context) {
    const { file: attachment, url: link } = args;
    if (attachment !== null && link !== null) {
      await context.respond.refuse('Give `/admin add` a file (`file:`) or a link (`url:`), not both.');
      return 'invalid-input';
    }
    if (link !== null) return addArticle({ from: 'link', link }, context);
    if (attachment === null) {
      await context.respond.refuse('Give `/admin add` a file (`file:`) or a link to a news article (`url:`).');
      return 'invalid-input';
    }
    return addArticle({ from: 'file', attachment }, context);
  },

  async remove(args, { respond, bot, guildId }) {
    const wanted = checkName(args.article, 'article name');
    if (!wanted.ok) {
      await respond.refuse(wanted.problem);
      return 'invalid-input';
    }
    const removed = await bot.servers.articles.remove(guildId, wanted.text);
    if (!removed) {
      await respond.send(
        noticeMessage(
          `This server has no article called “${echoed(wanted.text)}”. \`/admin list\` shows the ones it added.`,
        ),
        { private: true },
      );
      return 'not-found';
    }
    await bot.servers.viewFor(guildId);
    await respond.send(
      noticeMessage(
        `Removed **${echoed(removed.title, detailTitleLength)}** (\`${removed.key}\`). Its citation ids no longer work in this server.`,
      ),
      { private: true },
    );
    return 'answered';
  },

  async list(_args, { respond, bot, guildId }) {
    const [own, usage] = await Promise.all([bot.servers.articles.list(guildId), bot.servers.articles.usage(guildId)]);
    await respond.send(serverArticlesMessage(own, usage), { private: true });
    return 'answered';
  },

  async reload(_args, { respond, bot }) {
    let shared;
    try {
      shared = await bot.reloadSharedArticles();
    } catch (error) {
      if (!(error instanceof ArticlesFolderError)) throw error;
      await respond.send(noticeMessage(`${escapeMarkdown(error.message)} I kept the articles I had.`), {
        private: true,
      });
      return 'not-found';
    }
    await respond.send(
      reloadMessage({
        articleCount: shared.engine.articles.length,
        sentenceCount: shared.engine.sentenceCount,
        fromStore: shared.indexSource === 'stored',
        analysedCount: shared.analysedCount,
        warnings: shared.warnings,
      }),
      { private: true },
    );
    return 'answered';
  },
};

/** Generic over the subcommand, so that the handler looked up is the one for these arguments. */
function runSubcommand<S extends Subcommand>(
  args: Extract<AdminArguments, { subcommand: S }>,
  context: AdminContext,
): Promise<Outcome> {
  const handler: (typeof subcommands)[S] = subcommands[args.subcommand];
  return handler(args, context);
}

export const admin = chatInputCommand({
  definition,
  summary: {
    usage: '/admin add|remove|list|reload',
    description:
      "(Manage Server) this server's own articles, from attachments or news page links; reload re-reads the shared folder.",
  },
  // Every reply is for the admin alone; adding and removing download, read and rebuild, beyond Discord's 3 seconds.
  reply: { defer: 'first', private: true },
  async execute(interaction, args, respond, bot) {
    if (!(await requireManageServer(interaction, respond, "manage this server's articles"))) return 'forbidden';
    return runSubcommand(args, { interaction, respond, bot, guildId: interaction.guildId! });
  },
  async autocomplete(interaction, bot) {
    if (!canManageServer(interaction) || interaction.guildId === null) return [];
    const words = typedWords(interaction.options.getFocused());
    const own = await bot.servers.articles.list(interaction.guildId);
    return own
      .filter((article) => holdsEvery(`${article.key} ${article.file} ${article.title}`.toLowerCase(), words))
      .slice(0, discordLimits.autocompleteChoices)
      .map((article) => choice(`${article.title} (${article.file})`, article.file));
  },
});

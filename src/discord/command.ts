/**
 * What a command module in commands/ provides: its definition as plain data (what Discord
 * registers) and its handler. Handlers decide what to say; the Responder decides how it is
 * sent.
 */
import type { APIApplicationCommandOptionChoice, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { StoredLibrary } from '../library/folder.ts';
import type { Logger } from '../log.ts';
import type { CommandSummary } from '../present/discord/views.ts';
import type { FeedbackStore } from '../store/feedback.ts';
import type { PageRules } from '../corpus/web/fetchPage.ts';
import type { AttachmentRules } from './attachments.ts';
import type { ButtonStateStore } from './buttonState.ts';
import type { LinkAddLimits } from './linkLimits.ts';
import type { Responder } from './replyPolicy.ts';
import type { ServerDirectory } from './servers.ts';

export interface BotContext {
  /** Each server's articles and settings: `servers.viewFor(interaction.guildId)`. */
  readonly servers: ServerDirectory;
  readonly buttons: ButtonStateStore;
  readonly feedback: FeedbackStore;
  /**
   * Reads ARTICLES_DIR again in this process and, under the sharding manager, in every other
   * shard (each keeps its own copy of the shared articles); resolves with this process's result.
   */
  reloadSharedArticles(): Promise<StoredLibrary>;
  /** Where /admin add may download attachments from, and how much. */
  readonly attachments: AttachmentRules;
  /** How /admin add url: downloads a page: sizes, time, redirects, which addresses (CITEBOT_ALLOW_PRIVATE_URLS). */
  readonly pages: PageRules;
  /** How many links a member and a server may add. */
  readonly linkAdds: LinkAddLimits;
  readonly buttonLifetimeMs: number;
  readonly log: Logger;
  /** Summaries of every command, for /help. */
  readonly summaries: readonly CommandSummary[];
}

/** How an interaction ended, for its log line. 'store-unavailable': it needed the store, which failed (src/store/errors.ts). */
export type Outcome =
  | 'answered'
  | 'no-answer'
  | 'invalid-input'
  | 'not-found'
  | 'expired'
  | 'rate-limited'
  | 'forbidden'
  | 'store-unavailable'
  | 'error';

export interface Command<
  I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction = ChatInputCommandInteraction,
> {
  readonly definition: RESTPostAPIApplicationCommandsJSONBody;
  readonly summary: CommandSummary;
  execute(interaction: I, respond: Responder, bot: BotContext): Promise<Outcome>;
  autocomplete?(
    interaction: AutocompleteInteraction,
    bot: BotContext,
  ): Promise<APIApplicationCommandOptionChoice<string>[]>;
}

/** Buttons: the part of a custom_id before the first colon names the handler. */
export interface ButtonHandler {
  readonly prefix: string;
  execute(interaction: ButtonInteraction, argument: string, respond: Responder, bot: BotContext): Promise<Outcome>;
}

export type AnyCommand = Command<ChatInputCommandInteraction> | Command<MessageContextMenuCommandInteraction>;

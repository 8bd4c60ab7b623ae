/**
 * What a command module in commands/ provides: its definition as plain data (what Discord
 * registers) and its handler. Handlers decide what to say; the Responder decides how it is
 * sent.
 */
import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
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
import { readArguments, type ArgumentsOf, type ChatInputDefinition } from './arguments.ts';
import type { AttachmentRules } from './attachments.ts';
import type { ButtonStateStore } from './buttonState.ts';
import type { ButtonKind, ButtonPressOf } from './customId.ts';
import type { ArticleAddLimits } from './addLimits.ts';
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
  /** How many articles a server, and links a member, may add. */
  readonly articleAdds: ArticleAddLimits;
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

/**
 * How the interaction is acknowledged, decided before the handler runs and applied by the
 * router: 'first' defers at once (Discord allows 3 seconds before the first response, and
 * reading the store or loading or rebuilding an index can take longer), publicly or privately
 * as `private` says; 'never' answers directly, only for handlers that answer from memory
 * without waiting on anything.
 */
export type DeferPolicy<A> =
  | { readonly defer: 'never' }
  | {
      readonly defer: 'first';
      readonly private: boolean | ((args: A, bot: BotContext, guildId: string | null) => Promise<boolean>);
    };

/** What was typed, checked: the input a handler works with, or the problem to refuse privately. */
export type Checked<Input> =
  { readonly ok: true; readonly input: Input } | { readonly ok: false; readonly problem: string };

/**
 * A slash command: its definition is the type of its arguments, and `check` turns them into
 * its input (a question normalised, say) before any acknowledgement: cheap checks only.
 */
export interface ChatInputCommand<D extends ChatInputDefinition, Input = ArgumentsOf<D>> {
  readonly definition: D;
  readonly summary: CommandSummary;
  readonly reply: DeferPolicy<Input>;
  check(args: ArgumentsOf<D>): Checked<Input>;
  execute(
    interaction: ChatInputCommandInteraction,
    input: Input,
    respond: Responder,
    bot: BotContext,
  ): Promise<Outcome>;
  autocomplete?(
    interaction: AutocompleteInteraction,
    bot: BotContext,
  ): Promise<APIApplicationCommandOptionChoice<string>[]>;
}

/** A message context-menu command: it receives the message, not options, and checks it as a slash command checks its arguments. */
export interface MessageCommand<Input> {
  readonly definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  readonly summary: CommandSummary;
  readonly reply: DeferPolicy<Input>;
  check(interaction: MessageContextMenuCommandInteraction): Checked<Input>;
  execute(
    interaction: MessageContextMenuCommandInteraction,
    input: Input,
    respond: Responder,
    bot: BotContext,
  ): Promise<Outcome>;
}

/** A command about to run: refused for its input, or acknowledged as `deferPrivately` says (null: not deferred), then run. */
export type StartedCommand =
  | { readonly refusal: string }
  | { readonly refusal: null; readonly deferPrivately: boolean | null; run(respond: Responder): Promise<Outcome> };

/** What the router holds: either kind of command, its arguments read when it starts. */
export type AnyCommand =
  | {
      readonly kind: 'chat-input';
      readonly definition: ChatInputDefinition;
      readonly summary: CommandSummary;
      start(interaction: ChatInputCommandInteraction, bot: BotContext): Promise<StartedCommand>;
      autocomplete?(
        interaction: AutocompleteInteraction,
        bot: BotContext,
      ): Promise<APIApplicationCommandOptionChoice<string>[]>;
    }
  | {
      readonly kind: 'message';
      readonly definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
      readonly summary: CommandSummary;
      start(interaction: MessageContextMenuCommandInteraction, bot: BotContext): Promise<StartedCommand>;
      autocomplete?: undefined;
    };

/** Whether to defer privately, publicly (false), or not at all (null). */
async function deferVisibility<A>(
  policy: DeferPolicy<A>,
  args: A,
  bot: BotContext,
  guildId: string | null,
): Promise<boolean | null> {
  if (policy.defer === 'never') return null;
  return typeof policy.private === 'boolean' ? policy.private : policy.private(args, bot, guildId);
}

/** A command whose input was checked: refused with the problem, or ready to be acknowledged as its policy says, then run. */
async function startChecked<Input>(
  checked: Checked<Input>,
  reply: DeferPolicy<Input>,
  bot: BotContext,
  guildId: string | null,
  execute: (input: Input, respond: Responder) => Promise<Outcome>,
): Promise<StartedCommand> {
  if (!checked.ok) return { refusal: checked.problem };
  const { input } = checked;
  return {
    refusal: null,
    deferPrivately: await deferVisibility(reply, input, bot, guildId),
    run: (respond) => execute(input, respond),
  };
}

/** A slash command as the router holds it: its options are read into its arguments, then checked, when it starts. */
export function checkedChatInputCommand<const D extends ChatInputDefinition, Input>(
  command: ChatInputCommand<D, Input>,
): AnyCommand {
  return {
    kind: 'chat-input',
    definition: command.definition,
    summary: command.summary,
    ...(command.autocomplete ? { autocomplete: command.autocomplete.bind(command) } : {}),
    start: (interaction, bot) =>
      startChecked(
        command.check(readArguments(command.definition, interaction)),
        command.reply,
        bot,
        interaction.guildId,
        (input, respond) => command.execute(interaction, input, respond, bot),
      ),
  };
}

/** A slash command whose arguments need no check before it runs: they are its input. */
export function chatInputCommand<const D extends ChatInputDefinition>(
  command: Omit<ChatInputCommand<D>, 'check'>,
): AnyCommand {
  return checkedChatInputCommand({ ...command, check: (args) => ({ ok: true, input: args }) });
}

/** A message command as the router holds it. */
export function messageCommand<Input>(command: MessageCommand<Input>): AnyCommand {
  return {
    kind: 'message',
    definition: command.definition,
    summary: command.summary,
    start: (interaction, bot) =>
      startChecked(command.check(interaction), command.reply, bot, interaction.guildId, (input, respond) =>
        command.execute(interaction, input, respond, bot),
      ),
  };
}

/**
 * How a button press is acknowledged, always before its handler runs: deferred at once
 * ('first'), or, for a button that replaces the message it is on (paging) and may wait
 * first, as an update to come (Discord's deferred update), the message then edited.
 *
 * Whether a deferral is private is decided from the press alone (the message the button is
 * on), never from the store: the rate-limit count has already taken up to 500 ms of
 * Discord's 3 seconds, and a store read may take 2 s more. What is stored is read after.
 */
export type ButtonDeferPolicy =
  | { readonly defer: 'first'; readonly private: boolean | ((interaction: ButtonInteraction) => boolean) }
  | { readonly defer: 'update' };

/** Whether a button press is acknowledged privately, as its policy says (a press that updates its message has no say). */
export function buttonDeferPrivately(
  reply: Extract<ButtonDeferPolicy, { defer: 'first' }>,
  interaction: ButtonInteraction,
): boolean {
  return typeof reply.private === 'boolean' ? reply.private : reply.private(interaction);
}

/** Buttons: the kind a custom_id names (customId.ts) picks the handler, which gets the press decoded. */
export interface ButtonHandler<K extends ButtonKind = ButtonKind> {
  readonly kind: K;
  readonly reply: ButtonDeferPolicy;
  execute(
    interaction: ButtonInteraction,
    press: ButtonPressOf<K>,
    respond: Responder,
    bot: BotContext,
  ): Promise<Outcome>;
}

/** One handler for every kind of button the bot makes: a kind without one is a type error. */
export type ButtonHandlers = { readonly [K in ButtonKind]: ButtonHandler<K> };

/**
 * Routes every interaction to its command or button handler, and owns what is common to all
 * of them: the per-user rate limit, catching a handler's error (a private apology, a log
 * line, and the bot goes on), and one structured log line per interaction with its command,
 * latency and outcome, never the text anyone typed.
 *
 * When the store fails: the rate limit is checked with a short time limit and lets the
 * interaction through when the store does not answer (see rateLimitTimeoutMs), and a handler
 * that failed on the store gets a plain "nothing was saved" instead of the apology for a bug.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { Logger } from '../log.ts';
import { discordLimits } from '../present/discord/limits.ts';
import { StoreUnavailableError, withTimeout } from '../store/errors.ts';
import {
  buttonDeferPrivately,
  type AnyCommand,
  type BotContext,
  type ButtonHandlers,
  type Outcome,
} from './command.ts';
import { decodeCustomId, type ButtonKind, type ButtonPressOf } from './customId.ts';
import { missingOptionProblem } from './input.ts';
import type { RateLimitDecision } from '../store/rateLimits.ts';
import type { RateLimiter } from './rateLimiter.ts';
import { Responder, type RepliableInteraction } from './replyPolicy.ts';

export const apology =
  'Sorry, something went wrong while answering that. It has been logged; please try again in a moment.';

/** The reply when a handler needed the store and it failed: whether anything changed is said as the store knows it. */
export function storeFailureMessage(error: StoreUnavailableError): string {
  return error.outcome === 'not-done'
    ? "I can't reach my storage right now, so I couldn't do that; nothing was changed. Please try again in a minute."
    : "I couldn't reach my storage in time, so I can't tell whether that was saved. Please check in a minute, and try again if it was not.";
}

/**
 * How long the rate-limit count may take before the interaction goes ahead uncounted. The
 * count comes before any acknowledgement (a refusal is private, an answer may be public, and
 * which one is not known until the count is in), so it must leave the command most of
 * Discord's 3 seconds: a command reads at most its server's view before acknowledging, and
 * that waits at most viewReadTimeoutMs (1 s, servers.ts) before answering from memory.
 * Failing open, not shut: while the store is down the limit is lifted and the bot answers
 * from memory, rather than refusing everyone.
 */
export const rateLimitTimeoutMs = 500;

/** A button's name in the log: its kind, or the first part of an id the bot does not make. */
function buttonName(customId: string): string {
  const press = decodeCustomId(customId);
  return press.kind ?? press.prefix;
}

export class InteractionRouter {
  private readonly commandsByName: ReadonlyMap<string, AnyCommand>;
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(
    private readonly bot: BotContext,
    commands: readonly AnyCommand[],
    private readonly buttons: ButtonHandlers,
    private readonly rateLimiter: RateLimiter,
    private readonly log: Logger,
  ) {
    this.commandsByName = new Map(commands.map((command) => [command.definition.name, command]));
  }

  /** Starts handling an interaction; never throws, never rejects. */
  handle(interaction: Interaction): void {
    if (!this.accepting) return;
    const receivedAt = Date.now();
    const work: Promise<void> = (
      interaction.isAutocomplete() ? this.autocomplete(interaction, receivedAt) : this.respond(interaction, receivedAt)
    )
      .catch((error: unknown) => this.log.error({ err: error }, 'interaction handling failed'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Stops taking new interactions (shutdown); those in flight go on. */
  stop(): void {
    this.accepting = false;
  }

  /** Waits for the interactions in flight, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
    return this.inFlight.size;
  }

  private async autocomplete(interaction: AutocompleteInteraction, receivedAt: number): Promise<void> {
    const command = this.commandsByName.get(interaction.commandName);
    let outcome: Outcome = 'answered';
    try {
      const choices = (await command?.autocomplete?.(interaction, this.bot)) ?? [];
      await interaction.respond(choices.slice(0, discordLimits.autocompleteChoices));
    } catch (error) {
      outcome = 'error';
      this.log.error({ err: error, command: interaction.commandName }, 'autocomplete failed');
    }
    // Autocomplete fires on every keystroke, so its line is at debug level.
    this.log.debug(
      {
        interaction: 'autocomplete',
        command: interaction.commandName,
        user: interaction.user.id,
        latencyMs: Date.now() - receivedAt,
        outcome,
      },
      'interaction',
    );
  }

  private async respond(interaction: Interaction, receivedAt: number): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand() && !interaction.isButton())
      return;
    const respond = new Responder(interaction, receivedAt);
    const name = interaction.isButton() ? `button:${buttonName(interaction.customId)}` : interaction.commandName;
    let outcome: Outcome;
    try {
      outcome = await this.dispatch(interaction, respond);
    } catch (error) {
      const missing = interaction.isChatInputCommand()
        ? missingOptionProblem(error, {
            name: interaction.commandName,
            subcommand: interaction.options.getSubcommand(false),
            usage: this.commandsByName.get(interaction.commandName)?.summary.usage,
          })
        : null;
      if (missing !== null) {
        // The user's command was incomplete, not the bot broken: say what is missing.
        outcome = 'invalid-input';
        this.log.warn(
          { command: name, user: interaction.user.id, problem: (error as Error).message },
          'required option missing',
        );
        await respond
          .refuse(missing)
          .catch((replyError: unknown) =>
            this.log.warn({ err: replyError, command: name }, 'could not send the refusal'),
          );
      } else {
        const storeFailed = error instanceof StoreUnavailableError;
        outcome = storeFailed ? 'store-unavailable' : 'error';
        this.log.error(
          { err: error, command: name, user: interaction.user.id },
          storeFailed ? 'store unavailable' : 'handler failed',
        );
        await respond
          .send({ content: storeFailed ? storeFailureMessage(error) : apology }, { private: true })
          .catch((replyError: unknown) =>
            this.log.warn({ err: replyError, command: name }, 'could not send the apology'),
          );
      }
    }
    this.log.info(
      {
        interaction: interaction.isButton() ? 'button' : 'command',
        command: name,
        user: interaction.user.id,
        guild: interaction.guildId,
        latencyMs: Date.now() - receivedAt,
        firstResponseMs: respond.firstResponseMs,
        outcome,
      },
      'interaction',
    );
  }

  private async rateLimit(userId: string): Promise<RateLimitDecision> {
    try {
      return await withTimeout(this.rateLimiter.take(userId), rateLimitTimeoutMs, 'the rate-limit count');
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.log.warn({ err: error, user: userId }, 'rate limit unavailable: interaction let through');
      return { allowed: true, retryAfterMs: 0 };
    }
  }

  /** Generic over the kind, so that the handler looked up is the one for this press's kind. */
  private async pressButton<K extends ButtonKind>(
    interaction: ButtonInteraction,
    press: ButtonPressOf<K>,
    respond: Responder,
  ): Promise<Outcome> {
    const handler: ButtonHandlers[K] = this.buttons[press.kind];
    const reply = handler.reply;
    if (reply.defer === 'update') await respond.deferUpdate();
    else await respond.defer({ private: buttonDeferPrivately(reply, interaction) });
    return handler.execute(interaction, press, respond, this.bot);
  }

  /** The defer policy's part: acknowledge now (privately or not), or leave the first reply to the handler. */
  private async acknowledge(respond: Responder, deferPrivately: boolean | null): Promise<void> {
    if (deferPrivately !== null) await respond.defer({ private: deferPrivately });
  }

  private async runCommand(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    respond: Responder,
  ): Promise<Outcome> {
    const command = this.commandsByName.get(interaction.commandName);
    // A command registered under this name, of the kind of interaction that came.
    const started =
      command?.kind === 'chat-input' && interaction.isChatInputCommand()
        ? await command.start(interaction, this.bot)
        : command?.kind === 'message' && interaction.isMessageContextMenuCommand()
          ? await command.start(interaction, this.bot)
          : undefined;
    if (started === undefined) {
      await respond.refuse('I no longer have that command. `/help` lists the ones I have.');
      return 'not-found';
    }
    if (started.refusal !== null) {
      await respond.refuse(started.refusal);
      return 'invalid-input';
    }
    await this.acknowledge(respond, started.deferPrivately);
    return started.run(respond);
  }

  private async dispatch(interaction: RepliableInteraction, respond: Responder): Promise<Outcome> {
    const decision = await this.rateLimit(interaction.user.id);
    if (!decision.allowed) {
      await respond.refuse(
        `You're asking faster than I can keep the channel readable. Please wait ${Math.ceil(decision.retryAfterMs / 1000)} s and try again.`,
      );
      return 'rate-limited';
    }
    if (interaction.isButton()) {
      const press = decodeCustomId(interaction.customId);
      if (press.kind === null) {
        await respond.refuse('This button no longer works. Run the command again.');
        return 'expired';
      }
      return this.pressButton(interaction, press, respond);
    }
    return this.runCommand(interaction, respond);
  }
}

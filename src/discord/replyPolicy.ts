/**
 * The one place that decides how every reply is sent:
 * - allowed_mentions `parse: []` on every message, so quoted text containing `@everyone`,
 *   `<@id>` or `<@&id>` pings no one (the client default says the same, as a second guard);
 * - private (ephemeral) for errors and refusals;
 * - defer-then-edit: a deferred reply is completed by editing it; a private answer after a
 *   public deferral replaces the placeholder with a private follow-up; a button's deferred
 *   update is completed by editing the message the button is on;
 * - a last check of Discord's limits, so an over-long message is logged as our bug rather
 *   than sent and refused.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { DiscordMessage } from '../present/discord/message.ts';
import { limitViolations } from '../present/discord/message.ts';

export const noMentions = { parse: [] as never[] };

export type RepliableInteraction =
  ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction;

export class MessageOverLimitsError extends Error {
  constructor(readonly violations: readonly string[]) {
    super(`message breaks Discord's limits: ${violations.join('; ')}`);
  }
}

function checked(message: DiscordMessage): DiscordMessage {
  const violations = limitViolations(message);
  if (violations.length > 0) throw new MessageOverLimitsError(violations);
  return message;
}

/** Sends replies for one interaction; the handlers never call discord.js reply methods themselves. */
export class Responder {
  /** Milliseconds from receipt to the first response Discord saw, for the interaction's log line. */
  firstResponseMs: number | null = null;

  /** Acknowledged as an update of the button's message: the original is that message, not a reply of ours. */
  private deferredUpdate = false;

  constructor(
    readonly interaction: RepliableInteraction,
    private readonly receivedAt: number,
  ) {}

  private noteFirstResponse(): void {
    this.firstResponseMs ??= Date.now() - this.receivedAt;
  }

  /** Whether the reply was deferred privately (undefined until deferred): what its answer must follow. */
  deferredPrivately: boolean | undefined;

  /** Acknowledges now, within Discord's 3 seconds, for work that could be slow. */
  async defer(options: { private?: boolean } = {}): Promise<void> {
    if (this.interaction.deferred || this.interaction.replied) return;
    await this.interaction.deferReply(options.private ? { flags: MessageFlags.Ephemeral } : {});
    this.deferredPrivately = options.private === true;
    this.noteFirstResponse();
  }

  /** Acknowledges a button press now as an update of its message (`update` completes it), for work that could be slow. */
  async deferUpdate(): Promise<void> {
    const interaction = this.interaction;
    if (interaction.deferred || interaction.replied) return;
    if (!interaction.isButton()) throw new Error('only a button interaction can update its message');
    await interaction.deferUpdate();
    this.deferredUpdate = true;
    this.noteFirstResponse();
  }

  /** The answer, public unless `private` is set. */
  async send(message: DiscordMessage, options: { private?: boolean } = {}): Promise<void> {
    const body = { ...checked(message), allowedMentions: noMentions };
    const interaction = this.interaction;
    if (this.deferredUpdate) {
      // A new message under the button's, which stays as it was.
      await interaction.followUp({ ...body, flags: options.private ? MessageFlags.Ephemeral : undefined });
    } else if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...body, flags: options.private ? MessageFlags.Ephemeral : undefined });
      this.noteFirstResponse();
    } else if (interaction.replied) {
      await interaction.followUp({ ...body, flags: options.private ? MessageFlags.Ephemeral : undefined });
    } else if (Boolean(options.private) === Boolean(interaction.ephemeral)) {
      await interaction.editReply(body);
    } else if (options.private) {
      // Deferred in public, answered in private: the private message first (it is what
      // matters to the user), then the public "thinking…" placeholder goes.
      await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      await interaction.deleteReply();
    } else {
      await interaction.editReply(body);
    }
  }

  /** A short private note: bad input, an expired button, "slow down". */
  async refuse(text: string): Promise<void> {
    await this.send({ content: text }, { private: true });
  }

  /** Replaces the message a button is on (paging), once deferUpdate has acknowledged the press. */
  async update(message: DiscordMessage): Promise<void> {
    if (!this.deferredUpdate) throw new Error('a button updates its message only after deferUpdate');
    await this.interaction.editReply({ ...checked(message), allowedMentions: noMentions });
  }
}

/**
 * The Discord stand-in as a test uses it: the server (server.ts) plus what a user does in
 * Discord — run a slash command or a subcommand, type into an option with autocomplete, use a
 * message's context menu, press a button on a message the bot sent.
 */
import type { InteractionRecord, VisibleMessage } from './interaction.ts';
import { optionList, resolvedAttachments, userPayload } from './payloads.ts';
import { interactionTypes, snowflake, type Actor, type Json, type OptionValue } from './protocol.ts';
import { StandInServer } from './server.ts';

export class DiscordStandIn extends StandInServer {
  user(id = snowflake(), name = 'reader'): Json {
    return userPayload(id, name);
  }

  private commandId(name: string): string {
    for (const commands of this.registeredCommands.values()) {
      const found = commands.find((command) => command.name === name);
      if (found) return found.id;
    }
    return snowflake();
  }

  /** A slash command with options given as name -> value (numbers are integers; objects are attachments from `attach`). */
  slashCommand(name: string, options: Record<string, OptionValue> = {}, as?: string | Actor): InteractionRecord {
    return this.dispatchInteraction(
      interactionTypes.ApplicationCommand,
      {
        id: this.commandId(name),
        name,
        type: 1,
        options: optionList(options),
        ...resolvedAttachments(options),
      },
      {},
      as,
    );
  }

  /** A subcommand (`/admin add file:…`). */
  subcommand(
    name: string,
    subcommand: string,
    options: Record<string, OptionValue> = {},
    as?: string | Actor,
  ): InteractionRecord {
    return this.dispatchInteraction(
      interactionTypes.ApplicationCommand,
      {
        id: this.commandId(name),
        name,
        type: 1,
        options: [{ name: subcommand, type: 1, options: optionList(options) }],
        ...resolvedAttachments(options),
      },
      {},
      as,
    );
  }

  /** Autocomplete while typing `focused` in a slash command's option (in `subcommand` when given). */
  autocomplete(
    name: string,
    focused: string,
    typed: string,
    otherOptions: Record<string, string | number> = {},
    as?: string | Actor,
    subcommand?: string,
  ): InteractionRecord {
    const typedOptions = [...optionList(otherOptions), { name: focused, type: 3, value: typed, focused: true }];
    const options = subcommand ? [{ name: subcommand, type: 1, options: typedOptions }] : typedOptions;
    return this.dispatchInteraction(
      interactionTypes.Autocomplete,
      { id: this.commandId(name), name, type: 1, options },
      {},
      as,
    );
  }

  /** A message context-menu command on a message with this text. */
  messageCommand(name: string, messageText: string, as?: string | Actor): InteractionRecord {
    const guildId = (typeof as === 'object' ? as.guildId : undefined) ?? this.guildId;
    const target = this.sentMessages.message(snowflake(), { content: messageText }, guildId, {
      id: this.ownerId,
      username: 'someone',
      discriminator: '0',
      global_name: 'someone',
      avatar: null,
    });
    return this.dispatchInteraction(
      interactionTypes.ApplicationCommand,
      {
        id: this.commandId(name),
        name,
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
      {},
      as,
    );
  }

  /** Presses a button on a message the bot sent, in the server the message is in. */
  pressButton(message: VisibleMessage, label: string, as?: string | Actor): InteractionRecord {
    const button = message.components
      .flatMap((row) => row.components as Json[])
      .find((component) => component.label === label);
    if (!button) throw new Error(`no button labelled ${label} on message ${message.id}`);
    const stored =
      this.sentMessages.stored(message.id) ?? this.sentMessages.message(message.id, message.payload, this.guildId);
    const actor: Actor = typeof as === 'string' ? { userId: as } : (as ?? {});
    return this.dispatchInteraction(
      interactionTypes.MessageComponent,
      { custom_id: button.custom_id, component_type: 2 },
      { message: stored },
      { guildId: this.sentMessages.guildOf(message.id), ...actor },
    );
  }
}

/**
 * The messages the bot sent through interactions: stored as Discord would serve them back,
 * with the server each is in (so that a button on it is pressed there), and shown on the
 * interaction's record as the user sees them.
 */
import type { InteractionRecord, VisibleMessage } from './interaction.ts';
import { whoWouldBePinged } from './limits.ts';
import { messagePayload, type StandInIdentity } from './payloads.ts';
import { ephemeralFlag, type Json } from './protocol.ts';

export class SentMessages {
  private readonly byId = new Map<string, Json>();
  private readonly guildById = new Map<string, string>();

  constructor(
    private readonly identity: StandInIdentity,
    /** The channel the stand-in has in a server. */
    private readonly channelOf: (guildId: string) => string | undefined,
  ) {}

  /** A message object in a server's channel, the bot's unless an author is given (not stored). */
  message(id: string, body: Json, guildId: string, author?: Json, flags = 0): Json {
    return messagePayload(this.identity, { guildId, channelId: this.channelOf(guildId) }, id, body, author, flags);
  }

  /** The message as Discord stores it, if the bot sent it. */
  stored(id: string): Json | undefined {
    return this.byId.get(id);
  }

  /** The server a message the bot sent is in. */
  guildOf(id: string): string | undefined {
    return this.guildById.get(id);
  }

  /** Stores a message the bot sent for an interaction and shows it on the record; returns the stored message. */
  show(record: InteractionRecord, via: VisibleMessage['via'], id: string, body: Json, ephemeral: boolean): Json {
    const guildId = String(record.payload.guild_id);
    const stored = this.message(id, body, guildId, undefined, ephemeral ? ephemeralFlag : 0);
    this.byId.set(id, stored);
    this.guildById.set(id, guildId);
    const message: VisibleMessage = {
      id,
      via,
      ephemeral,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      payload: body,
      pinged: ephemeral ? [] : whoWouldBePinged(body),
      atMs: Date.now() - record.dispatchedAt,
    };
    record.messages.push(message);
    record.emit('message', message);
    return stored;
  }
}

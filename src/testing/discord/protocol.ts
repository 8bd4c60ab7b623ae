/**
 * The vocabulary of Discord's API the stand-in speaks: snowflakes and shards, interaction and
 * callback types, permission bits, and the shapes a test hands in (who acts, what file is
 * attached). Routes and values follow the API reference (discord.com/developers/docs).
 */

/** Discord's epoch for snowflakes: 2015-01-01. */
const discordEpoch = 1_420_070_400_000n;
let snowflakeSequence = 0n;
export function snowflake(): string {
  snowflakeSequence = (snowflakeSequence + 1n) % 4096n;
  return (((BigInt(Date.now()) - discordEpoch) << 22n) | snowflakeSequence).toString();
}

/** Gateway intents Discord calls privileged: they need approval in the developer portal. */
export const privilegedIntents = { GuildMembers: 1 << 1, GuildPresences: 1 << 8, MessageContent: 1 << 15 };

/** A snowflake whose server lands on `shard` of `shardCount`: its timestamp part, modulo the count, is the shard. */
export function snowflakeOnShard(shard: number, shardCount: number): string {
  let id = BigInt(snowflake());
  while (Number((id >> 22n) % BigInt(shardCount)) !== shard) id += 1n << 22n;
  return id.toString();
}

/** The shard Discord sends a server's events to. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Member permissions in a server: everything but Administrator and Manage Server, as for an ordinary member. */
export const memberPermissions = '2248473465835073';
/** What a server admin has in addition (Manage Server, 1 << 5). */
export const manageServerPermissions = (BigInt(memberPermissions) | (1n << 5n)).toString();

/** Who starts an interaction, and where. */
export interface Actor {
  readonly userId?: string;
  /** One of the stand-in's servers; the first when absent. */
  readonly guildId?: string;
  /** The member's permissions (a bit set as a decimal string); an ordinary member's when absent. */
  readonly permissions?: string;
}

/** A file to attach to a command, as the user picked it. */
export interface AttachmentFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  /** The size Discord reports; the real size when absent. */
  readonly declaredSize?: number;
}

/** Interaction types (Interactions › Receiving and Responding › Interaction Type). */
export const interactionTypes = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
/** Interaction callback types (Interactions › Receiving and Responding › Interaction Callback Type). */
export const callbackTypes = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
} as const;
/** Message flag EPHEMERAL (Channel › Message Flags): only the user who acted sees it. */
export const ephemeralFlag = 1 << 6;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are read field by field, loosely, as Discord's own are
export type Json = Record<string, any>;
/** An option's value: a string, an integer, a boolean, or an attachment from `attach`. */
export type OptionValue = string | number | boolean | Json;

/**
 * A Discord stand-in on 127.0.0.1: enough of Discord's REST API and gateway for the real
 * discord.js client to log in, receive interactions and answer them, and strict where Discord
 * is strict, so that a test fails where Discord would refuse:
 *
 * - the first response to an interaction must arrive within 3 seconds, and only once;
 * - messages must respect Discord's limits (content 2000; embed title 256, description 4096,
 *   25 fields, field name 256 and value 1024, footer 2048, 6000 in all; 10 embeds; 5 rows of
 *   5 buttons, custom_id 100, label 80; no empty message) and autocomplete at most 25 choices
 *   with names and values of at most 100 characters;
 * - IDENTIFY with a wrong token closes with 4004, privileged intents with 4014;
 * - with several shards (`shards: 2`), GET /gateway/bot recommends that many, IDENTIFY must
 *   carry [shard_id, num_shards], and each server's events go only to its shard,
 *   (guild_id >> 22) % num_shards, as Discord routes them (Topics › Gateway › Sharding);
 * - files attached to a command (an ATTACHMENT option) arrive in resolved.attachments with a
 *   URL on the stand-in itself, as Discord's CDN serves them.
 *
 * The limit checks here are written apart from the bot's own (src/present/discord/message.ts)
 * so that a mistake in one is caught by the other. Routes follow the API reference
 * (discord.com/developers/docs): Gateway, Interactions › Receiving and Responding,
 * Application Commands.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Discord's epoch for snowflakes: 2015-01-01. */
const discordEpoch = 1_420_070_400_000n;
let snowflakeSequence = 0n;
export function snowflake(): string {
  snowflakeSequence = (snowflakeSequence + 1n) % 4096n;
  return (((BigInt(Date.now()) - discordEpoch) << 22n) | snowflakeSequence).toString();
}

/** Gateway intents Discord calls privileged: they need approval in the developer portal. */
const privilegedIntents = { GuildMembers: 1 << 1, GuildPresences: 1 << 8, MessageContent: 1 << 15 };

/** A snowflake whose server lands on `shard` of `shardCount`: its timestamp part, modulo the count, is the shard. */
function snowflakeOnShard(shard: number, shardCount: number): string {
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

export const interactionTypes = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4 } as const;
export const callbackTypes = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
} as const;
const ephemeralFlag = 1 << 6;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are read field by field, loosely, as Discord's own are
type Json = Record<string, any>;
/** An option's value: a string, an integer, a boolean, or an attachment from `attach`. */
export type OptionValue = string | number | boolean | Json;
type GatewaySocket = WebSocket & { identified?: boolean; shard?: number; sequence?: number };

/** A message as the user sees it, with the payload exactly as the stand-in received it. */
export interface VisibleMessage {
  readonly id: string;
  /** callback (type 4 or 7), edit of the original, or follow-up. */
  readonly via: 'callback' | 'edit' | 'followup';
  readonly ephemeral: boolean;
  readonly content: string;
  readonly embeds: Json[];
  readonly components: Json[];
  /** The JSON body the bot sent for this message. */
  readonly payload: Json;
  /** Who Discord would notify: `@everyone`, `user:<id>`, `role:<id>`. */
  readonly pinged: readonly string[];
  readonly atMs: number;
}

export class InteractionRecord extends EventEmitter {
  readonly dispatchedAt = Date.now();
  /** The shard the interaction was sent to, or null when no session had its server. */
  shard: number | null = null;
  callback: { type: number; data: Json | undefined; atMs: number } | null = null;
  readonly messages: VisibleMessage[] = [];
  choices: Json[] | null = null;
  /** Why Discord would show "The application did not respond", if it would. */
  failure: string | null = null;
  originalDeleted = false;
  /** Set by a test: Discord's answer to the first response is held this long (a slow network), to keep the interaction in flight. */
  holdCallbackAnswerMs = 0;
  /** Set by a test: the next edit of the original is refused with this status, to provoke a failure. */
  refuseNextEdit: { status: number; code: number; message: string } | null = null;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly type: number,
    readonly payload: Json,
  ) {
    super();
  }

  get firstResponseMs(): number | null {
    return this.callback?.atMs ?? null;
  }

  /** The last message the user sees. */
  get reply(): VisibleMessage | undefined {
    return this.messages.at(-1);
  }

  /** Resolves with the first message the user sees (or autocomplete choices), failing when Discord would have given up. */
  async settled(timeoutMs = 10_000): Promise<VisibleMessage> {
    const done = (): VisibleMessage | undefined => this.messages[0];
    const first = done();
    if (first) return first;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('message', onMessage);
        reject(
          new Error(
            `no visible reply to interaction ${this.id} within ${timeoutMs} ms${this.failure ? ` (${this.failure})` : ''}; callback: ${JSON.stringify(this.callback)}`,
          ),
        );
      }, timeoutMs);
      const onMessage = (message: VisibleMessage): void => {
        clearTimeout(timer);
        resolve(message);
      };
      this.once('message', onMessage);
    });
  }

  /** Autocomplete: resolves with the choices. */
  async autocompleteChoices(timeoutMs = 5_000): Promise<Json[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.choices === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.choices === null)
      throw new Error(`no autocomplete answer to ${this.id}${this.failure ? ` (${this.failure})` : ''}`);
    return this.choices;
  }
}

export interface StandInOptions {
  readonly token?: string;
  /** Discord says 41250 ms; tests use less to see heartbeats happen. */
  readonly heartbeatIntervalMs?: number;
  /** Discord's 3 seconds for the first response to an interaction. */
  readonly responseDeadlineMs?: number;
  /** Servers the bot is in (1 when absent); with several shards, spread over them in turn. */
  readonly guilds?: number;
  /** Shards GET /gateway/bot recommends (1 when absent). */
  readonly shards?: number;
  /** session_start_limit.max_concurrency: shards that may identify at once (1 when absent, as for most bots). */
  readonly maxConcurrency?: number;
  /** Accept every connection and never answer a request, as an API behind a broken proxy or firewall does. */
  readonly unresponsive?: boolean;
}

export interface Rejection {
  readonly route: string;
  readonly status: number;
  readonly problems: readonly string[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Everyone Discord would notify for a message body, by its rules: mentions in content only, filtered by allowed_mentions. */
export function whoWouldBePinged(body: Json): string[] {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = body.allowed_mentions as Json | undefined;
  // Without allowed_mentions Discord parses every kind of mention in the content.
  const parse: string[] = allowed ? (allowed.parse ?? []) : ['everyone', 'users', 'roles'];
  const users: string[] = allowed?.users ?? [];
  const roles: string[] = allowed?.roles ?? [];
  const pinged: string[] = [];
  // A backslash before the mention makes it plain text.
  if (/(?<!\\)@(everyone|here)\b/.test(content) && parse.includes('everyone')) pinged.push('@everyone');
  for (const match of content.matchAll(/(?<!\\)<@!?(\d{1,20})>/g))
    if (parse.includes('users') || users.includes(match[1]!)) pinged.push(`user:${match[1]}`);
  for (const match of content.matchAll(/(?<!\\)<@&(\d{1,20})>/g))
    if (parse.includes('roles') || roles.includes(match[1]!)) pinged.push(`role:${match[1]}`);
  return pinged;
}

/** A REST answer the stand-in sends only after a while. */
class HeldAnswer {
  constructor(
    readonly result: Json | undefined,
    readonly holdMs: number,
  ) {}
}

/** Discord's checks on a message body, as the problems it would report. */
export function messageProblems(body: Json, options: { creating: boolean }): string[] {
  const problems: string[] = [];
  const length = (value: unknown): number => (typeof value === 'string' ? value.length : 0);
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string')
    problems.push('content: must be a string');
  if (length(content) > 2000) problems.push(`content: Must be 2000 or fewer in length (got ${length(content)})`);
  const embeds: Json[] = body.embeds ?? [];
  if (embeds.length > 10) problems.push('embeds: Must be 10 or fewer in length');
  let total = 0;
  embeds.forEach((embed, e) => {
    const check = (what: string, value: unknown, limit: number): void => {
      total += length(value);
      if (length(value) > limit)
        problems.push(`embeds.${e}.${what}: Must be ${limit} or fewer in length (got ${length(value)})`);
    };
    check('title', embed.title, 256);
    check('description', embed.description, 4096);
    check('footer.text', embed.footer?.text, 2048);
    check('author.name', embed.author?.name, 256);
    const fields: Json[] = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embeds.${e}.fields: Must be 25 or fewer in length`);
    fields.forEach((field, f) => {
      check(`fields.${f}.name`, field.name, 256);
      check(`fields.${f}.value`, field.value, 1024);
      if (length(field.name) === 0 || length(field.value) === 0)
        problems.push(`embeds.${e}.fields.${f}: name and value are required`);
    });
    if (embed.url !== undefined && !/^https?:\/\//.test(String(embed.url)))
      problems.push(`embeds.${e}.url: Not a well formed URL`);
  });
  if (total > 6000) problems.push(`embeds: Embed size exceeds maximum size of 6000 (got ${total})`);
  const rows: Json[] = body.components ?? [];
  if (rows.length > 5) problems.push('components: Must be 5 or fewer in length');
  const customIds = new Set<string>();
  rows.forEach((row, r) => {
    if (row.type !== 1) problems.push(`components.${r}.type: top-level components must be action rows`);
    const buttons: Json[] = row.components ?? [];
    if (buttons.length === 0 || buttons.length > 5)
      problems.push(`components.${r}.components: Must be between 1 and 5 in length`);
    buttons.forEach((button, b) => {
      const where = `components.${r}.components.${b}`;
      if (button.style !== 5) {
        if (length(button.custom_id) === 0 || length(button.custom_id) > 100)
          problems.push(`${where}.custom_id: Must be between 1 and 100 in length`);
        if (customIds.has(button.custom_id))
          problems.push(`${where}.custom_id: Component custom id cannot be duplicated`);
        customIds.add(button.custom_id);
      }
      if (length(button.label) > 80) problems.push(`${where}.label: Must be 80 or fewer in length`);
    });
  });
  const allowed = body.allowed_mentions as Json | undefined;
  if (allowed?.parse !== undefined)
    for (const kind of allowed.parse)
      if (!['everyone', 'users', 'roles'].includes(kind))
        problems.push(`allowed_mentions.parse: unknown value ${kind}`);
  if (
    options.creating &&
    length(content) === 0 &&
    embeds.length === 0 &&
    rows.length === 0 &&
    !(body.attachments?.length > 0)
  )
    problems.push('Cannot send an empty message');
  return problems;
}

export class DiscordStandIn extends EventEmitter {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUserId = this.applicationId;
  /** The servers the bot is in; with several shards, guildIds[i] is on shard i % shards. */
  readonly guildIds: readonly string[];
  readonly shardCount: number;
  readonly maxConcurrency: number;
  readonly ownerId = snowflake();
  private readonly channelIds = new Map<string, string>();
  private readonly attachments = new Map<string, AttachmentFile>();
  readonly heartbeatIntervalMs: number;
  readonly responseDeadlineMs: number;

  /** Commands registered, by scope: 'global' or the guild id. */
  readonly registeredCommands = new Map<string, Json[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Every request Discord would have refused (4xx), with its reasons. */
  readonly rejections: Rejection[] = [];
  /** Every route asked for that the stand-in does not know. */
  readonly unknownRoutes: string[] = [];
  identifies: Json[] = [];
  /** API requests received (attachment downloads not counted). */
  requests = 0;
  readonly unresponsive: boolean;
  heartbeats = 0;
  readonly gatewayCloses: { code: number; reason: string }[] = [];

  private server: Server | null = null;
  private gateway: WebSocketServer | null = null;
  private readonly sockets = new Set<WebSocket>();
  private readonly messagesById = new Map<string, Json>();
  /** The server each message the bot sent is in, so a button on it is pressed there. */
  private readonly guildOfMessage = new Map<string, string>();

  constructor(options: StandInOptions = {}) {
    super();
    // Shaped as Discord's are: the bot's id in base64, a timestamp, an HMAC, in base64url.
    this.token =
      options.token ??
      `${Buffer.from(this.applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
    this.unresponsive = options.unresponsive ?? false;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.responseDeadlineMs = options.responseDeadlineMs ?? 3_000;
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.guildIds = Array.from({ length: options.guilds ?? 1 }, (_, g) =>
      snowflakeOnShard(g % this.shardCount, this.shardCount),
    );
    for (const guildId of this.guildIds) this.channelIds.set(guildId, snowflake());
  }

  /** The first server. */
  get guildId(): string {
    return this.guildIds[0]!;
  }

  /** The first server's channel. */
  get channelId(): string {
    return this.channelIds.get(this.guildId)!;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** What to pass as DISCORD_API_URL: discord.js adds `/v10`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get connected(): boolean {
    return [...this.sockets].some((socket) => (socket as GatewaySocket).identified);
  }

  /** Shards with a live session. */
  get connectedShards(): number[] {
    return [...this.sockets]
      .flatMap((socket) => ((socket as GatewaySocket).identified ? [(socket as GatewaySocket).shard ?? 0] : []))
      .sort();
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.onRequest(request, response));
    this.gateway = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (request, socket, head) => {
      if (!request.url?.startsWith('/gateway')) return socket.destroy();
      this.gateway!.handleUpgrade(request, socket, head, (ws) => this.onGatewayConnection(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.gateway?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves once `shards` sessions (one per shard) have identified and been sent READY and GUILD_CREATE. */
  async waitForSession(timeoutMs = 30_000, shards = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (new Set(this.connectedShards).size < shards) {
      if (Date.now() > deadline)
        throw new Error(`${new Set(this.connectedShards).size} of ${shards} gateway sessions within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Serves a file as Discord's CDN would and returns the attachment object an interaction carries. */
  attach(file: AttachmentFile): Json {
    const id = snowflake();
    this.attachments.set(id, file);
    const url = `http://127.0.0.1:${this.port}/attachments/${this.channelId}/${id}/${encodeURIComponent(file.name)}`;
    return {
      id,
      filename: file.name,
      size: file.declaredSize ?? file.bytes.byteLength,
      url,
      proxy_url: url,
      ...(file.contentType ? { content_type: file.contentType } : {}),
      ephemeral: true,
    };
  }

  // ---- Interactions, as a user would start them ----

  user(id = snowflake(), name = 'reader'): Json {
    return { id, username: name, discriminator: '0', global_name: name, avatar: null };
  }

  private channelPayload(guildId: string): Json {
    return {
      id: this.channelIds.get(guildId)!,
      type: 0,
      guild_id: guildId,
      name: 'general',
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0,
    };
  }

  private commandId(name: string): string {
    for (const commands of this.registeredCommands.values()) {
      const found = commands.find((command) => command.name === name);
      if (found) return found.id;
    }
    return snowflake();
  }

  /** Sends INTERACTION_CREATE and returns the record that collects the bot's responses. */
  dispatchInteraction(type: number, data: Json, extra: Json = {}, as: string | Actor = {}): InteractionRecord {
    const actor: Actor = typeof as === 'string' ? { userId: as } : as;
    const userId = actor.userId;
    const guildId = actor.guildId ?? this.guildId;
    if (!this.channelIds.has(guildId)) throw new Error(`the bot is not in server ${guildId}`);
    data = { ...data, ...(type === interactionTypes.MessageComponent ? {} : { guild_id: guildId }) };
    const id = snowflake();
    const token = `token.${randomBytes(24).toString('base64url')}`;
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: guildId,
      channel: this.channelPayload(guildId),
      channel_id: this.channelIds.get(guildId),
      member: {
        user: this.user(userId),
        roles: [],
        premium_since: null,
        permissions: actor.permissions ?? memberPermissions,
        pending: false,
        nick: null,
        mute: false,
        deaf: false,
        joined_at: new Date().toISOString(),
        flags: 0,
      },
      token,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-GB',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...extra,
    };
    const record = new InteractionRecord(id, token, type, payload);
    this.interactions.set(token, record);
    setTimeout(() => {
      if (!record.callback) record.failure = `did not respond within ${this.responseDeadlineMs} ms`;
    }, this.responseDeadlineMs).unref();
    record.shard = this.dispatchToGuild(guildId, 'INTERACTION_CREATE', payload);
    return record;
  }

  /** Options as Discord sends them: strings (3), integers (4), booleans (5), attachments (11, by id). */
  private optionList(options: Record<string, OptionValue>): Json[] {
    return Object.entries(options).map(([optionName, value]) =>
      typeof value === 'object'
        ? { name: optionName, type: 11, value: value.id }
        : { name: optionName, type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3, value },
    );
  }

  private resolvedAttachments(options: Record<string, OptionValue>): Json {
    const attachments = Object.values(options).filter((value): value is Json => typeof value === 'object');
    return attachments.length === 0
      ? {}
      : { resolved: { attachments: Object.fromEntries(attachments.map((attachment) => [attachment.id, attachment])) } };
  }

  /** A slash command with options given as name -> value (numbers are integers; objects are attachments from `attach`). */
  slashCommand(name: string, options: Record<string, OptionValue> = {}, as?: string | Actor): InteractionRecord {
    return this.dispatchInteraction(
      interactionTypes.ApplicationCommand,
      {
        id: this.commandId(name),
        name,
        type: 1,
        options: this.optionList(options),
        ...this.resolvedAttachments(options),
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
        options: [{ name: subcommand, type: 1, options: this.optionList(options) }],
        ...this.resolvedAttachments(options),
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
    const optionList = [...this.optionList(otherOptions), { name: focused, type: 3, value: typed, focused: true }];
    const options = subcommand ? [{ name: subcommand, type: 1, options: optionList }] : optionList;
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
    const target = this.messageObject(
      snowflake(),
      { content: messageText },
      { id: this.ownerId, username: 'someone', discriminator: '0', global_name: 'someone', avatar: null },
      0,
      guildId,
    );
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
    const stored = this.messagesById.get(message.id) ?? this.messageObject(message.id, message.payload);
    const actor: Actor = typeof as === 'string' ? { userId: as } : (as ?? {});
    return this.dispatchInteraction(
      interactionTypes.MessageComponent,
      { custom_id: button.custom_id, component_type: 2 },
      { message: stored },
      { guildId: this.guildOfMessage.get(message.id), ...actor },
    );
  }

  // ---- Gateway ----

  private send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private dispatchTo(socket: GatewaySocket, event: string, data: Json): void {
    socket.sequence = (socket.sequence ?? 0) + 1;
    this.send(socket, { op: 0, t: event, s: socket.sequence, d: data });
  }

  /** Sends a server's event to the session of its shard; returns that shard, or null when none is connected. */
  private dispatchToGuild(guildId: string, event: string, data: Json): number | null {
    const shard = shardOf(guildId, this.shardCount);
    const sockets = [...this.sockets].filter(
      (socket) => (socket as GatewaySocket).identified && (socket as GatewaySocket).shard === shard,
    ) as GatewaySocket[];
    for (const socket of sockets) this.dispatchTo(socket, event, data);
    return sockets.length > 0 ? shard : null;
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code, reason) => {
      this.sockets.delete(socket);
      this.gatewayCloses.push({ code, reason: reason.toString() });
      this.emit('gateway-close', code);
    });
    socket.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.onGatewayPayload(socket as GatewaySocket, payload);
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private onGatewayPayload(socket: GatewaySocket, payload: Json): void {
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(socket, { op: 11 });
        return;
      case 2: {
        const identify = payload.d as Json;
        if (identify.token !== this.token) return socket.close(4004, 'Authentication failed.');
        const privileged = Object.entries(privilegedIntents).filter(
          ([, bit]) => (Number(identify.intents) & bit) !== 0,
        );
        if (privileged.length > 0)
          return socket.close(4014, `Disallowed intent(s): ${privileged.map(([name]) => name).join(', ')}`);
        const [shard, shards] = Array.isArray(identify.shard) ? (identify.shard as number[]) : [0, 1];
        if (!Number.isInteger(shard) || !Number.isInteger(shards) || shard! < 0 || shard! >= shards!)
          return socket.close(4010, 'Invalid shard.');
        // Discord insists on sharding past a size; the stand-in, on the count it recommended.
        if (shards !== this.shardCount) return socket.close(4011, 'Sharding required.');
        this.identifies.push(identify);
        socket.identified = true;
        socket.shard = shard!;
        const guilds = this.guildIds.filter((guildId) => shardOf(guildId, this.shardCount) === shard);
        const user = {
          id: this.botUserId,
          username: 'Citebot',
          discriminator: '0',
          global_name: null,
          avatar: null,
          bot: true,
          verified: true,
          flags: 0,
          mfa_enabled: false,
        };
        this.dispatchTo(socket, 'READY', {
          v: 10,
          user,
          guilds: guilds.map((id) => ({ id, unavailable: true })),
          session_id: randomBytes(16).toString('hex'),
          resume_gateway_url: this.gatewayUrl,
          shard: [shard, shards],
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
        });
        for (const guildId of guilds) this.dispatchTo(socket, 'GUILD_CREATE', this.guildPayload(guildId));
        this.emit('session');
        return;
      }
      case 3:
      case 4:
      case 8:
        return;
      case 6:
        // Resuming is not offered: the client starts a new session.
        this.send(socket, { op: 9, d: false });
        return;
      default:
        socket.close(4001, 'Unknown opcode.');
    }
  }

  private guildPayload(guildId: string): Json {
    return {
      id: guildId,
      name: 'Stand-in server',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guildId,
          name: '@everyone',
          color: 0,
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: '2248473465835073',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      stickers: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: [this.channelPayload(guildId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- REST ----

  private messageObject(id: string, body: Json, author?: Json, flags = 0, guildId = this.guildId): Json {
    return {
      id,
      channel_id: this.channelIds.get(guildId),
      guild_id: guildId,
      type: author ? 0 : 20,
      author: author ?? {
        id: this.botUserId,
        username: 'Citebot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags,
      ...(author ? {} : { webhook_id: this.applicationId, application_id: this.applicationId }),
    };
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    const file = request.method === 'GET' ? /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(url.pathname) : null;
    if (file) {
      // Discord's CDN: the file's bytes, no authorisation needed (the URL is the secret).
      const attachment = this.attachments.get(file[1]!);
      if (!attachment) return void response.writeHead(404).end();
      response
        .writeHead(200, {
          'content-type': attachment.contentType ?? 'application/octet-stream',
          'content-length': String(attachment.bytes.byteLength),
        })
        .end(attachment.bytes);
      return;
    }
    this.requests += 1;
    // Held open until the stand-in stops (closeAllConnections).
    if (this.unresponsive) return;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Json = {};
      if (text !== '') {
        if (!String(request.headers['content-type']).includes('application/json'))
          throw new HttpError(400, 50109, 'The request body contains invalid JSON.', [
            'multipart bodies are not supported by the stand-in',
          ]);
        body = JSON.parse(text);
      }
      const routed = this.route(request.method ?? 'GET', url, request, body);
      const result = routed instanceof HeldAnswer ? routed.result : routed;
      if (routed instanceof HeldAnswer) await new Promise((resolve) => setTimeout(resolve, routed.holdMs));
      if (result === undefined) {
        response.writeHead(204).end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      }
    } catch (error) {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 0, error instanceof Error ? error.message : String(error));
      if (httpError.status === 404 && httpError.code === 0) this.unknownRoutes.push(route);
      if (httpError.status >= 400 && httpError.status < 500)
        this.rejections.push({
          route,
          status: httpError.status,
          problems: httpError.problems.length > 0 ? httpError.problems : [httpError.message],
        });
      response.writeHead(httpError.status, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          message: httpError.message,
          code: httpError.code,
          ...(httpError.problems.length > 0
            ? { errors: { _errors: httpError.problems.map((problem) => ({ code: 'INVALID', message: problem })) } }
            : {}),
        }),
      );
    }
  }

  private requireBotAuth(request: IncomingMessage): void {
    if (request.headers.authorization !== `Bot ${this.token}`) throw new HttpError(401, 0, '401: Unauthorized');
  }

  private interactionFor(token: string): InteractionRecord {
    const record = this.interactions.get(token);
    if (!record) throw new HttpError(404, 10062, 'Unknown interaction');
    return record;
  }

  private checkMessage(body: Json, creating: boolean): void {
    const problems = messageProblems(body, { creating });
    if (problems.length > 0)
      throw new HttpError(
        400,
        problems.includes('Cannot send an empty message') ? 50006 : 50035,
        'Invalid Form Body',
        problems,
      );
  }

  private show(
    record: InteractionRecord,
    via: VisibleMessage['via'],
    id: string,
    body: Json,
    ephemeral: boolean,
  ): Json {
    const guildId = String(record.payload.guild_id);
    const stored = this.messageObject(id, body, undefined, ephemeral ? ephemeralFlag : 0, guildId);
    this.messagesById.set(id, stored);
    this.guildOfMessage.set(id, guildId);
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

  private route(method: string, url: URL, request: IncomingMessage, body: Json): Json | undefined | HeldAnswer {
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    if (path === url.pathname) throw new HttpError(404, 0, '404: Not Found');
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      this.requireBotAuth(request);
      return {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 86_400_000,
          max_concurrency: this.maxConcurrency,
        },
      };
    }
    if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
      this.requireBotAuth(request);
      return {
        id: this.applicationId,
        name: 'Citebot',
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0',
        flags: 0,
      };
    }
    if (method === 'GET' && path === '/users/@me') {
      this.requireBotAuth(request);
      return { id: this.botUserId, username: 'Citebot', discriminator: '0', avatar: null, bot: true };
    }
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      this.requireBotAuth(request);
      if (match[1] !== this.applicationId) throw new HttpError(403, 50001, 'Missing Access');
      const scope = match[2] ?? 'global';
      if (method === 'GET') return this.registeredCommands.get(scope) ?? [];
      if (method === 'PUT') {
        if (!Array.isArray(body))
          throw new HttpError(400, 50035, 'Invalid Form Body', ['body must be an array of commands']);
        const problems = commandProblems(body);
        if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
        const registered = body.map((command: Json) => ({
          ...command,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(match![2] ? { guild_id: match![2] } : {}),
        }));
        this.registeredCommands.set(scope, registered);
        return registered;
      }
    }
    if (method === 'POST' && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const record = this.interactionFor(match[2]!);
      if (record.id !== match[1]) throw new HttpError(404, 10062, 'Unknown interaction');
      if (record.callback) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
      const atMs = Date.now() - record.dispatchedAt;
      if (atMs > this.responseDeadlineMs) {
        record.failure = `first response after ${atMs} ms, over Discord's ${this.responseDeadlineMs} ms`;
        throw new HttpError(404, 10062, 'Unknown interaction');
      }
      const type = Number(body.type);
      const allowed =
        record.type === interactionTypes.Autocomplete
          ? [8]
          : record.type === interactionTypes.MessageComponent
            ? [4, 5, 6, 7]
            : [4, 5];
      if (!allowed.includes(type))
        throw new HttpError(400, 50035, 'Invalid Form Body', [
          `type: callback type ${type} is not valid for interaction type ${record.type}`,
        ]);
      const data = body.data as Json | undefined;
      if (type === callbackTypes.AutocompleteResult) {
        const choices: Json[] = data?.choices ?? [];
        const problems: string[] = [];
        if (choices.length > 25) problems.push(`data.choices: Must be 25 or fewer in length (got ${choices.length})`);
        choices.forEach((choice, c) => {
          if (String(choice.name ?? '').length < 1 || String(choice.name).length > 100)
            problems.push(`data.choices.${c}.name: Must be between 1 and 100 in length`);
          if (String(choice.value ?? '').length > 100)
            problems.push(`data.choices.${c}.value: Must be 100 or fewer in length`);
        });
        if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
        record.callback = { type, data, atMs };
        record.choices = choices;
      } else if (type === callbackTypes.ChannelMessage || type === callbackTypes.UpdateMessage) {
        this.checkMessage(data ?? {}, type === callbackTypes.ChannelMessage);
        record.callback = { type, data, atMs };
        const ephemeral = (Number(data?.flags ?? 0) & ephemeralFlag) !== 0;
        this.show(
          record,
          'callback',
          type === callbackTypes.UpdateMessage ? String(record.payload.message?.id) : snowflake(),
          data ?? {},
          ephemeral,
        );
      } else {
        record.callback = { type, data, atMs };
      }
      const answer =
        url.searchParams.get('with_response') === 'true'
          ? { interaction: { id: record.id, type: record.type }, resource: { type } }
          : undefined;
      return record.holdCallbackAnswerMs > 0 ? new HeldAnswer(answer, record.holdCallbackAnswerMs) : answer;
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      if (match[1] !== this.applicationId) throw new HttpError(404, 10015, 'Unknown Webhook');
      const record = this.interactionFor(match[2]!);
      if (Date.now() - record.dispatchedAt > 15 * 60_000) throw new HttpError(401, 50027, 'Invalid Webhook Token');
      if (!record.callback) throw new HttpError(404, 10008, 'Unknown Message');
      const target = match[3];
      const deferredEphemeral = (Number(record.callback.data?.flags ?? 0) & ephemeralFlag) !== 0;
      if (method === 'PATCH' && target === '@original') {
        if (record.originalDeleted) throw new HttpError(404, 10008, 'Unknown Message');
        if (record.refuseNextEdit) {
          const refusal = record.refuseNextEdit;
          record.refuseNextEdit = null;
          throw new HttpError(refusal.status, refusal.code, refusal.message);
        }
        this.checkMessage(body, false);
        const existing = record.messages.find((message) => message.via !== 'followup');
        return this.show(record, 'edit', existing?.id ?? snowflake(), body, existing?.ephemeral ?? deferredEphemeral);
      }
      if (method === 'DELETE' && target === '@original') {
        record.originalDeleted = true;
        return undefined;
      }
      if (method === 'GET' && target === '@original') {
        const original = record.messages.find((message) => message.via !== 'followup');
        if (!original) throw new HttpError(404, 10008, 'Unknown Message');
        return this.messagesById.get(original.id);
      }
      if (method === 'POST' && target === undefined) {
        this.checkMessage(body, true);
        return this.show(record, 'followup', snowflake(), body, (Number(body.flags ?? 0) & ephemeralFlag) !== 0);
      }
    }
    throw new HttpError(404, 0, '404: Not Found');
  }
}

/** Discord's checks on command registration (Application Commands › limits). */
function commandProblems(commands: Json[]): string[] {
  const problems: string[] = [];
  if (commands.length > 100) problems.push('at most 100 global chat-input commands');
  const names = new Set<string>();
  commands.forEach((command, c) => {
    const type = command.type ?? 1;
    const name = String(command.name ?? '');
    if (names.has(`${type}:${name}`)) problems.push(`${c}.name: Application command names must be unique`);
    names.add(`${type}:${name}`);
    if (type === 1) {
      if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(name))
        problems.push(`${c}.name: chat-input names are 1-32 lower-case characters (got ${name})`);
      const description = String(command.description ?? '');
      if (description.length < 1 || description.length > 100)
        problems.push(`${c}.description: Must be between 1 and 100 in length`);
      const options: Json[] = command.options ?? [];
      if (options.length > 25) problems.push(`${c}.options: Must be 25 or fewer in length`);
      const checkOptions = (list: Json[], where: string): void => {
        let optionalSeen = false;
        const subcommands = list.filter((option) => option.type === 1 || option.type === 2).length;
        if (subcommands > 0 && subcommands !== list.length)
          problems.push(`${where}: subcommands cannot be mixed with other options`);
        list.forEach((option, o) => {
          if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(String(option.name))) problems.push(`${where}.${o}.name: invalid`);
          if (String(option.description ?? '').length < 1 || String(option.description).length > 100)
            problems.push(`${where}.${o}.description: Must be between 1 and 100 in length`);
          if (option.required && optionalSeen)
            problems.push(`${where}.${o}: Required options must be placed before non-required options`);
          if (!option.required) optionalSeen = true;
          if (option.autocomplete && option.choices)
            problems.push(`${where}.${o}: autocomplete and choices cannot both be set`);
          if (option.max_length !== undefined && (option.max_length < 1 || option.max_length > 6000))
            problems.push(`${where}.${o}.max_length: out of range`);
          if (option.type === 1) checkOptions(option.options ?? [], `${where}.${o}.options`);
        });
        if (list.length > 25) problems.push(`${where}: Must be 25 or fewer in length`);
      };
      checkOptions(options, `${c}.options`);
    } else if (name.length < 1 || name.length > 32) {
      problems.push(`${c}.name: context-menu names are 1-32 characters`);
    }
    if (command.description !== undefined && type !== 1 && command.description !== '')
      problems.push(`${c}.description: context-menu commands have no description`);
  });
  return problems;
}

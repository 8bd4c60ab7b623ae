/**
 * A Discord stand-in on 127.0.0.1: enough of Discord's REST API and gateway for the real
 * discord.js client to log in, receive interactions and answer them, and strict where Discord
 * is strict, so that a test fails where Discord would refuse:
 *
 * - the first response to an interaction must arrive within 3 seconds, and only once
 *   (interactionRoutes.ts);
 * - messages and command registrations must respect Discord's limits (limits.ts), and
 *   autocomplete gives at most 25 choices with names and values of at most 100 characters;
 * - IDENTIFY with a wrong token closes with 4004, privileged intents with 4014 (gateway.ts);
 * - with several shards (`shards: 2`), GET /gateway/bot recommends that many, IDENTIFY must
 *   carry [shard_id, num_shards], and each server's events go only to its shard;
 * - files attached to a command (an ATTACHMENT option) arrive in resolved.attachments with a
 *   URL on the stand-in itself, as Discord's CDN serves them.
 *
 * This module holds the stand-in's state: its servers and channels, the HTTP server and the
 * gateway it listens with, the interactions dispatched, and the attachments it serves; what a
 * user does is in standIn.ts. Routes follow the API reference (discord.com/developers/docs):
 * Gateway, Interactions › Receiving and Responding, Application Commands.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Gateway } from './gateway.ts';
import type { Rejection } from './httpError.ts';
import { InteractionRecord } from './interaction.ts';
import { channelPayload, guildPayload, interactionPayload } from './payloads.ts';
import {
  interactionTypes,
  snowflake,
  snowflakeOnShard,
  type Actor,
  type AttachmentFile,
  type Json,
} from './protocol.ts';
import { answerApiRequest } from './rest.ts';
import { SentMessages } from './sentMessages.ts';

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

export class StandInServer extends EventEmitter {
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
  /** Interactions dispatched, by token. */
  readonly interactions = new Map<string, InteractionRecord>();
  /** Every request Discord would have refused (4xx), with its reasons. */
  readonly rejections: Rejection[] = [];
  /** Every route asked for that the stand-in does not know. */
  readonly unknownRoutes: string[] = [];
  /** API requests received (attachment downloads not counted). */
  requests = 0;
  readonly unresponsive: boolean;
  /** The messages the bot sent, as Discord stores them. */
  readonly sentMessages = new SentMessages(this, (guildId) => this.channelIds.get(guildId));

  private server: Server | null = null;
  private webSockets: WebSocketServer | null = null;
  private readonly gateway: Gateway;

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
    this.gateway = new Gateway({
      token: this.token,
      applicationId: this.applicationId,
      botUserId: this.botUserId,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      shardCount: this.shardCount,
      guildIds: this.guildIds,
      gatewayUrl: () => this.gatewayUrl,
      guildPayload: (guildId) =>
        guildPayload(guildId, this.ownerId, channelPayload(this.channelIds.get(guildId)!, guildId)),
      onSession: () => this.emit('session'),
      onClose: (code) => this.emit('gateway-close', code),
    });
  }

  /** IDENTIFY payloads received, in order. */
  get identifies(): readonly Json[] {
    return this.gateway.identifies;
  }

  /** Heartbeats received. */
  get heartbeats(): number {
    return this.gateway.heartbeats;
  }

  get gatewayCloses(): readonly { code: number; reason: string }[] {
    return this.gateway.closes;
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
    return this.gateway.connected;
  }

  /** Shards with a live session. */
  get connectedShards(): number[] {
    return this.gateway.connectedShards;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.onRequest(request, response));
    this.webSockets = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (request, socket, head) => {
      if (!request.url?.startsWith('/gateway')) return socket.destroy();
      this.webSockets!.handleUpgrade(request, socket, head, (ws) => this.gateway.accept(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.terminateAll();
    this.webSockets?.close();
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

  /** Sends INTERACTION_CREATE and returns the record that collects the bot's responses. */
  dispatchInteraction(type: number, data: Json, extra: Json = {}, as: string | Actor = {}): InteractionRecord {
    const actor: Actor = typeof as === 'string' ? { userId: as } : as;
    const guildId = actor.guildId ?? this.guildId;
    if (!this.channelIds.has(guildId)) throw new Error(`the bot is not in server ${guildId}`);
    data = { ...data, ...(type === interactionTypes.MessageComponent ? {} : { guild_id: guildId }) };
    const id = snowflake();
    const token = `token.${randomBytes(24).toString('base64url')}`;
    const channel = channelPayload(this.channelIds.get(guildId)!, guildId);
    const payload = interactionPayload(this, { id, token, type, data, guildId, channel, actor }, extra);
    const record = new InteractionRecord(id, token, type, payload);
    this.interactions.set(token, record);
    setTimeout(() => {
      if (!record.callback) record.failure = `did not respond within ${this.responseDeadlineMs} ms`;
    }, this.responseDeadlineMs).unref();
    record.shard = this.gateway.dispatchToGuild(guildId, 'INTERACTION_CREATE', payload);
    return record;
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> | void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = request.method === 'GET' ? /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(url.pathname) : null;
    if (!file) return answerApiRequest(this, request, response);
    // Discord's CDN: the file's bytes, no authorisation needed (the URL is the secret).
    const attachment = this.attachments.get(file[1]!);
    if (!attachment) return void response.writeHead(404).end();
    response
      .writeHead(200, {
        'content-type': attachment.contentType ?? 'application/octet-stream',
        'content-length': String(attachment.bytes.byteLength),
      })
      .end(attachment.bytes);
  }
}

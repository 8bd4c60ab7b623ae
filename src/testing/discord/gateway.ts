/**
 * The stand-in's gateway (Topics › Gateway): HELLO, heartbeats, IDENTIFY and READY, then a
 * server's events to the session of its shard, (guild_id >> 22) % num_shards, as Discord routes
 * them (Topics › Gateway › Sharding). Strict where Discord is: a wrong token closes with 4004,
 * privileged intents with 4014, a shard count other than the one recommended with 4011.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { privilegedIntents, shardOf, type Json } from './protocol.ts';

type GatewaySocket = WebSocket & { identified?: boolean; shard?: number; sequence?: number };

export interface GatewaySettings {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly heartbeatIntervalMs: number;
  readonly shardCount: number;
  readonly guildIds: readonly string[];
  readonly gatewayUrl: () => string;
  /** GUILD_CREATE's payload for one of the servers. */
  readonly guildPayload: (guildId: string) => Json;
  /** Told when a session is ready and when a connection closes. */
  readonly onSession: () => void;
  readonly onClose: (code: number) => void;
}

export class Gateway {
  readonly identifies: Json[] = [];
  heartbeats = 0;
  readonly closes: { code: number; reason: string }[] = [];
  private readonly sockets = new Set<GatewaySocket>();

  constructor(private readonly settings: GatewaySettings) {}

  /** Shards with a live session. */
  get connectedShards(): number[] {
    return [...this.sockets].flatMap((socket) => (socket.identified ? [socket.shard ?? 0] : [])).sort();
  }

  get connected(): boolean {
    return [...this.sockets].some((socket) => socket.identified);
  }

  terminateAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private send(socket: WebSocket, payload: Json): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private dispatchTo(socket: GatewaySocket, event: string, data: Json): void {
    socket.sequence = (socket.sequence ?? 0) + 1;
    this.send(socket, { op: 0, t: event, s: socket.sequence, d: data });
  }

  /** Sends a server's event to the session of its shard; returns that shard, or null when none is connected. */
  dispatchToGuild(guildId: string, event: string, data: Json): number | null {
    const shard = shardOf(guildId, this.settings.shardCount);
    const sockets = [...this.sockets].filter((socket) => socket.identified && socket.shard === shard);
    for (const socket of sockets) this.dispatchTo(socket, event, data);
    return sockets.length > 0 ? shard : null;
  }

  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code, reason) => {
      this.sockets.delete(socket);
      this.closes.push({ code, reason: reason.toString() });
      this.settings.onClose(code);
    });
    socket.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.onPayload(socket, payload);
    });
    this.send(socket, { op: 10, d: { heartbeat_interval: this.settings.heartbeatIntervalMs }, s: null, t: null });
  }

  private onPayload(socket: GatewaySocket, payload: Json): void {
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(socket, { op: 11 });
        return;
      case 2: {
        const identify = payload.d as Json;
        if (identify.token !== this.settings.token) return socket.close(4004, 'Authentication failed.');
        const privileged = Object.entries(privilegedIntents).filter(
          ([, bit]) => (Number(identify.intents) & bit) !== 0,
        );
        if (privileged.length > 0)
          return socket.close(4014, `Disallowed intent(s): ${privileged.map(([name]) => name).join(', ')}`);
        const [shard, shards] = Array.isArray(identify.shard) ? (identify.shard as number[]) : [0, 1];
        if (!Number.isInteger(shard) || !Number.isInteger(shards) || shard! < 0 || shard! >= shards!)
          return socket.close(4010, 'Invalid shard.');
        // Discord insists on sharding past a size; the stand-in, on the count it recommended.
        if (shards !== this.settings.shardCount) return socket.close(4011, 'Sharding required.');
        this.identifies.push(identify);
        socket.identified = true;
        socket.shard = shard!;
        const guilds = this.settings.guildIds.filter((guildId) => shardOf(guildId, this.settings.shardCount) === shard);
        const user = {
          id: this.settings.botUserId,
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
          resume_gateway_url: this.settings.gatewayUrl(),
          shard: [shard, shards],
          application: { id: this.settings.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
        });
        for (const guildId of guilds) this.dispatchTo(socket, 'GUILD_CREATE', this.settings.guildPayload(guildId));
        this.settings.onSession();
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
}

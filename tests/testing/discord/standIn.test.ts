/**
 * The stand-in refuses what Discord refuses; otherwise the end-to-end tests could pass on
 * replies that Discord would reject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordStandIn } from '../../../src/testing/discord/standIn.ts';
import { messageProblems, whoWouldBePinged } from '../../../src/testing/discord/limits.ts';
import { shardOf } from '../../../src/testing/discord/protocol.ts';

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await new DiscordStandIn({ responseDeadlineMs: 200 }).start();
});
afterAll(async () => {
  await standIn?.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: { code?: number } }> {
  const response = await fetch(`${standIn.apiUrl}/v10${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: response.status === 204 ? {} : ((await response.json()) as { code?: number }),
  };
}

describe('Discord stand-in', () => {
  it('refuses a first response after the deadline, as Discord does after 3 seconds', async () => {
    const record = standIn.slashCommand('help');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await post(`/interactions/${record.id}/${record.token}/callback`, {
      type: 4,
      data: { content: 'hello' },
    });
    expect(late).toEqual({ status: 404, body: expect.objectContaining({ code: 10062 }) });
    expect(record.failure).toMatch(/did not respond|over Discord's/);
  });

  it('refuses a second response to one interaction', async () => {
    const record = standIn.slashCommand('help');
    expect((await post(`/interactions/${record.id}/${record.token}/callback`, { type: 5, data: {} })).status).toBe(204);
    expect(
      await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { content: 'again' } }),
    ).toEqual({ status: 400, body: expect.objectContaining({ code: 40060 }) });
  });

  it('edits the message a button is on after a deferred update, as Discord does', async () => {
    const command = standIn.slashCommand('articles');
    const row = { type: 1, components: [{ type: 2, style: 2, custom_id: 'page:2', label: 'Next' }] };
    await post(`/interactions/${command.id}/${command.token}/callback`, {
      type: 4,
      data: { content: 'page 1', components: [row] },
    });
    const listed = await command.settled();
    const press = standIn.pressButton(listed, 'Next');
    expect((await post(`/interactions/${press.id}/${press.token}/callback`, { type: 6 })).status).toBe(204);
    const response = await fetch(
      `${standIn.apiUrl}/v10/webhooks/${standIn.applicationId}/${press.token}/messages/@original`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'page 2', components: [row] }),
      },
    );
    expect(response.status).toBe(200);
    const updated = await press.settled();
    expect({ id: updated.id, content: updated.content, ephemeral: updated.ephemeral }).toEqual({
      id: listed.id,
      content: 'page 2',
      ephemeral: false,
    });
  });

  it('refuses a message over the limits', async () => {
    const record = standIn.slashCommand('help');
    const reply = await post(`/interactions/${record.id}/${record.token}/callback`, {
      type: 4,
      data: { embeds: [{ description: 'x'.repeat(4097) }] },
    });
    expect(reply).toEqual({ status: 400, body: expect.objectContaining({ code: 50035 }) });
    expect(record.messages).toEqual([]);
  });

  it('knows the limits Discord applies to messages', () => {
    expect(messageProblems({ content: 'x'.repeat(2001) }, { creating: true })).toEqual([
      expect.stringMatching(/^content/),
    ]);
    expect(
      messageProblems(
        { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
        { creating: true },
      ),
    ).toEqual([expect.stringMatching(/25 or fewer/)]);
    expect(
      messageProblems(
        { embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] },
        { creating: true },
      ),
    ).toEqual([expect.stringMatching(/6000/)]);
    expect(
      messageProblems(
        { components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'c'.repeat(101), label: 'More' }] }] },
        { creating: true },
      ),
    ).toEqual([expect.stringMatching(/custom_id/)]);
    expect(messageProblems({}, { creating: true })).toEqual(['Cannot send an empty message']);
    expect(messageProblems({ content: 'fine' }, { creating: true })).toEqual([]);
  });

  it('knows who Discord would ping', () => {
    expect(whoWouldBePinged({ content: '@everyone <@1234> <@&5678>' })).toEqual([
      '@everyone',
      'user:1234',
      'role:5678',
    ]);
    expect(whoWouldBePinged({ content: '@everyone <@1234> <@&5678>', allowed_mentions: { parse: [] } })).toEqual([]);
    expect(
      whoWouldBePinged({ content: '@everyone <@1234>', allowed_mentions: { parse: [], users: ['1234'] } }),
    ).toEqual(['user:1234']);
  });

  it('serves an attached file at the URL the interaction carries', async () => {
    const attachment = standIn.attach({ name: 'notes.txt', bytes: new TextEncoder().encode('Title\n\nBody.\n') });
    const response = await fetch(attachment.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Title\n\nBody.\n');
  });
});

describe('Discord stand-in with two shards', () => {
  let sharded: DiscordStandIn;
  beforeAll(async () => {
    sharded = await new DiscordStandIn({ shards: 2, guilds: 4 }).start();
  });
  afterAll(async () => {
    await sharded?.stop();
  });

  /** Identifies as one shard; resolves with the READY payload, or the close code. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- READY is read field by field
  function identify(shard: [number, number]): Promise<{ ready?: Record<string, any>; closed?: number }> {
    return new Promise((resolve) => {
      const socket = new WebSocket(sharded.gatewayUrl);
      socket.on('message', (raw) => {
        const payload = JSON.parse(raw.toString());
        if (payload.op === 10)
          socket.send(JSON.stringify({ op: 2, d: { token: sharded.token, intents: 1, properties: {}, shard } }));
        if (payload.t === 'READY') {
          resolve({ ready: payload.d });
          socket.close(1000);
        }
      });
      socket.on('close', (code) => resolve({ closed: code }));
    });
  }

  it('spreads its servers over the shards as Discord does, (guild_id >> 22) % num_shards', () => {
    expect(sharded.guildIds.map((guildId) => shardOf(guildId, 2))).toEqual([0, 1, 0, 1]);
  });

  it('refuses a session that does not shard as recommended', async () => {
    expect(await identify([0, 1])).toEqual({ closed: 4011 });
    expect(await identify([2, 2])).toEqual({ closed: 4010 });
  });

  it('tells each shard of its own servers only', async () => {
    const { ready } = await identify([1, 2]);
    expect(ready!.shard).toEqual([1, 2]);
    expect(ready!.guilds.map((guild: { id: string }) => guild.id)).toEqual([sharded.guildIds[1], sharded.guildIds[3]]);
  });
});

/**
 * The stand-in refuses what Discord refuses; otherwise the end-to-end tests could pass on
 * replies that Discord would reject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStandIn, messageProblems, whoWouldBePinged } from './discordStandIn.ts';

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await new DiscordStandIn({ responseDeadlineMs: 200 }).start();
});
afterAll(async () => {
  await standIn?.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; body: { code?: number } }> {
  const response = await fetch(`${standIn.apiUrl}/v10${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as { code?: number }) };
}

describe('Discord stand-in', () => {
  it('refuses a first response after the deadline, as Discord does after 3 seconds', async () => {
    const record = standIn.slashCommand('help');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { content: 'hello' } });
    expect(late).toEqual({ status: 404, body: expect.objectContaining({ code: 10062 }) });
    expect(record.failure).toMatch(/did not respond|over Discord's/);
  });

  it('refuses a second response to one interaction', async () => {
    const record = standIn.slashCommand('help');
    expect((await post(`/interactions/${record.id}/${record.token}/callback`, { type: 5, data: {} })).status).toBe(204);
    expect(await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { content: 'again' } })).toEqual({ status: 400, body: expect.objectContaining({ code: 40060 }) });
  });

  it('refuses a message over the limits', async () => {
    const record = standIn.slashCommand('help');
    const reply = await post(`/interactions/${record.id}/${record.token}/callback`, { type: 4, data: { embeds: [{ description: 'x'.repeat(4097) }] } });
    expect(reply).toEqual({ status: 400, body: expect.objectContaining({ code: 50035 }) });
    expect(record.messages).toEqual([]);
  });

  it('knows the limits Discord applies to messages', () => {
    expect(messageProblems({ content: 'x'.repeat(2001) }, { creating: true })).toEqual([expect.stringMatching(/^content/)]);
    expect(messageProblems({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, { creating: true })).toEqual([expect.stringMatching(/25 or fewer/)]);
    expect(messageProblems({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] }, { creating: true })).toEqual([expect.stringMatching(/6000/)]);
    expect(messageProblems({ components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'c'.repeat(101), label: 'More' }] }] }, { creating: true })).toEqual([expect.stringMatching(/custom_id/)]);
    expect(messageProblems({}, { creating: true })).toEqual(['Cannot send an empty message']);
    expect(messageProblems({ content: 'fine' }, { creating: true })).toEqual([]);
  });

  it('knows who Discord would ping', () => {
    expect(whoWouldBePinged({ content: '@everyone <@1234> <@&5678>' })).toEqual(['@everyone', 'user:1234', 'role:5678']);
    expect(whoWouldBePinged({ content: '@everyone <@1234> <@&5678>', allowed_mentions: { parse: [] } })).toEqual([]);
    expect(whoWouldBePinged({ content: '@everyone <@1234>', allowed_mentions: { parse: [], users: ['1234'] } })).toEqual(['user:1234']);
  });
});

/**
 * /admin add downloads the attachment itself: from Discord's file servers only, never more
 * than the size limit (whatever size the interaction claims), and never waiting forever.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadAttachment, type AttachmentRules } from '../../src/discord/attachments.ts';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/article.txt') return void response.end('Title\n\nA sentence.\n');
    if (request.url === '/endless.txt') {
      // A file that never ends: the download must stop at the limit.
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', write);
      };
      write();
      return;
    }
    if (request.url === '/slow.txt') return; // never answers
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const rules = (): AttachmentRules => ({ maxBytes: 100_000, timeoutMs: 300, origins: [origin] });

describe('downloading an attachment', () => {
  it('returns the file', async () => {
    const result = await downloadAttachment(`${origin}/article.txt`, 20, rules());
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe('Title\n\nA sentence.\n');
  });

  it('refuses a declared size over the limit without downloading', async () => {
    expect(await downloadAttachment(`${origin}/article.txt`, 3 * 1024 * 1024, rules())).toEqual({
      ok: false,
      reason: 'the file is 3.0 MiB, over the 97.7 KiB limit',
    });
  });

  it('stops reading at the limit when the file is larger than it claimed', async () => {
    const result = await downloadAttachment(`${origin}/endless.txt`, 10, rules());
    expect(result).toEqual({ ok: false, reason: 'the file is over the 97.7 KiB limit' });
  });

  it('gives up after the timeout', async () => {
    expect(await downloadAttachment(`${origin}/slow.txt`, 10, rules())).toEqual({
      ok: false,
      reason: 'the file did not arrive within 1 s; try again',
    });
  });

  it('fetches from Discord’s file servers only', async () => {
    const result = await downloadAttachment('http://169.254.169.254/latest/meta-data', 10, rules());
    expect(result).toEqual({ ok: false, reason: "the file is not on Discord's file servers (http://169.254.169.254)" });
  });
});

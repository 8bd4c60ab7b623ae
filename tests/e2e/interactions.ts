/** What the end-to-end tests read of a reply, as a user in the channel would see it. */
import { expect } from 'vitest';
import type { InteractionRecord, VisibleMessage } from '../../src/testing/discord/interaction.ts';

/** The first thing the user sees, checked against Discord's 3-second rule (the stand-in sets `failure` when it is missed). */
export async function seen(record: InteractionRecord): Promise<VisibleMessage> {
  const message = await record.settled();
  expect(record.failure).toBeNull();
  return message;
}

/** The last thing the user sees once the bot is done: a deferred reply edited, or a refusal that follows it. */
export async function finalReply(record: InteractionRecord, timeoutMs = 20_000): Promise<VisibleMessage> {
  await seen(record);
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    const last = record.reply!;
    if (last.content !== '' || last.embeds.length > 0) return last;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return record.reply!;
}

/** Every text of a message: its content, and each embed's title, link, description, fields and footer. */
export function visibleText(message: VisibleMessage): string {
  return [
    message.content,
    ...message.embeds.map((embed) =>
      [
        embed.title,
        embed.url,
        embed.description,
        ...(embed.fields ?? []).map((field: { name: string; value: string }) => `${field.name}\n${field.value}`),
        embed.footer?.text,
      ]
        .filter((part) => part !== undefined)
        .join('\n'),
    ),
  ].join('\n');
}

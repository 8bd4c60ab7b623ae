/**
 * The shape of a message the bot sends, as Discord's API takes it (discord-api-types), and a
 * check of Discord's limits used by the tests and as a last guard before sending.
 */
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord-api-types/v10';
import { discordLimits } from './limits.ts';

export interface DiscordMessage {
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  readonly components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** Characters of an embed that count towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/** Every way the message breaks Discord's limits; empty when Discord would accept it. */
export function limitViolations(message: DiscordMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, limit: number): void => {
    if (length > limit) problems.push(`${what} is ${length} characters, over ${limit}`);
  };
  const embeds = message.embeds ?? [];
  if ((message.content ?? '') === '' && embeds.length === 0 && (message.components ?? []).length === 0)
    problems.push('message is empty');
  over('content', message.content?.length ?? 0, discordLimits.content);
  if (embeds.length > discordLimits.embedsPerMessage)
    problems.push(`${embeds.length} embeds, over ${discordLimits.embedsPerMessage}`);
  embeds.forEach((embed, e) => {
    over(`embed ${e} title`, embed.title?.length ?? 0, discordLimits.embedTitle);
    over(`embed ${e} description`, embed.description?.length ?? 0, discordLimits.embedDescription);
    over(`embed ${e} footer`, embed.footer?.text.length ?? 0, discordLimits.footerText);
    const fields = embed.fields ?? [];
    if (fields.length > discordLimits.embedFields)
      problems.push(`embed ${e} has ${fields.length} fields, over ${discordLimits.embedFields}`);
    fields.forEach((field, f) => {
      over(`embed ${e} field ${f} name`, field.name.length, discordLimits.fieldName);
      over(`embed ${e} field ${f} value`, field.value.length, discordLimits.fieldValue);
      if (field.name.trim() === '' || field.value.trim() === '') problems.push(`embed ${e} field ${f} is empty`);
    });
  });
  over(
    'embeds in all',
    embeds.reduce((sum, embed) => sum + embedLength(embed), 0),
    discordLimits.embedTotal,
  );
  const rows = message.components ?? [];
  if (rows.length > discordLimits.actionRows)
    problems.push(`${rows.length} action rows, over ${discordLimits.actionRows}`);
  for (const row of rows) {
    if (row.components.length > discordLimits.buttonsPerRow)
      problems.push(`${row.components.length} buttons in a row, over ${discordLimits.buttonsPerRow}`);
    for (const button of row.components) {
      over(`button custom_id`, button.custom_id.length, discordLimits.customId);
      over(`button label`, button.label?.length ?? 0, discordLimits.buttonLabel);
    }
  }
  return problems;
}

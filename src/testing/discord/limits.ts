/**
 * Discord's checks on what a bot sends, as the problems Discord would report: message limits
 * (content 2000; embed title 256, description 4096, 25 fields, field name 256 and value 1024,
 * footer 2048, 6000 in all; 10 embeds; 5 rows of 5 buttons, custom_id 100, label 80; no empty
 * message), who a message would ping, and command registration's limits.
 *
 * Written apart from the bot's own checks (src/present/discord/message.ts) so that a mistake in
 * one is caught by the other.
 */
import type { Json } from './protocol.ts';

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

/** Discord's checks on command registration (Application Commands › limits). */
export function commandProblems(commands: Json[]): string[] {
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

/**
 * Checks on what users type, before any work: a bad question gets a clear private answer.
 */
import { DiscordjsErrorCodes, DiscordjsTypeError } from 'discord.js';
import { echoed } from '../present/discord/views.ts';
import { cutAt } from '../present/discord/truncate.ts';
import { maxQuestionLength, normaliseQuestion, questionProblem } from '../retrieval/question.ts';

export { maxQuestionLength };
/** Text from a message ("Find quotes") is longer than a typed question; only this much is used. */
export const maxMessageTextLength = 1000;
/**
 * An article's name or key as typed in an option: Discord checks this length before the bot sees
 * it. Names are cut to 100 characters in the lists offered, so 200 leaves room for any real one.
 */
export const maxNameInputLength = 200;

export type TextCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** Half of a character (a lone surrogate), as a client that cut text in the wrong place sends it. */
const loneSurrogates = /\p{Cs}/gu;
const brokenCharacterProblem = (what: string): string =>
  `Your ${what} contains a broken character (half of an emoji or other symbol); please type it again.`;

export function checkQuestion(input: string | null | undefined, what = 'question'): TextCheck {
  const text = normaliseQuestion(input ?? '');
  switch (questionProblem(text)) {
    case 'empty':
      return { ok: false, problem: `Please type a ${what}: it was empty.` };
    case 'control-characters':
      return {
        ok: false,
        problem: `Your ${what} contains control or invisible characters; please type it again as plain text.`,
      };
    case 'broken-characters':
      return { ok: false, problem: brokenCharacterProblem(what) };
    case 'too-long':
      return {
        ok: false,
        problem: `Your ${what} is ${text.length} characters long; please keep it within ${maxQuestionLength}.`,
      };
    case null:
      return { ok: true, text };
  }
}

/**
 * A name or id a user typed (an article's title or key, a citation id): refused when it holds
 * half a character, which no name has and which could not be shown back whole.
 */
export function checkName(input: string, what: string): TextCheck {
  loneSurrogates.lastIndex = 0;
  return loneSurrogates.test(input) ? { ok: false, problem: brokenCharacterProblem(what) } : { ok: true, text: input };
}

export function unknownArticleProblem(name: string): string {
  return `I have not read an article called “${echoed(name)}”. Pick one from the list as you type, or see \`/articles\`.`;
}

/**
 * The text of a message for "Find quotes": whitespace (newlines included) made single spaces,
 * half characters (lone surrogates) dropped, cut at a word. The message is someone else's, so
 * it is used as far as it can be rather than refused.
 */
export function messageQuestion(content: string): TextCheck {
  const text = content
    .replace(loneSurrogates, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();
  if (text === '') return { ok: false, problem: 'That message has no text I can look up.' };
  if (text.length <= maxMessageTextLength) return { ok: true, text };
  const cut = cutAt(text, maxMessageTextLength);
  const lastSpace = cut.lastIndexOf(' ');
  return { ok: true, text: lastSpace >= maxMessageTextLength / 2 ? cut.slice(0, lastSpace) : cut };
}

export function unknownIdProblem(id: string): string {
  return `I have no sentence with the id “${echoed(id)}”. Citation ids look like \`a3:4.2\`; \`/search\` finds sentences and their ids.`;
}

/** Option and subcommand names as Discord allows them, so that one can be shown in a code span. */
const commandWord = /^[-_\p{L}\p{N}]{1,32}$/u;

/**
 * The private reply for a command that arrived without a required option or subcommand (an
 * outdated client, or commands registered differently from these definitions): discord.js's
 * `options.getString(name, true)` and `getSubcommand()` throw for them. Null for any other error.
 */
export function missingOptionProblem(
  error: unknown,
  command: { readonly name: string; readonly subcommand: string | null; readonly usage: string | undefined },
): string | null {
  if (!(error instanceof DiscordjsTypeError)) return null;
  const invoked = `/${[command.name, command.subcommand].filter((word): word is string => word !== null && commandWord.test(word)).join(' ')}`;
  if (error.code === DiscordjsErrorCodes.CommandInteractionOptionNoSubcommand) {
    return `\`${invoked}\` needs a subcommand${command.usage ? `: \`${command.usage}\`` : ''}. \`/help\` lists every command.`;
  }
  if (
    error.code !== DiscordjsErrorCodes.CommandInteractionOptionNotFound &&
    error.code !== DiscordjsErrorCodes.CommandInteractionOptionEmpty
  )
    return null;
  // discord.js names the option in its message: Required option "id" not found.
  const option = /"([^"]+)"/.exec(error.message)?.[1];
  if (option === undefined || !commandWord.test(option)) return null;
  return `The option \`${option}\` is missing. Try \`${invoked} ${option}: …\`; \`/help\` lists every command.`;
}

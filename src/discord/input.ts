/**
 * Checks on what users type, before any work: a bad question gets a clear private answer.
 */
import { echoed } from '../present/discord/views.ts';
import { maxQuestionLength, questionProblem } from '../retrieval/question.ts';

export { maxQuestionLength };
/** Text from a message ("Find quotes") is longer than a typed question; only this much is used. */
export const maxMessageTextLength = 1000;

export type TextCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

export function checkQuestion(input: string | null | undefined, what = 'question'): TextCheck {
  const text = (input ?? '').trim();
  switch (questionProblem(text)) {
    case 'empty':
      return { ok: false, problem: `Please type a ${what}: it was empty.` };
    case 'control-characters':
      return { ok: false, problem: `Your ${what} contains control or invisible characters; please type it again as plain text.` };
    case 'too-long':
      return { ok: false, problem: `Your ${what} is ${text.length} characters long; please keep it within ${maxQuestionLength}.` };
    case null:
      return { ok: true, text };
  }
}

export function unknownArticleProblem(name: string): string {
  return `I have not read an article called “${echoed(name)}”. Pick one from the list as you type, or see \`/articles\`.`;
}

/** The text of a message for "Find quotes": whitespace (newlines included) made single spaces, cut at a word. */
export function messageQuestion(content: string): TextCheck {
  const text = content.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (text === '') return { ok: false, problem: 'That message has no text I can look up.' };
  if (text.length <= maxMessageTextLength) return { ok: true, text };
  const cut = text.slice(0, maxMessageTextLength);
  return { ok: true, text: cut.slice(0, Math.max(cut.lastIndexOf(' '), maxMessageTextLength / 2)) };
}

export function unknownIdProblem(id: string): string {
  return `I have no sentence with the id “${echoed(id)}”. Citation ids look like \`a3:4.2\`; \`/search\` finds sentences and their ids.`;
}

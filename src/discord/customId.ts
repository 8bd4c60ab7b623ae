/**
 * The one place a button's custom_id is written and read. A custom_id is the button's kind,
 * a colon, and what that kind needs: `more:<answer key>`, `context:<answer key>`,
 * `vote:up|down:<answer key>`, `articles:<page>`. Discord gives it at most 100 characters
 * (limits.ts), too few for a question, so an answer's buttons carry a key into the button
 * state (buttonState.ts) instead.
 */
import type { Vote } from '../store/feedback.ts';

/** What a pressed button asks for, read from its custom_id. */
export type ButtonPress =
  | { readonly kind: 'more'; readonly answerKey: string }
  | { readonly kind: 'context'; readonly answerKey: string }
  | { readonly kind: 'vote'; readonly vote: Vote; readonly answerKey: string }
  | { readonly kind: 'articles'; readonly page: number };

export type ButtonKind = ButtonPress['kind'];

/** A press of one kind of button. */
export type ButtonPressOf<K extends ButtonKind> = Extract<ButtonPress, { kind: K }>;

/** A page number of at most six digits: a million pages of articles is beyond any server. */
const pageNumber = /^\d{1,6}$/;

/** The custom_id for a button that, when pressed, is read back as `press`. */
export function encodeCustomId(press: ButtonPress): string {
  switch (press.kind) {
    case 'more':
    case 'context':
      return `${press.kind}:${press.answerKey}`;
    case 'vote':
      return `vote:${press.vote}:${press.answerKey}`;
    case 'articles':
      return `articles:${press.page}`;
  }
}

/**
 * What a custom_id asks for, or `{ kind: null }` with the first part when it names no button
 * this bot makes (a button from an older version, or a damaged id).
 */
export function decodeCustomId(customId: string): ButtonPress | { readonly kind: null; readonly prefix: string } {
  const [prefix = '', ...rest] = customId.split(':');
  const argument = rest.join(':');
  switch (prefix) {
    case 'more':
    case 'context':
      return { kind: prefix, answerKey: argument };
    case 'vote': {
      const [vote, ...key] = rest;
      if (vote === 'up' || vote === 'down') return { kind: 'vote', vote, answerKey: key.join(':') };
      break;
    }
    case 'articles':
      // A page number out of shape shows the first page rather than nothing.
      return { kind: 'articles', page: pageNumber.test(argument) ? Number(argument) : 0 };
  }
  return { kind: null, prefix };
}

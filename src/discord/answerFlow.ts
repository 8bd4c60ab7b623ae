/**
 * The answer flow shared by /ask, its More button and Find quotes: answer a question from a
 * server's view, keep the state its buttons need, and send it with More, Context and 👍/👎.
 */
import { randomBytes } from 'node:crypto';
import type { ArticleKey } from '../corpus/types.ts';
import { answerMessage } from '../present/discord/answer.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import type { AnswerButtonState } from './buttonState.ts';
import type { BotContext, Outcome } from './command.ts';
import { encodeCustomId } from './customId.ts';
import type { Responder } from './replyPolicy.ts';
import type { ServerView } from './servers.ts';

/** Said above an answer whose buttons could not be kept. */
export const noButtonsNote =
  "I can't reach my storage right now, so this answer has no buttons (More, Context, votes).";

/** Five quotes still fit one embed comfortably; more would be cut for Discord's limits anyway. */
export const maxQuoteCount = 5;

export interface AskRequest {
  readonly question: string;
  readonly articleKey: ArticleKey | null;
  readonly count: number;
  readonly offset: number;
  /** Only the asker sees the answer. */
  readonly private: boolean;
  /** Heading other than the question (Find quotes shows the message's text cut short). */
  readonly heading?: string;
}

/** The server's default number of quotes, within what one answer can show. */
export function serverQuoteCount(view: ServerView): number {
  return Math.min(Math.max(view.settings.defaultQuoteCount, 1), maxQuoteCount);
}

/**
 * Answers and sends, with buttons whenever quotes are shown (an answer's, or the closest ones
 * said not to answer); shared by /ask, More and Find quotes, each deferred first by its reply
 * policy as `request.private` says.
 */
export async function sendAnswer(
  request: AskRequest,
  respond: Responder,
  bot: BotContext,
  view: ServerView,
): Promise<Outcome> {
  const answer = view.ask(request.question, {
    top: request.count,
    offset: request.offset,
    ...(request.articleKey ? { articleKey: request.articleKey } : {}),
  });
  // Closest quotes get the buttons an answer gets: Context shows what is around them, and a
  // 👍 on quotes said not to answer is what tells the confidence it was wrong.
  const shown = answer.answered ? answer.quotes : answer.closest;
  const outcome: Outcome = answer.answered ? 'answered' : 'no-answer';
  const heading = request.heading ? { heading: request.heading } : {};
  if (shown.length === 0) {
    await respond.send(answerMessage(answer, { offset: request.offset, ...heading }), { private: request.private });
    return outcome;
  }
  // One key names the answer: its buttons' state, and its feedback record.
  const key = randomBytes(9).toString('base64url');
  const quotedIds = shown.flatMap((quote) => quote.sentences.map((sentence) => sentence.id));
  const state: AnswerButtonState = {
    kind: 'answer',
    question: request.question,
    articleKey: request.articleKey,
    count: request.count,
    nextOffset: request.offset + shown.length,
    quotedIds,
    private: request.private,
  };
  try {
    await Promise.all([
      bot.buttons.set(key, state, bot.buttonLifetimeMs),
      bot.feedback.recordAnswer({
        answerId: key,
        question: request.question,
        citationIds: shown.map((quote) => quote.main.id),
        guildId: view.guildId,
        answeredAt: Date.now(),
        ...(answer.answered ? {} : { closest: true as const }),
      }),
    ]);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    // The answer comes from memory; only its buttons need the store. It goes out without them.
    bot.log.warn({ err: error }, 'answer sent without buttons: the store is unavailable');
    const message = answerMessage(answer, { offset: request.offset, ...heading });
    await respond.send({ ...message, content: noButtonsNote }, { private: request.private });
    return outcome;
  }
  // Fewer quotes than asked for means there are no more to show.
  const more = shown.length >= request.count ? { more: encodeCustomId({ kind: 'more', answerKey: key }) } : {};
  const buttons = {
    ...more,
    context: encodeCustomId({ kind: 'context', answerKey: key }),
    voteUp: encodeCustomId({ kind: 'vote', vote: 'up', answerKey: key }),
    voteDown: encodeCustomId({ kind: 'vote', vote: 'down', answerKey: key }),
  };
  await respond.send(answerMessage(answer, { offset: request.offset, buttons, ...heading }), {
    private: request.private,
  });
  return outcome;
}

/**
 * /ask question [article] [count] [private]: the quotes that answer a question, each with its
 * citation, and the buttons under the answer: More, Context, and 👍/👎 for feedback. The
 * server's settings give the default count and whether answers are public or private.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Sentence } from '../src/corpus/types.ts';
import { answerMessage, contextMessage, type QuoteContext } from '../src/present/discord/answer.ts';
import type { AnswerButtonState } from '../src/discord/buttonState.ts';
import type { BotContext, ButtonHandler, Command, Outcome } from '../src/discord/command.ts';
import { encodeCustomId } from '../src/discord/customId.ts';
import { checkName, checkQuestion, maxQuestionLength, unknownArticleProblem } from '../src/discord/input.ts';
import type { Responder } from '../src/discord/replyPolicy.ts';
import type { ServerView } from '../src/discord/servers.ts';
import { StoreUnavailableError } from '../src/store/errors.ts';

/** Said above an answer whose buttons could not be kept. */
export const noButtonsNote =
  "I can't reach my storage right now, so this answer has no buttons (More, Context, votes).";

/** Five quotes still fit one embed comfortably; more would be cut for Discord's limits anyway. */
export const maxQuoteCount = 5;

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'Quotes from the articles that answer a question, each with its citation',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'What you want to know',
      required: true,
      max_length: maxQuestionLength,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'article',
      description: 'Only quote from this article',
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'count',
      description: `How many quotes (1–${maxQuoteCount}; the server's default otherwise)`,
      min_value: 1,
      max_value: maxQuoteCount,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'private',
      description: "Only you see the answer (the server's default otherwise)",
    },
  ],
};

export interface AskRequest {
  readonly question: string;
  readonly articleKey: string | null;
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

/** Answers and sends, with buttons when there were quotes; shared by /ask, More and Find quotes. */
export async function sendAnswer(
  request: AskRequest,
  respond: Responder,
  bot: BotContext,
  view: ServerView,
): Promise<Outcome> {
  await respond.defer({ private: request.private });
  const answer = view.ask(request.question, {
    top: request.count,
    offset: request.offset,
    ...(request.articleKey ? { articleKey: request.articleKey } : {}),
  });
  if (!answer.answered || answer.quotes.length === 0) {
    await respond.send(answerMessage(answer, { offset: request.offset }), { private: request.private });
    return 'no-answer';
  }
  // One key names the answer: its buttons' state, and its feedback record.
  const key = randomBytes(9).toString('base64url');
  const quotedIds = answer.quotes.flatMap((quote) => quote.sentences.map((sentence) => sentence.id));
  const state: AnswerButtonState = {
    kind: 'answer',
    question: request.question,
    articleKey: request.articleKey,
    count: request.count,
    nextOffset: request.offset + answer.quotes.length,
    quotedIds,
    private: request.private,
  };
  try {
    await Promise.all([
      bot.buttons.set(key, state, bot.buttonLifetimeMs),
      bot.feedback.recordAnswer({
        answerId: key,
        question: request.question,
        citationIds: answer.quotes.map((quote) => quote.main.id),
        guildId: view.guildId,
        answeredAt: Date.now(),
      }),
    ]);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    // The answer comes from memory; only its buttons need the store. It goes out without them.
    bot.log.warn({ err: error }, 'answer sent without buttons: the store is unavailable');
    const message = answerMessage(answer, {
      offset: request.offset,
      ...(request.heading ? { heading: request.heading } : {}),
    });
    await respond.send({ ...message, content: noButtonsNote }, { private: request.private });
    return 'answered';
  }
  // Fewer quotes than asked for means there are no more to show.
  const more = answer.quotes.length >= request.count ? { more: encodeCustomId({ kind: 'more', answerKey: key }) } : {};
  const buttons = {
    ...more,
    context: encodeCustomId({ kind: 'context', answerKey: key }),
    voteUp: encodeCustomId({ kind: 'vote', vote: 'up', answerKey: key }),
    voteDown: encodeCustomId({ kind: 'vote', vote: 'down', answerKey: key }),
  };
  await respond.send(
    answerMessage(answer, {
      offset: request.offset,
      buttons,
      ...(request.heading ? { heading: request.heading } : {}),
    }),
    { private: request.private },
  );
  return 'answered';
}

export const ask: Command<ChatInputCommandInteraction> = {
  definition,
  summary: {
    usage: '/ask question [article] [count] [private]',
    description:
      'the quotes that answer a question, each with its citation; More, Context and 👍/👎 buttons underneath.',
  },
  async execute(interaction, respond, bot) {
    const question = checkQuestion(interaction.options.getString('question'));
    if (!question.ok) {
      await respond.refuse(question.problem);
      return 'invalid-input';
    }
    const view = await bot.servers.viewFor(interaction.guildId);
    const articleName = interaction.options.getString('article');
    let articleKey: string | null = null;
    if (articleName !== null && articleName.trim() !== '') {
      const checked = checkName(articleName, 'article name');
      if (!checked.ok) {
        await respond.refuse(checked.problem);
        return 'invalid-input';
      }
      const article = view.findArticle(articleName);
      if (!article) {
        await respond.refuse(unknownArticleProblem(articleName));
        return 'not-found';
      }
      articleKey = article.key;
    }
    const count = interaction.options.getInteger('count') ?? serverQuoteCount(view);
    const privately = interaction.options.getBoolean('private') ?? view.settings.answerVisibility === 'private';
    return sendAnswer(
      {
        question: question.text,
        articleKey,
        count: Math.min(Math.max(count, 1), maxQuoteCount),
        offset: 0,
        private: privately,
      },
      respond,
      bot,
      view,
    );
  },
  async autocomplete(interaction, bot) {
    return (await bot.servers.viewFor(interaction.guildId)).articleChoices(interaction.options.getFocused());
  },
};

async function answerState(key: string, respond: Responder, bot: BotContext): Promise<AnswerButtonState | undefined> {
  const found = await bot.buttons.lookup(key);
  if (found.status === 'live') return found.state;
  const minutes = Math.round(bot.buttonLifetimeMs / 60_000);
  await respond.refuse(
    found.status === 'expired'
      ? `This button has expired: buttons under an answer work for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Ask again with \`/ask\` to get fresh ones.`
      : 'This button no longer works: I have no record of its answer. Ask again with `/ask` to get fresh buttons.',
  );
  return undefined;
}

/** More: the next quotes for the same question, as a new message. */
export const moreButton: ButtonHandler<'more'> = {
  kind: 'more',
  async execute(interaction: ButtonInteraction, { answerKey: key }, respond, bot) {
    const state = await answerState(key, respond, bot);
    if (!state) return 'expired';
    const view = await bot.servers.viewFor(interaction.guildId);
    return sendAnswer(
      {
        question: state.question,
        articleKey: state.articleKey,
        count: state.count,
        offset: state.nextOffset,
        private: state.private ?? false,
      },
      respond,
      bot,
      view,
    );
  },
};

/** Context: the sentences around each quote, shown only to whoever pressed it. */
export const contextButton: ButtonHandler<'context'> = {
  kind: 'context',
  async execute(interaction: ButtonInteraction, { answerKey: key }, respond, bot) {
    const state = await answerState(key, respond, bot);
    if (!state) return 'expired';
    const view = await bot.servers.viewFor(interaction.guildId);
    const quoted = new Set(state.quotedIds);
    // Quotes from one article share one view, so that overlapping neighbourhoods are not shown twice.
    const byArticle = new Map<string, { article: QuoteContext['article']; sentences: Map<string, Sentence> }>();
    for (const id of state.quotedIds) {
      const sentence = view.sentence(id);
      if (!sentence) continue;
      const entry = byArticle.get(sentence.articleKey) ?? {
        article: view.engine.articleOf(sentence),
        sentences: new Map<string, Sentence>(),
      };
      for (const neighbour of view.engine.context(id)) entry.sentences.set(neighbour.id, neighbour);
      byArticle.set(sentence.articleKey, entry);
    }
    const contexts: QuoteContext[] = [...byArticle.values()].map(({ article, sentences }) => ({
      quotedIds: quoted,
      article,
      sentences: [...sentences.values()].sort((a, b) => a.paragraph - b.paragraph || a.position - b.position),
    }));
    await respond.send(contextMessage(contexts), { private: true });
    return 'answered';
  },
};

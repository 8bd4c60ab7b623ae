/**
 * /ask question [article] [count]: the quotes that answer a question, each with its
 * citation, and the More and Context buttons under the answer.
 */
import { randomBytes } from 'node:crypto';
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Sentence } from '../src/corpus/types.ts';
import { answerMessage, contextMessage, type QuoteContext } from '../src/present/discord/answer.ts';
import { echoed } from '../src/present/discord/views.ts';
import type { AnswerButtonState } from '../src/discord/buttonState.ts';
import type { BotContext, ButtonHandler, Command, Outcome } from '../src/discord/command.ts';
import { checkQuestion, maxQuestionLength } from '../src/discord/input.ts';
import type { Responder } from '../src/discord/replyPolicy.ts';

export const defaultQuoteCount = 3;
/** Sentences shown before and after each quote by the Context button. */
const contextRadius = 2;
/** Five quotes still fit one embed comfortably; more would be cut for Discord's limits anyway. */
export const maxQuoteCount = 5;

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'ask',
  description: 'Quotes from the articles that answer a question, each with its citation',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'question', description: 'What you want to know', required: true, max_length: maxQuestionLength },
    { type: ApplicationCommandOptionType.String, name: 'article', description: 'Only quote from this article', autocomplete: true },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: `How many quotes (1–${maxQuoteCount}, default ${defaultQuoteCount})`, min_value: 1, max_value: maxQuoteCount },
  ],
};

export interface AskRequest {
  readonly question: string;
  readonly articleKey: string | null;
  readonly count: number;
  readonly offset: number;
  /** Heading other than the question (Find quotes shows the message's text cut short). */
  readonly heading?: string;
}

/** Answers and sends, with buttons when there were quotes; shared by /ask, More and Find quotes. */
export async function sendAnswer(request: AskRequest, respond: Responder, bot: BotContext): Promise<Outcome> {
  await respond.defer();
  const answer = bot.engine.ask(request.question, { top: request.count, offset: request.offset, ...(request.articleKey ? { articleKey: request.articleKey } : {}) });
  if (!answer.answered || answer.quotes.length === 0) {
    await respond.send(answerMessage(answer, { offset: request.offset }));
    return 'no-answer';
  }
  const key = randomBytes(9).toString('base64url');
  const state: AnswerButtonState = {
    kind: 'answer',
    question: request.question,
    articleKey: request.articleKey,
    count: request.count,
    nextOffset: request.offset + answer.quotes.length,
    quotedIds: answer.quotes.flatMap((quote) => quote.sentences.map((sentence) => sentence.id)),
  };
  await bot.buttons.set(key, state, bot.buttonLifetimeMs);
  // Fewer quotes than asked for means there are no more to show.
  const more = answer.quotes.length >= request.count ? { more: `${moreButton.prefix}:${key}` } : {};
  await respond.send(answerMessage(answer, { offset: request.offset, buttons: { ...more, context: `${contextButton.prefix}:${key}` }, ...(request.heading ? { heading: request.heading } : {}) }));
  return 'answered';
}

export const ask: Command<ChatInputCommandInteraction> = {
  definition,
  summary: { usage: '/ask question [article] [count]', description: 'the quotes that answer a question, each with its citation; More and Context buttons underneath.' },
  async execute(interaction, respond, bot) {
    const question = checkQuestion(interaction.options.getString('question'));
    if (!question.ok) {
      await respond.refuse(question.problem);
      return 'invalid-input';
    }
    const articleName = interaction.options.getString('article');
    let articleKey: string | null = null;
    if (articleName !== null && articleName.trim() !== '') {
      const article = bot.catalogue.findArticle(articleName);
      if (!article) {
        await respond.refuse(`I have not read an article called “${echoed(articleName)}”. Pick one from the list as you type, or see \`/articles\`.`);
        return 'not-found';
      }
      articleKey = article.key;
    }
    const count = interaction.options.getInteger('count') ?? defaultQuoteCount;
    return sendAnswer({ question: question.text, articleKey, count: Math.min(Math.max(count, 1), maxQuoteCount), offset: 0 }, respond, bot);
  },
  autocomplete(interaction, bot) {
    return bot.catalogue.articleChoices(interaction.options.getFocused());
  },
};

async function answerState(key: string, respond: Responder, bot: BotContext): Promise<AnswerButtonState | undefined> {
  const state = await bot.buttons.get(key);
  if (!state) await respond.refuse('This button has expired. Ask again with `/ask` to get fresh buttons.');
  return state;
}

/** More: the next quotes for the same question, as a new message. */
export const moreButton: ButtonHandler = {
  prefix: 'more',
  async execute(_interaction: ButtonInteraction, key, respond, bot) {
    const state = await answerState(key, respond, bot);
    if (!state) return 'expired';
    return sendAnswer({ question: state.question, articleKey: state.articleKey, count: state.count, offset: state.nextOffset }, respond, bot);
  },
};

/** Context: the sentences around each quote, shown only to whoever pressed it. */
export const contextButton: ButtonHandler = {
  prefix: 'context',
  async execute(_interaction: ButtonInteraction, key, respond, bot) {
    const state = await answerState(key, respond, bot);
    if (!state) return 'expired';
    const quoted = new Set(state.quotedIds);
    // Quotes from one article share one view, so that overlapping neighbourhoods are not shown twice.
    const byArticle = new Map<string, { article: QuoteContext['article']; sentences: Map<string, Sentence> }>();
    for (const id of state.quotedIds) {
      const sentence = bot.engine.sentence(id);
      if (!sentence) continue;
      const entry = byArticle.get(sentence.articleKey) ?? { article: bot.engine.articleOf(sentence), sentences: new Map<string, Sentence>() };
      for (const neighbour of bot.engine.context(id, contextRadius)) entry.sentences.set(neighbour.id, neighbour);
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

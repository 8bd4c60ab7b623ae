/**
 * /ask question [article] [count] [private]: the quotes that answer a question, each with its
 * citation, and the buttons under the answer: More, Context, and 👍/👎 for feedback. The
 * server's settings give the default count and whether answers are public or private.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { ArticleKey, Sentence } from '../src/corpus/types.ts';
import { contextMessage, type QuoteContext } from '../src/present/discord/answer.ts';
import type { AnswerButtonState } from '../src/discord/buttonState.ts';
import { maxQuoteCount, sendAnswer, serverQuoteCount } from '../src/discord/answerFlow.ts';
import { checkedChatInputCommand, type BotContext, type ButtonHandler } from '../src/discord/command.ts';
import {
  checkName,
  checkQuestion,
  maxNameInputLength,
  maxQuestionLength,
  unknownArticleProblem,
} from '../src/discord/input.ts';
import type { Responder } from '../src/discord/replyPolicy.ts';

const definition = {
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
      max_length: maxNameInputLength,
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
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Whether the answer is private: as asked, else as the server's settings say. */
async function answersPrivately(asked: boolean | null, bot: BotContext, guildId: string | null): Promise<boolean> {
  return asked ?? (await bot.servers.settingsOf(guildId)).answerVisibility === 'private';
}

export const ask = checkedChatInputCommand({
  definition,
  summary: {
    usage: '/ask question [article] [count] [private]',
    description:
      'the quotes that answer a question, each with its citation; More, Context and 👍/👎 buttons underneath.',
  },
  check(args) {
    const question = checkQuestion(args.question);
    if (!question.ok) return question;
    const articleName = args.article?.trim() ? args.article : null;
    const article = articleName === null ? null : checkName(articleName, 'article name');
    if (article && !article.ok) return article;
    return { ok: true, input: { ...args, question: question.text, article: articleName } };
  },
  // The server's index may be loaded or rebuilt before the answer: acknowledged first, as the answer will be seen.
  reply: { defer: 'first', private: (args, bot, guildId) => answersPrivately(args.private, bot, guildId) },
  async execute(interaction, args, respond, bot) {
    const view = await bot.servers.viewFor(interaction.guildId);
    let articleKey: ArticleKey | null = null;
    if (args.article !== null) {
      const article = view.findArticle(args.article);
      if (!article) {
        await respond.refuse(unknownArticleProblem(args.article));
        return 'not-found';
      }
      articleKey = article.key;
    }
    const count = args.count ?? serverQuoteCount(view);
    return sendAnswer(
      {
        question: args.question,
        articleKey,
        count: Math.min(Math.max(count, 1), maxQuoteCount),
        offset: 0,
        // As acknowledged: decided once, when deferred, so a later read of the settings cannot differ.
        private: respond.deferredPrivately ?? args.private ?? view.settings.answerVisibility === 'private',
      },
      respond,
      bot,
      view,
    );
  },
  async autocomplete(interaction, bot) {
    return bot.servers.viewFromMemory(interaction.guildId).articleChoices(interaction.options.getFocused());
  },
});

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
  // The server's index may be loaded or rebuilt first: acknowledged at once, as the answer it
  // continues was seen, which the answer's own message says (private answers are ephemeral)
  // without a wait on the store. An expired button's refusal then replaces a public deferral.
  reply: { defer: 'first', private: (interaction) => interaction.message.flags.has(MessageFlags.Ephemeral) },
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
  // The server's index may be loaded or rebuilt first; the context is for whoever pressed.
  reply: { defer: 'first', private: true },
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

/**
 * 👍/👎 under an answer: one vote per user per answer, kept with the question and the quoted
 * citation ids (src/store/feedback.ts) for `npm run feedback`. Pressing again changes the vote
 * or keeps it; it never counts twice. The reply is private: the channel is not told who voted.
 */
import type { ButtonHandler } from '../src/discord/command.ts';
import { noticeMessage } from '../src/present/discord/views.ts';
import type { Vote } from '../src/store/feedback.ts';

const symbol: Record<Vote, string> = { up: '👍', down: '👎' };

export const voteButton: ButtonHandler<'vote'> = {
  kind: 'vote',
  // Two store reads and a write, each allowed 2 s (src/store/guard.ts), before a private
  // thanks: acknowledged at once, privately.
  reply: { defer: 'first', private: true },
  async execute(interaction, { vote, answerKey: answerId }, respond, bot) {
    if (!(await bot.feedback.answer(answerId))) {
      await respond.refuse(
        'I no longer have a record of this answer, so I cannot keep a vote on it. Thank you all the same.',
      );
      return 'expired';
    }
    const userId = interaction.user.id;
    const previous = await bot.feedback.voteOf(answerId, userId);
    if (previous === vote) {
      await respond.send(noticeMessage(`You already gave this answer ${symbol[vote]}; your vote stays as it was.`), {
        private: true,
      });
      return 'answered';
    }
    await bot.feedback.vote(answerId, userId, vote);
    const thanks =
      previous === undefined
        ? `Thanks for the ${symbol[vote]}. Votes show which answers and articles need work.`
        : `Changed your vote on this answer from ${symbol[previous]} to ${symbol[vote]}. Thanks.`;
    await respond.send(noticeMessage(thanks), { private: true });
    return 'answered';
  },
};

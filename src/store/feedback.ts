/**
 * 👍/👎 on answers, kept with the question and the citation ids that were quoted, so that the
 * articles and the ranking can be improved from real use (`npm run feedback`).
 *
 * Each vote is its own record, keyed by answer and user: a user voting again replaces their
 * vote (one vote per user per answer), and two processes recording votes at once never
 * overwrite each other's, since no record is read, changed and written back.
 */
import type { CitationId } from '../corpus/types.ts';
import type { Store } from './store.ts';

export type Vote = 'up' | 'down';

export interface AnswerRecord {
  /** The bot's id for the answer message (what the buttons carry). */
  readonly answerId: string;
  readonly question: string;
  /** Citation ids of the quotes shown, in order. */
  readonly citationIds: readonly CitationId[];
  readonly guildId: string | null;
  readonly answeredAt: number;
  /** Set when the quotes were shown as the closest, not as an answer (the confidence was low). */
  readonly closest?: true;
}

export interface VoteRecord {
  readonly answerId: string;
  readonly userId: string;
  readonly vote: Vote;
  readonly votedAt: number;
}

export interface AnswerFeedback {
  readonly answerId: string;
  /** Null when the answer's record is missing (it was never recorded or has been deleted). */
  readonly answer: AnswerRecord | null;
  readonly up: number;
  readonly down: number;
}

export class FeedbackStore {
  constructor(private readonly store: Store) {}

  private get answers() {
    return this.store.keyv<AnswerRecord>('feedback-answers');
  }

  private get votes() {
    return this.store.keyv<VoteRecord>('feedback-votes');
  }

  /** Keeps what an answer quoted, so that votes on it can be read later. */
  async recordAnswer(answer: AnswerRecord): Promise<void> {
    await this.answers.set(answer.answerId, { ...answer, citationIds: [...answer.citationIds] });
  }

  async answer(answerId: string): Promise<AnswerRecord | undefined> {
    return this.answers.get(answerId);
  }

  /** Records a user's vote on an answer, replacing their earlier vote on it. */
  async vote(answerId: string, userId: string, vote: Vote, now = Date.now()): Promise<void> {
    if (vote !== 'up' && vote !== 'down') throw new Error(`a vote is "up" or "down", not ${JSON.stringify(vote)}`);
    await this.votes.set(voteKey(answerId, userId), { answerId, userId, vote, votedAt: now });
  }

  /** Takes back a user's vote (pressing the same button again, say). */
  async withdraw(answerId: string, userId: string): Promise<void> {
    await this.votes.delete(voteKey(answerId, userId));
  }

  /** The user's current vote on an answer, if any. */
  async voteOf(answerId: string, userId: string): Promise<Vote | undefined> {
    return (await this.votes.get(voteKey(answerId, userId)))?.vote;
  }

  /** Every voted answer with its counts, most disliked first (then least liked, then newest). */
  async summary(): Promise<AnswerFeedback[]> {
    const counts = new Map<string, { up: number; down: number }>();
    for await (const [, value] of this.votes.iterator!(undefined)) {
      const vote = value as VoteRecord;
      const count = counts.get(vote.answerId) ?? { up: 0, down: 0 };
      count[vote.vote] += 1;
      counts.set(vote.answerId, count);
    }
    const answerIds = [...counts.keys()];
    const answers = answerIds.length === 0 ? [] : await this.answers.get(answerIds);
    const feedback = answerIds.map((answerId, i) => ({
      answerId,
      answer: answers[i] ?? null,
      ...counts.get(answerId)!,
    }));
    return feedback.sort(
      (a, b) => b.down - a.down || a.up - b.up || (b.answer?.answeredAt ?? 0) - (a.answer?.answeredAt ?? 0),
    );
  }
}

function voteKey(answerId: string, userId: string): string {
  return `${answerId}/${userId}`;
}

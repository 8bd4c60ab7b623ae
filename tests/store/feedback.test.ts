import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CitationId } from '../../src/corpus/types.ts';
import { FeedbackStore } from '../../src/store/feedback.ts';
import { describeEachBackend, temporaryFolder } from './backends.ts';
import { projectPath, runTypeScript } from './childProcess.ts';

const ids = (...values: string[]) => values as CitationId[];

describeEachBackend('feedback on answers', (backend) => {
  it('keeps one vote per user per answer, the latest', async () => {
    const feedback = new FeedbackStore(await backend.open());
    await feedback.recordAnswer({
      answerId: 'm1',
      question: 'How many troops?',
      citationIds: ids('a0:3.1'),
      guildId: 'g1',
      answeredAt: 1,
    });
    await feedback.vote('m1', 'alice', 'up');
    await feedback.vote('m1', 'alice', 'down');
    await feedback.vote('m1', 'bob', 'down');
    expect(await feedback.voteOf('m1', 'alice')).toBe('down');
    const [summary] = await feedback.summary();
    expect(summary).toMatchObject({
      answerId: 'm1',
      up: 0,
      down: 2,
      answer: { question: 'How many troops?', citationIds: ['a0:3.1'] },
    });
  });

  it('lists the most disliked answers first, with their questions and citation ids', async () => {
    const feedback = new FeedbackStore(await backend.open());
    await feedback.recordAnswer({
      answerId: 'liked',
      question: 'Who leads Iraq?',
      citationIds: ids('a1:2.1'),
      guildId: null,
      answeredAt: 1,
    });
    await feedback.recordAnswer({
      answerId: 'disliked',
      question: 'When did it start?',
      citationIds: ids('a2:4.1', 'a2:4.2'),
      guildId: null,
      answeredAt: 2,
    });
    await feedback.vote('liked', 'u1', 'up');
    await feedback.vote('liked', 'u2', 'up');
    await feedback.vote('disliked', 'u1', 'down');
    await feedback.vote('disliked', 'u2', 'down');
    await feedback.vote('disliked', 'u3', 'up');
    const summary = await feedback.summary();
    expect(summary.map((entry) => [entry.answerId, entry.down, entry.up])).toEqual([
      ['disliked', 2, 1],
      ['liked', 0, 2],
    ]);
    expect(summary[0]!.answer?.citationIds).toEqual(['a2:4.1', 'a2:4.2']);
  });

  it('refuses a vote that is neither up nor down', async () => {
    const feedback = new FeedbackStore(await backend.open());
    await expect(feedback.vote('m1', 'alice', 'sideways' as 'up')).rejects.toThrow(/"up" or "down"/);
  });

  it('loses no votes when two processes record votes at the same time', async () => {
    const votesEach = 150;
    const url = backend.url();
    const writers = ['left', 'right'].map(
      (prefix) =>
        runTypeScript(projectPath('tests/store/fixtures/castVotes.ts'), [url, 'busy-answer', prefix, String(votesEach)])
          .finished,
    );
    const results = await Promise.all(writers);
    expect(results.map((result) => [result.code, result.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const feedback = new FeedbackStore(await backend.open());
    const [summary] = await feedback.summary();
    expect(summary!.up + summary!.down).toBe(2 * votesEach);
    expect(summary!.up).toBe(2 * Math.ceil(votesEach / 3));
  }, 60_000);
});

it('npm run feedback prints the summary, most disliked first', async () => {
  const folder = await temporaryFolder();
  try {
    const url = `sqlite://${join(folder.path, 'citebot.sqlite')}`;
    const { openStore } = await import('../../src/store/open.ts');
    const store = await openStore(url);
    const feedback = new FeedbackStore(store);
    await feedback.recordAnswer({
      answerId: 'm-good',
      question: 'Who leads Iraq?',
      citationIds: ids('a1:2.1'),
      guildId: 'g1',
      answeredAt: Date.UTC(2026, 0, 2, 10, 30),
    });
    await feedback.recordAnswer({
      answerId: 'm-bad',
      question: 'When did the war start?',
      citationIds: ids('a2:4.1'),
      guildId: 'g1',
      answeredAt: Date.UTC(2026, 0, 2, 11, 0),
    });
    await feedback.vote('m-good', 'u1', 'up');
    await feedback.vote('m-bad', 'u1', 'down');
    await feedback.vote('m-bad', 'u2', 'down');
    await store.close();

    const run = runTypeScript(projectPath('src/cli/feedback.ts'), [], { env: { ...process.env, KEYV_URL: url } });
    const result = await run.finished;
    expect(result.code).toBe(0);
    const output = run.lines.join('\n');
    expect(output).toContain('2 answers voted on: 👎 2, 👍 1');
    expect(output.indexOf('When did the war start?')).toBeLessThan(output.indexOf('Who leads Iraq?'));
    expect(output).toContain('👎 2  👍 0  When did the war start?');
    expect(output).toContain('quoted a2:4.1');
  } finally {
    await folder.remove();
  }
});

describeEachBackend('taking back a vote', (backend) => {
  it('removes the user’s vote and leaves the others', async () => {
    const feedback = new FeedbackStore(await backend.open());
    await feedback.vote('m1', 'alice', 'down');
    await feedback.vote('m1', 'bob', 'down');
    await feedback.withdraw('m1', 'alice');
    expect(await feedback.voteOf('m1', 'alice')).toBeUndefined();
    expect((await feedback.summary())[0]).toMatchObject({ answerId: 'm1', down: 1, up: 0 });
  });
});

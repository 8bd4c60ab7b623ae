/**
 * `npm run feedback -- [--json] [--limit N]`
 *
 * Prints what users thought of the answers, from the store KEYV_URL names (the default SQLite
 * file when unset; read from the environment and .env as every command does): most disliked answers first, each with its question and the citation ids
 * it quoted, so that the articles or the ranking can be fixed where answers fall short.
 */
import { parseArgs } from 'node:util';
import { describeProblems, loadConfig } from '../config.ts';
import { FeedbackStore, type AnswerFeedback } from '../store/feedback.ts';
import { openStore, StoreOpenError } from '../store/open.ts';

const usage = `Usage: npm run feedback -- [options]

Summarises the 👍/👎 votes on answers, most disliked first.
Reads the store KEYV_URL names, in the environment or in .env (default:
data/citebot.sqlite); never creates one.

Options:
  --limit N   show at most N answers (default: 20; 0 for all)
  --json      one JSON object per answer
  -h, --help  this help
`;

function formatAnswer(feedback: AnswerFeedback): string {
  const answer = feedback.answer;
  const question = answer ? answer.question : '(question not recorded)';
  const when = answer ? new Date(answer.answeredAt).toISOString().slice(0, 16).replace('T', ' ') : '';
  const shownAs = answer?.closest ? ' (shown as the closest quotes, not an answer)' : '';
  const lines = [`👎 ${feedback.down}  👍 ${feedback.up}  ${question}${shownAs}`];
  if (answer)
    lines.push(
      `   quoted ${answer.citationIds.length > 0 ? answer.citationIds.join(', ') : 'nothing'} · ${when} UTC${answer.guildId ? ` · server ${answer.guildId}` : ''}`,
    );
  lines.push(`   answer ${feedback.answerId}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!/^\d+$/.test(values.limit)) {
    process.stderr.write(`--limit takes a whole number, not "${values.limit}".\n\n${usage}`);
    return 2;
  }
  const limit = Number(values.limit);

  const config = loadConfig();
  if (!config.ok) {
    process.stderr.write(`${describeProblems(config.problems)}\n`);
    return 1;
  }
  let store;
  try {
    // Only reads: a read-only copy of the store will do, and a missing one is not created.
    store = await openStore(config.config.storeUrl ?? '', { write: false });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    const summary = await new FeedbackStore(store).summary();
    const shown = limit === 0 ? summary : summary.slice(0, limit);
    if (values.json) {
      for (const feedback of shown) process.stdout.write(`${JSON.stringify(feedback)}\n`);
      return 0;
    }
    if (summary.length === 0) {
      process.stdout.write(`No votes yet in ${store.displayUrl}.\n`);
      return 0;
    }
    const up = summary.reduce((sum, feedback) => sum + feedback.up, 0);
    const down = summary.reduce((sum, feedback) => sum + feedback.down, 0);
    process.stdout.write(
      `${summary.length} answers voted on: 👎 ${down}, 👍 ${up} (${store.displayUrl}). Most disliked first:\n\n`,
    );
    process.stdout.write(`${shown.map(formatAnswer).join('\n\n')}\n`);
    if (shown.length < summary.length)
      process.stdout.write(`\n… and ${summary.length - shown.length} more (--limit 0 shows all).\n`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();

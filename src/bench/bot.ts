/**
 * `npm run bench:bot`: the bot's speed as Discord would see it. Starts the Discord stand-in
 * (src/testing/discord/) and the real bot as a child process, then prints:
 *
 *   - time from start to ready: spawning the process to its "ready" log line, and the bot's
 *     own figure (process start to discord.js ready, which includes loading the articles);
 *   - /ask latency over the questions of ../shared/qa/seed-dev.jsonl, asked one after another:
 *     first response (what Discord's 3-second rule measures: the deferral reaching the
 *     stand-in) and the full answer (the edit with the quotes), p50 and p95;
 *   - one /ask message exactly as the stand-in received it.
 *
 * Options: --rounds N (times over the question set, default 3), --json (machine-readable).
 */
import { readJsonLines, rejectLine } from './jsonLines.ts';
import { parseArgs } from 'node:util';
import { startBot } from '../testing/botProcess.ts';
import { seedArticlesDir, seedQuestionsPath } from '../testing/paths.ts';
import { percentile } from './measure.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    questions: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) {
  process.stderr.write('--rounds must be a whole number from 1 to 100\n');
  process.exit(2);
}
const questionsPath = values.questions ?? seedQuestionsPath('seed-dev');
let questions: string[];
try {
  questions = readJsonLines(questionsPath, (q) =>
    typeof q.question === 'string' ? q.question : rejectLine('has no question'),
  );
} catch (error) {
  process.stderr.write(
    `Cannot read the questions from ${questionsPath}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

const summary = (values: number[]): { p50: number; p95: number; max: number; count: number } => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    count: sorted.length,
  };
};

const bot = await startBot({ env: { ARTICLES_DIR: seedArticlesDir, RATE_LIMIT_COUNT: '10000' } });
const readyLine = bot.logs.find((line) => line.msg === 'ready');
const firstResponse: number[] = [];
const fullAnswer: number[] = [];
let sample: unknown = null;
let deadlineMisses = 0;
try {
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      const record = bot.standIn.slashCommand('ask', { question });
      const message = await record.settled();
      if (record.failure) deadlineMisses += 1;
      firstResponse.push(record.firstResponseMs!);
      fullAnswer.push(message.atMs);
      if (sample === null && question === 'How many US troops are in Iraq?') sample = message.payload;
    }
  }
  if (sample === null)
    sample = (await bot.standIn.slashCommand('ask', { question: 'How many US troops are in Iraq?' }).settled()).payload;
} finally {
  await bot.stop('SIGTERM');
}

const report = {
  questions: questions.length,
  rounds,
  spawnToReadyMs: bot.spawnToReadyMs,
  botStartToReadyMs: readyLine?.startToReadyMs ?? null,
  askFirstResponseMs: summary(firstResponse),
  askFullAnswerMs: summary(fullAnswer),
  deadlineMisses,
  rejectedByStandIn: bot.standIn.rejections.length,
  sampleAskMessage: sample,
};

if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const ms = (value: number | unknown): string => (typeof value === 'number' ? `${value} ms` : 'n/a');
  process.stdout.write(
    [
      `Start to ready: ${ms(report.spawnToReadyMs)} from spawning the process (the bot's own count from process start: ${ms(report.botStartToReadyMs)})`,
      `/ask over ${questions.length} seed-dev questions × ${rounds} rounds (${firstResponse.length} interactions, one at a time, against the local stand-in):`,
      `  first response (deferral)  p50 ${ms(report.askFirstResponseMs.p50)}  p95 ${ms(report.askFirstResponseMs.p95)}  max ${ms(report.askFirstResponseMs.max)}`,
      `  full answer (edit)         p50 ${ms(report.askFullAnswerMs.p50)}  p95 ${ms(report.askFullAnswerMs.p95)}  max ${ms(report.askFullAnswerMs.max)}`,
      `  over the 3-second deadline: ${deadlineMisses}; refused by the stand-in: ${report.rejectedByStandIn}`,
      '',
      'One /ask message as the stand-in received it (PATCH /webhooks/{application}/{token}/messages/@original):',
      JSON.stringify(sample, null, 2),
      '',
    ].join('\n'),
  );
}

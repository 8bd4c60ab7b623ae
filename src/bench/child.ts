/**
 * One bench job in its own process (started by run.ts with --expose-gc): builds one system's
 * index for one task, scores it, times its queries, serialises and reloads it, and writes the
 * result as JSON to the job's result path. Usage: `child.ts <job.json>`.
 *
 * Order matters for the memory figures: the index is built and queried first and the peak RSS
 * read then; serialising and reloading (which hold two copies at once) come after.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { deserialiseIndex, serialiseIndex } from '../index/serialise.ts';
import { openLibrary } from '../library/folder.ts';
import { readingPipe } from '../nlp/wink.ts';
import { QuoteEngine } from '../retrieval/engine.ts';
import type { BenchJob, BenchResult, ReadTimingJob, ReadTimingResult, SystemJob, SystemResult } from './jobs.ts';
import { createLibrary, type SearchLibrary } from './libraries.ts';
import { liveMemoryBytes, peakRssBytes, summariseLatency, timed } from './measure.ts';
import {
  firstHitRank,
  loadSeedQuestions,
  scoreHalves,
  scoreSeedDev,
  scoreSeedRetriever,
  summariseRanks,
  type SeedDevScore,
} from './qa.ts';
import { loadSquad2Questions, scoreSquad2, type Squad2Response } from './squad2.ts';
import { loadSquadQuestions, scoreSquad, type SquadQuestion } from './squad.ts';

/** Seed questions are few: latency is taken over this many rounds of them. */
const seedLatencyRounds = 25;
/** SQuAD questions run untimed first, so that latency is measured on warm code. */
const squadWarmUpQuestions = 300;
/** Questions whose top 5 must come out the same from the reloaded index. */
const agreementQuestions = 20;

function paragraphsOfFolder(dir: string): string[] {
  // Citebot's paragraphs come from line breaks: every non-blank line (the title line included).
  return readdirSync(dir)
    .sort()
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

async function runReadTiming(job: ReadTimingJob): Promise<ReadTimingResult> {
  const paragraphCount = paragraphsOfFolder(job.articlesDir).length;
  let read: () => Promise<unknown>;
  if (job.reader === 'citebot') {
    await openLibrary(job.warmUpArticlesDir);
    read = () => openLibrary(job.articlesDir);
  } else {
    const nlp = job.reader === 'wink-slim' ? winkNLP(model, [...readingPipe]) : winkNLP(model);
    for (const paragraph of paragraphsOfFolder(job.warmUpArticlesDir)) nlp.readDoc(paragraph);
    read = async () => {
      for (const paragraph of paragraphsOfFolder(job.articlesDir)) nlp.readDoc(paragraph);
    };
  }
  // CPU time as well as wall time: on a shared machine, waiting for a core inflates the wall
  // time of whichever run was unlucky, while the CPU time is the work done.
  const cpuBefore = process.cpuUsage();
  const { ms } = await timed(read);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    kind: 'read-timing',
    reader: job.reader,
    task: job.task,
    paragraphCount,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** Every k-th SQuAD question, so that a sample spans all articles. */
function sampleQuestions(questions: readonly SquadQuestion[], limit: number): SquadQuestion[] {
  const step = Math.max(1, Math.floor(questions.length / limit));
  return questions.filter((_, i) => i % step === 0).slice(0, limit);
}

/** Runs questions until the sample is done or the time budget is spent; returns each duration. */
function timeQuestions(rank: (question: string) => unknown, questions: readonly string[], budgetMs: number): number[] {
  const durations: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (const question of questions) {
    const started = performance.now();
    rank(question);
    const finished = performance.now();
    durations.push(finished - started);
    if (finished > deadline) break;
  }
  return durations;
}

interface Scored {
  score: SystemResult['score'];
  perQuestion?: SystemResult['perQuestion'];
  halves?: SystemResult['halves'];
  durations: number[];
}

/** What Citebot adds to a library's ranked texts: its own seed scoring, its answers, and SQuAD 2.0 responses. */
interface CitebotScoring {
  readonly seedScore: (path: string) => SeedDevScore;
  readonly ask: (question: string) => unknown;
  readonly respond: (question: string) => Squad2Response;
}

function scoreTask(
  job: SystemJob,
  rankTexts: (question: string) => readonly string[],
  citebot?: CitebotScoring,
): Scored {
  if (job.task === 'seed' || job.task === 'chat') {
    const path = job.task === 'seed' ? job.seedQuestionsPath : job.chatQuestionsPath;
    const questions = loadSeedQuestions(path);
    const { perQuestion, ...score } = citebot
      ? citebot.seedScore(path)
      : scoreSeedRetriever({ retrieve: rankTexts }, questions);
    const durations: number[] = [];
    const answer = citebot?.ask ?? rankTexts;
    const rounds = job.task === 'seed' ? seedLatencyRounds : Math.ceil(seedLatencyRounds / 3);
    for (let round = 0; round < rounds; round += 1)
      durations.push(
        ...timeQuestions(
          answer,
          questions.map((q) => q.question),
          Number.POSITIVE_INFINITY,
        ),
      );
    return { score, perQuestion, durations, ...(job.task === 'chat' ? { halves: scoreHalves(perQuestion) } : {}) };
  }
  if (job.task === 'squad2') {
    const questions = loadSquad2Questions(job.squad2Dir);
    const respond =
      citebot?.respond ??
      ((question: string): Squad2Response => ({ texts: rankTexts(question), declined: null, confidence: null }));
    timeQuestions(
      respond,
      questions.slice(0, squadWarmUpQuestions).map((q) => q.question),
      Number.POSITIVE_INFINITY,
    );
    const { queryMs, ...halves } = scoreSquad2(respond, questions);
    return { score: halves.all, halves, durations: [...queryMs] };
  }
  const questions = loadSquadQuestions(job.squadDir);
  if (job.task === 'squad') {
    timeQuestions(
      rankTexts,
      questions.slice(0, squadWarmUpQuestions).map((q) => q.question),
      Number.POSITIVE_INFINITY,
    );
    const { queryMs, ...score } = scoreSquad(rankTexts, questions);
    return { score, durations: [...queryMs] };
  }
  const sample = sampleQuestions(questions, job.scaleQueryLimit).map((q) => q.question);
  timeQuestions(rankTexts, sample.slice(0, 20), Number.POSITIVE_INFINITY);
  return { score: null, durations: timeQuestions(rankTexts, sample, job.scaleQueryBudgetMs) };
}

function firstQuestions(job: SystemJob): string[] {
  const questions =
    job.task === 'seed'
      ? loadSeedQuestions(job.seedQuestionsPath)
      : job.task === 'chat'
        ? loadSeedQuestions(job.chatQuestionsPath)
        : job.task === 'squad2'
          ? loadSquad2Questions(job.squad2Dir)
          : loadSquadQuestions(job.squadDir);
  return questions.slice(0, agreementQuestions).map((q) => q.question);
}

async function runCitebot(job: SystemJob): Promise<SystemResult> {
  await openLibrary(job.warmUpArticlesDir);
  const before = liveMemoryBytes();
  const { value: library, ms: buildMs } = await timed(() => openLibrary(job.articlesDir));
  const { engine } = library;
  const indexMemoryBytes = liveMemoryBytes() - before;

  const rankTexts = (question: string) => engine.rank(question, 5).map((r) => engine.index.sentences[r.sentence]!.text);
  const seedQuestions = job.task === 'seed' ? loadSeedQuestions(job.seedQuestionsPath) : [];
  const scored = scoreTask(job, rankTexts, {
    seedScore: (path) => scoreSeedDev(engine, loadSeedQuestions(path)),
    ask: (question) => engine.ask(question),
    respond: (question) => {
      const answer = engine.ask(question);
      return { texts: rankTexts(question), declined: !answer.answered, confidence: answer.confidence };
    },
  });
  const peakRss = peakRssBytes();
  const singleSentenceScore =
    job.task === 'seed'
      ? summariseRanks(
          seedQuestions.filter((q) => q.answerable).map((q) => firstHitRank(rankTexts(q.question), q.gold)),
        )
      : undefined;

  const bytes = serialiseIndex(engine.index);
  const { value: reloaded, ms: loadMs } = await timed(
    () =>
      new QuoteEngine(deserialiseIndex(bytes), {
        parameters: engine.parameters,
        minimumConfidence: engine.minimumConfidence,
      }),
  );
  const agrees = firstQuestions(job).every(
    (question) =>
      JSON.stringify(engine.rank(question, 5).map((r) => r.sentence)) ===
      JSON.stringify(reloaded.rank(question, 5).map((r) => r.sentence)),
  );
  return {
    kind: 'system',
    system: 'citebot',
    task: job.task,
    sentenceCount: engine.sentenceCount,
    buildMs,
    indexMemoryBytes,
    serialisedBytes: bytes.byteLength,
    loadMs,
    loadedIndexAgrees: agrees,
    peakRssBytes: peakRss,
    latency: summariseLatency(scored.durations),
    score: scored.score,
    ...(scored.perQuestion ? { perQuestion: scored.perQuestion } : {}),
    ...(scored.halves ? { halves: scored.halves } : {}),
    ...(singleSentenceScore ? { singleSentenceScore } : {}),
  };
}

async function runLibrary(job: SystemJob): Promise<SystemResult> {
  if (job.system === 'citebot') throw new Error('runLibrary is for the libraries');
  const sentences = JSON.parse(readFileSync(job.sentencesPath, 'utf8')) as string[];

  // Warm-up on a small index, discarded, so that the timings are of warm code.
  const warmUp = createLibrary(job.system);
  await warmUp.build(sentences.slice(0, 500));
  warmUp.search('what is the warm-up question about', 5);

  const before = liveMemoryBytes();
  const library: SearchLibrary = createLibrary(job.system);
  const { ms: buildMs } = await timed(() => library.build(sentences));
  const indexMemoryBytes = liveMemoryBytes() - before;

  const rankTexts = (question: string) => library.search(question, 5).map((s) => sentences[s]!);
  const scored = scoreTask(job, rankTexts);
  const peakRss = peakRssBytes();

  const serialised = await library.serialise();
  const reloaded = createLibrary(job.system);
  const { ms: loadMs } = await timed(() => reloaded.load(serialised));
  const agrees = firstQuestions(job).every(
    (question) => JSON.stringify(library.search(question, 5)) === JSON.stringify(reloaded.search(question, 5)),
  );
  return {
    kind: 'system',
    system: job.system,
    task: job.task,
    sentenceCount: sentences.length,
    buildMs,
    indexMemoryBytes,
    serialisedBytes: Buffer.byteLength(serialised),
    loadMs,
    loadedIndexAgrees: agrees,
    peakRssBytes: peakRss,
    latency: summariseLatency(scored.durations),
    score: scored.score,
    ...(scored.halves ? { halves: scored.halves } : {}),
  };
}

async function main(): Promise<void> {
  const jobPath = process.argv[2];
  if (!jobPath) {
    process.stderr.write('usage: child.ts <job.json>\n');
    process.exit(2);
  }
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as BenchJob;
  const result: BenchResult =
    job.kind === 'read-timing'
      ? await runReadTiming(job)
      : job.system === 'citebot'
        ? await runCitebot(job)
        : await runLibrary(job);
  writeFileSync(job.resultPath, JSON.stringify(result));
}

await main();

/**
 * What the bench's runner asks of a child process, and what the child reports back. Each job
 * runs in a fresh process so that its peak memory is its own.
 */
import type { LibraryName } from './libraries.ts';
import type { LatencySummary } from './measure.ts';
import type { HalvesScore, RankingScore, SeedQuestionResult } from './qa.ts';

export type SystemName = 'citebot' | LibraryName;
export type TaskName = 'seed' | 'chat' | 'squad' | 'squad2' | 'scale';

export interface SystemJob {
  readonly kind: 'system';
  readonly system: SystemName;
  readonly task: TaskName;
  /** Article folder Citebot opens for this task. */
  readonly articlesDir: string;
  /** JSON file with the sentence texts the libraries index (the same sentences, split per protocol). */
  readonly sentencesPath: string;
  /** Articles Citebot reads first to load wink's model and warm the code, outside the timings. */
  readonly warmUpArticlesDir: string;
  readonly seedQuestionsPath: string;
  /** The chat-style seed questions (seed-chat.jsonl), asked over the seed articles. */
  readonly chatQuestionsPath: string;
  readonly squadDir: string;
  readonly squad2Dir: string;
  /** Scale run: at most this many questions, and no longer than queryBudgetMs. */
  readonly scaleQueryLimit: number;
  readonly scaleQueryBudgetMs: number;
  readonly resultPath: string;
}

/**
 * Indexing time alone, for the comparison with wink-nlp: `wink` times wink-nlp reading the
 * corpus (`readDoc` of every paragraph), `citebot` times opening it as a library. Both in a
 * fresh process after the same warm-up, repeated alternately so that a busy moment on the
 * machine does not decide the ratio.
 */
export interface ReadTimingJob {
  readonly kind: 'read-timing';
  /**
   * `wink`: wink-nlp with its default pipe, what the target is set against. `wink-slim`:
   * wink-nlp with the pipe Citebot reads with (no negation or sentiment), so that the report
   * also shows Citebot's own work apart from its choice of pipe.
   */
  readonly reader: 'wink' | 'wink-slim' | 'citebot';
  readonly task: TaskName;
  readonly articlesDir: string;
  readonly warmUpArticlesDir: string;
  readonly resultPath: string;
}

export type BenchJob = SystemJob | ReadTimingJob;

export interface SystemResult {
  readonly kind: 'system';
  readonly system: SystemName;
  readonly task: TaskName;
  readonly sentenceCount: number;
  readonly buildMs: number;
  /** Live memory (heap + external) the index holds after a full collection. */
  readonly indexMemoryBytes: number;
  /** Size of the index in its serialised form. */
  readonly serialisedBytes: number | null;
  /** Time to read the serialised index back into a searchable one. */
  readonly loadMs: number | null;
  /** Whether the reloaded index ranks the first questions as the built one did. */
  readonly loadedIndexAgrees: boolean | null;
  /** Peak RSS of the process through building and querying (before serialising). */
  readonly peakRssBytes: number;
  readonly latency: LatencySummary;
  readonly score: (RankingScore & { unanswerableDeclined?: number | null; answerableDeclined?: number | null }) | null;
  readonly perQuestion?: readonly SeedQuestionResult[];
  /** seed-chat and SQuAD 2.0: the whole set and its held-out half, with abstention and AUC. */
  readonly halves?: HalvesScore & { readonly rankedRecallAt1?: { readonly all: number; readonly heldOut: number } };
  /**
   * Citebot on seed-dev scored on single sentences (`rank(question, 5)`) as well as on its
   * quotes, which may carry a neighbouring sentence: the libraries only ever return one.
   */
  readonly singleSentenceScore?: RankingScore;
}

export interface ReadTimingResult {
  readonly kind: 'read-timing';
  readonly reader: ReadTimingJob['reader'];
  readonly task: TaskName;
  readonly paragraphCount: number;
  /** Wall-clock time. */
  readonly ms: number;
  /** CPU time of the process (user + system, all threads) over the same span. */
  readonly cpuMs: number;
}

export type BenchResult = SystemResult | ReadTimingResult;

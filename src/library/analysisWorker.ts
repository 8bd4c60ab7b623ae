/**
 * Runs analysis jobs (analysisJobs.ts) in one worker thread, so that reading an article with
 * wink (seconds for a 2 MiB file) never blocks the thread that answers Discord.
 *
 * - One long-lived thread: loading it and wink's model takes ~0.4 s, too much to pay per job;
 *   and one is enough, since the bot itself needs the other core of a small machine. It is
 *   started on the first job, does not keep the process alive while idle, and is stopped
 *   after `idleMs` without a job: reading a big attachment grows its heap by a few hundred
 *   MB (and wink's vocabulary by every new word), which a stopped thread gives back.
 * - Finding the article in a downloaded web page (Readability) runs here too, for the same
 *   reason, bounded by `pageTimeoutMs`.
 * - Jobs wait in one queue per asker (a server, or the shared folder) and the thread takes
 *   the askers in turn, one job each: a server that sends many jobs delays its own, not
 *   everyone's. Each job is bounded by the article limits (serverArticles.ts).
 * - A job that throws is rejected with its error and the thread goes on. A thread that dies
 *   (out of memory, say) fails its job and is replaced for the next one. Reading one
 *   attachment may take at most `articleTimeoutMs`; past that the thread is stopped and
 *   replaced, and the job fails with AnalysisTimeoutError.
 */
import { Worker } from 'node:worker_threads';
import type { PageRead } from '../corpus/web/readPage.ts';
import {
  AnalysisTimeoutError,
  type ArticleJob,
  type ArticleJobResult,
  type CorpusAnalyser,
  type IndexJob,
  type IndexJobResult,
  type PageJob,
} from './analysisJobs.ts';

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'article'; readonly job: ArticleJob }
  | { readonly id: number; readonly kind: 'index'; readonly job: IndexJob }
  | { readonly id: number; readonly kind: 'page'; readonly job: PageJob };

export type WorkerReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly result: ArticleJobResult | Omit<IndexJobResult, 'index'> | PageRead;
    }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly stack: string };
    };

/** Something went wrong in the worker thread: a job threw, or the thread died. */
export class AnalysisWorkerError extends Error {}

/**
 * Half a minute: reading a 2 MiB attachment of 138,000 tiny sentences takes 2 to 5 s, so this
 * is reached only by text that makes the reading itself slow (2 MiB of short lines without
 * full stops, all joined as one paragraph, takes over a minute); and while one job runs,
 * every other server's jobs wait.
 */
export const defaultArticleTimeoutMs = 30_000;

/**
 * 15 s to find the article in a downloaded page: Readability takes a tenth of a second on a
 * news page and about 3 s on the worst page the element limits let through (extract.ts).
 */
export const defaultPageTimeoutMs = 15_000;

/** A minute: admins adding several articles in a row find the thread still there. */
export const defaultIdleMs = 60_000;

export interface AnalysisWorkerOptions {
  readonly articleTimeoutMs?: number;
  readonly pageTimeoutMs?: number;
  readonly idleMs?: number;
  /** A cap on the thread's heap (resourceLimits.maxOldGenerationSizeMb); none by default. */
  readonly maxHeapMb?: number;
}

interface PendingJob {
  readonly queue: string;
  readonly request: WorkerRequest;
  readonly timeoutMs: number | undefined;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

const entryPoint = new URL('./analysisThread.bootstrap.mjs', import.meta.url);

export class WorkerAnalyser implements CorpusAnalyser {
  private worker: Worker | undefined;
  private running: { job: PendingJob; timer: NodeJS.Timeout | undefined } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Askers with jobs waiting, in the order they are served (a Map keeps insertion order). */
  private readonly waiting = new Map<string, PendingJob[]>();
  private nextId = 1;
  private closed = false;
  /** Threads started so far (the first, and each replacement). */
  threadsStarted = 0;

  constructor(private readonly options: AnalysisWorkerOptions = {}) {}

  analyseArticle(queue: string, job: ArticleJob): Promise<ArticleJobResult> {
    return this.enqueue(
      queue,
      { id: this.nextId++, kind: 'article', job },
      this.options.articleTimeoutMs ?? defaultArticleTimeoutMs,
    ) as Promise<ArticleJobResult>;
  }

  readPage(queue: string, job: PageJob): Promise<PageRead> {
    return this.enqueue(
      queue,
      { id: this.nextId++, kind: 'page', job },
      this.options.pageTimeoutMs ?? defaultPageTimeoutMs,
    ) as Promise<PageRead>;
  }

  indexCorpus(queue: string, job: IndexJob): Promise<IndexJobResult> {
    return this.enqueue(queue, { id: this.nextId++, kind: 'index', job }, undefined) as Promise<IndexJobResult>;
  }

  /** Fails the jobs still waiting and stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const stopped = new AnalysisWorkerError('the analysis worker was closed');
    for (const jobs of this.waiting.values()) for (const job of jobs) job.reject(stopped);
    this.waiting.clear();
    if (this.running) this.finish(this.running.job.request.id, undefined, stopped);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private enqueue(queue: string, request: WorkerRequest, timeoutMs: number | undefined): Promise<unknown> {
    if (this.closed) return Promise.reject(new AnalysisWorkerError('the analysis worker was closed'));
    return new Promise((resolve, reject) => {
      const jobs = this.waiting.get(queue);
      if (jobs) jobs.push({ queue, request, timeoutMs, resolve, reject });
      else this.waiting.set(queue, [{ queue, request, timeoutMs, resolve, reject }]);
      this.next();
    });
  }

  /** Starts the next asker's next job, if the thread is free. */
  private next(): void {
    if (this.running || this.closed) return;
    const turn = this.waiting.entries().next();
    if (turn.done) {
      const idle = this.worker;
      if (idle) {
        idle.unref();
        clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(
          () => this.dropWorker(idle, new AnalysisWorkerError('the analysis worker was idle')),
          this.options.idleMs ?? defaultIdleMs,
        ).unref();
      }
      return;
    }
    clearTimeout(this.idleTimer);
    const [queue, jobs] = turn.value;
    const job = jobs.shift()!;
    if (jobs.length === 0) this.waiting.delete(queue);

    const worker = this.worker ?? this.startWorker();
    worker.ref();
    const timer =
      job.timeoutMs === undefined
        ? undefined
        : setTimeout(() => this.dropWorker(worker, new AnalysisTimeoutError(job.timeoutMs!)), job.timeoutMs);
    this.running = { job, timer };
    try {
      worker.postMessage(job.request);
    } catch (error) {
      // A job that cannot be sent (not plain data) fails alone; the thread is fine.
      this.finish(
        job.request.id,
        undefined,
        new AnalysisWorkerError(`the analysis job could not be sent: ${(error as Error).message}`, { cause: error }),
      );
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(entryPoint, {
      // Not the parent's flags (vitest's or tsx's): the entry point registers tsx itself.
      execArgv: [],
      ...(this.options.maxHeapMb !== undefined
        ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } }
        : {}),
    });
    this.worker = worker;
    this.threadsStarted += 1;
    worker.on('message', (reply: WorkerReply) => {
      if (this.worker !== worker) return;
      if (reply.ok) this.finish(reply.id, reply.result, undefined);
      // The worker's stack says where in the analysis it failed, for the log.
      else
        this.finish(
          reply.id,
          undefined,
          Object.assign(new AnalysisWorkerError(`${reply.error.name}: ${reply.error.message}`), {
            stack: reply.error.stack,
          }),
        );
    });
    worker.on('error', (error) =>
      this.dropWorker(
        worker,
        new AnalysisWorkerError(`the analysis worker failed: ${error.message}`, { cause: error }),
      ),
    );
    worker.on('exit', (code) =>
      this.dropWorker(worker, new AnalysisWorkerError(`the analysis worker stopped (exit code ${code})`)),
    );
    return worker;
  }

  /** Stops the thread, failing the job it was running (if any); the next job starts another. */
  private dropWorker(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    if (this.running) this.finish(this.running.job.request.id, undefined, error);
  }

  private finish(id: number, result: unknown, error: Error | undefined): void {
    const running = this.running;
    if (!running || running.job.request.id !== id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    // The asker just served goes to the back of the line, behind everyone else waiting.
    const more = this.waiting.get(running.job.queue);
    if (more) {
      this.waiting.delete(running.job.queue);
      this.waiting.set(running.job.queue, more);
    }
    if (error) running.job.reject(error);
    else running.job.resolve(result);
    this.next();
  }
}

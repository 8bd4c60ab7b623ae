/**
 * The analysis worker thread: runs the jobs of analysisJobs.ts for the thread that started it
 * (analysisWorker.ts), one message at a time. A job that throws is answered with the error,
 * and the thread goes on to the next job.
 */
import { parentPort } from 'node:worker_threads';
import { wink } from '../nlp/wink.ts';
import { runArticleJob, runIndexJob, runPageJob } from './analysisJobs.ts';
import type { WorkerReply, WorkerRequest } from './analysisWorker.ts';

/** The bytes of `bytes` in an ArrayBuffer of their own, so that they can be moved, not copied. */
function movable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes
    : bytes.slice();
}

function reply(request: WorkerRequest): { message: WorkerReply; transfer: ArrayBuffer[] } {
  if (request.kind === 'page')
    return { message: { id: request.id, ok: true, result: runPageJob(request.job) }, transfer: [] };
  if (request.kind === 'article') {
    const result = runArticleJob(request.job);
    if (!result.ok) return { message: { id: request.id, ok: true, result }, transfer: [] };
    const gzippedArticle = movable(result.gzippedArticle);
    return {
      message: { id: request.id, ok: true, result: { ...result, gzippedArticle } },
      transfer: [gzippedArticle.buffer as ArrayBuffer],
    };
  }
  // The index object stays here: the asking thread loads it from the serialised bytes.
  const { index: _index, ...built } = runIndexJob(request.job);
  const serialisedIndex = movable(built.serialisedIndex);
  const gzippedIndex = movable(built.gzippedIndex);
  const fresh = built.fresh.map(({ entry, analysis }) => ({
    entry,
    analysis: 'warning' in analysis ? analysis : { ...analysis, gzippedArticle: movable(analysis.gzippedArticle) },
  }));
  const transfer = [
    serialisedIndex,
    gzippedIndex,
    ...fresh.flatMap(({ analysis }) => ('warning' in analysis ? [] : [analysis.gzippedArticle])),
  ].map((bytes) => bytes.buffer as ArrayBuffer);
  return {
    message: { id: request.id, ok: true, result: { ...built, serialisedIndex, gzippedIndex, fresh } },
    transfer,
  };
}

const port = parentPort;
if (!port) throw new Error('analysisThread.ts runs as a worker thread (see analysisWorker.ts)');

// Loaded now, while no job waits: the model takes a few hundred milliseconds.
wink();

port.on('message', (request: WorkerRequest) => {
  let answer: { message: WorkerReply; transfer: ArrayBuffer[] };
  try {
    answer = reply(request);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    answer = {
      message: {
        id: request.id,
        ok: false,
        error: { name: failure.name, message: failure.message, stack: failure.stack ?? '' },
      },
      transfer: [],
    };
  }
  port.postMessage(answer.message, answer.transfer);
});

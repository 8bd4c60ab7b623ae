/**
 * The costly part of indexing, reading articles with wink and building an index, as jobs whose
 * inputs and outputs are plain data (strings, numbers, byte arrays). The bot runs them in a
 * worker thread (analysisWorker.ts), so that one server's big article never holds up the
 * interactions of every other server; the command line runs them in its own thread.
 *
 * Analysed articles and indexes leave a job already in the form the store keeps them
 * (gzipped bytes), so the thread that asked only writes them and loads the index.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyseArticleFiles, type SourceFile } from '../corpus/load.ts';
import { articleFromHtml, type PageRead } from '../corpus/web/readPage.ts';
import { sentencesOf, type ArticleKey, type LoadWarning } from '../corpus/types.ts';
import type { AnalysedArticle } from '../corpus/segment.ts';
import { buildIndex } from '../index/build.ts';
import { serialiseIndex } from '../index/serialise.ts';
import type { SentenceIndex } from '../index/sentenceIndex.ts';
import { decodeAnalysedArticle, encodeAnalysedArticle } from './analysedArticles.ts';

/**
 * Records are gzipped (level 1: fast to write, and inflating SQuAD dev's index takes ~15 ms):
 * the serialised index shrinks 2.4 times and the analysed articles' JSON 3.7 times, which
 * matters twice over since keyv keeps a Buffer as base64 text.
 */
export function pack(bytes: Uint8Array | string): Buffer {
  return gzipSync(bytes, { level: 1 });
}

/**
 * Output is inflated in chunks of this size at least (zlib's default, 16 KiB), and at most
 * this size in one chunk, whatever the record claims.
 */
const smallestChunk = 16 * 1024;
const largestChunk = 64 * 1024 * 1024;
/**
 * No record inflates past this: far above the largest index Citebot writes (SQuAD dev's is
 * about 5 MB, a 100,000-sentence library's about 50), and far below what would exhaust memory,
 * so a record that claims more is unreadable (and rebuilt), not a process out of memory.
 */
export const largestUnpacked = 1024 * 1024 * 1024;

export function unpack(packed: Uint8Array): Buffer {
  // Inflated into one chunk of the size the gzip trailer gives (ISIZE: the uncompressed
  // length modulo 2^32), not many 16 KiB ones joined at the end: a server's small index loads
  // about a third of a millisecond sooner (0.68 ms where it took 1.0 for 265 KB). The one
  // chunk is a byte larger than that, as zlib asks for another chunk when one is filled. zlib
  // checks ISIZE against what it inflated: a wrong one is a zlib error (and the record is
  // rebuilt) after at most one chunk of largestChunk.
  const claimed =
    packed.length >= 4
      ? Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).readUInt32LE(packed.length - 4)
      : 0;
  return gunzipSync(packed, {
    chunkSize: Math.min(largestChunk, Math.max(smallestChunk, claimed + 1)),
    maxOutputLength: largestUnpacked,
  });
}

/** One article file to read, as an admin's attachment is: is it an article, and how many sentences. */
export interface ArticleJob {
  readonly source: SourceFile;
  readonly key: ArticleKey;
  /** More sentences than this and the article is refused without being encoded for the store. */
  readonly maxSentences: number;
}

export type ArticleJobResult =
  | {
      readonly ok: true;
      readonly title: string;
      readonly sentences: number;
      readonly gzippedArticle: Uint8Array;
      /** What was left out of the article or shortened (a url refused, a title cut). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * A file's analysis as the store keeps it: the gzipped encoded article (with what was left out
 * of it, `notes`), or why it is not one.
 */
export type PackedAnalysis =
  { readonly gzippedArticle: Uint8Array; readonly notes?: readonly string[] } | { readonly warning: string };

/** Every file of a corpus, in order: its analysis from the store, or its text to read with wink. */
export interface IndexJob {
  readonly entries: readonly (
    { readonly file: string; readonly stored: PackedAnalysis } | { readonly file: string; readonly source: SourceFile }
  )[];
  readonly keys: ReadonlyMap<string, ArticleKey>;
}

export interface IndexJobResult {
  /** The analyses this job made, by entry number: to keep in the store for the next rebuild. */
  readonly fresh: readonly { readonly entry: number; readonly analysis: PackedAnalysis }[];
  /** Files that could not be parsed as articles, and what was left out of those read (`kept`). */
  readonly warnings: LoadWarning[];
  readonly serialisedIndex: Uint8Array;
  readonly gzippedIndex: Uint8Array;
  /** The index itself when the job ran in the asking thread (a worker sends only the bytes). */
  readonly index?: SentenceIndex;
}

function plural(count: number, one: string): string {
  return `${count.toLocaleString('en-US')} ${one}${count === 1 ? '' : 's'}`;
}

export function runArticleJob(job: ArticleJob): ArticleJobResult {
  const { articles, warnings } = analyseArticleFiles([job.source], new Map([[job.source.file, job.key]]));
  const analysed = articles[0];
  if (!analysed)
    return {
      ok: false,
      reason: warnings.find((warning) => !warning.kept)?.reason ?? 'it could not be read as an article',
    };
  const sentences = sentencesOf(analysed.article).length;
  if (sentences > job.maxSentences) {
    return {
      ok: false,
      reason: `the article has ${plural(sentences, 'sentence')}, over the ${job.maxSentences.toLocaleString('en-US')} limit for one article`,
    };
  }
  const notes = warnings.filter((warning) => warning.kept).map((warning) => warning.reason);
  return {
    ok: true,
    title: analysed.article.title,
    sentences,
    gzippedArticle: pack(encodeAnalysedArticle(analysed)),
    notes,
  };
}

export function runIndexJob(job: IndexJob): IndexJobResult {
  const toRead = job.entries.flatMap((entry) => ('source' in entry ? [entry.source] : []));
  const read = analyseArticleFiles(toRead, job.keys);
  const readByFile = new Map(read.articles.map((analysed) => [analysed.article.file, analysed]));
  const warningByFile = new Map(
    read.warnings.filter((warning) => !warning.kept).map((warning) => [warning.file, warning.reason]),
  );
  const notesOf = (file: string) => read.warnings.filter((warning) => warning.kept && warning.file === file);

  const articles: AnalysedArticle[] = [];
  const warnings: LoadWarning[] = [];
  const fresh: { entry: number; analysis: PackedAnalysis }[] = [];
  job.entries.forEach((entry, i) => {
    if ('stored' in entry) {
      if ('warning' in entry.stored) {
        warnings.push({ file: entry.file, reason: entry.stored.warning });
        return;
      }
      articles.push(decodeAnalysedArticle(unpack(entry.stored.gzippedArticle).toString('utf8')));
      for (const note of entry.stored.notes ?? []) warnings.push({ file: entry.file, reason: note, kept: true });
      return;
    }
    const analysed = readByFile.get(entry.file);
    const reason = warningByFile.get(entry.file);
    if (analysed) {
      articles.push(analysed);
      const notes = notesOf(entry.file);
      warnings.push(...notes);
      fresh.push({
        entry: i,
        analysis: { gzippedArticle: pack(encodeAnalysedArticle(analysed)), notes: notes.map((note) => note.reason) },
      });
    } else if (reason !== undefined) {
      warnings.push({ file: entry.file, reason });
      fresh.push({ entry: i, analysis: { warning: reason } });
    }
  });

  const index = buildIndex(articles);
  const serialisedIndex = serialiseIndex(index);
  return { fresh, warnings, serialisedIndex, gzippedIndex: pack(serialisedIndex), index };
}

/** A downloaded web page to find the article in (Readability: up to seconds on a large page). */
export interface PageJob {
  readonly html: string;
  /** The address it was downloaded from, after redirects. */
  readonly url: string;
}

export function runPageJob(job: PageJob): PageRead {
  return articleFromHtml(job.html, job.url);
}

/** An attachment whose reading took longer than the analyser allows one. */
export class AnalysisTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`reading the article took longer than ${Math.round(timeoutMs / 1000)} seconds`);
  }
}

/** Runs analysis jobs; `queue` names who asked (a server, or the shared folder). */
export interface CorpusAnalyser {
  analyseArticle(queue: string, job: ArticleJob): Promise<ArticleJobResult>;
  indexCorpus(queue: string, job: IndexJob): Promise<IndexJobResult>;
  /** The article in a downloaded page, as a file to add (or why there is none). */
  readPage(queue: string, job: PageJob): Promise<PageRead>;
  close(): Promise<void>;
}

/** Runs each job at once in the calling thread: for the command line, where no one else waits. */
export const inProcessAnalyser: CorpusAnalyser = {
  analyseArticle: async (_queue, job) => runArticleJob(job),
  indexCorpus: async (_queue, job) => runIndexJob(job),
  readPage: async (_queue, job) => runPageJob(job),
  close: async () => {},
};

/**
 * SQuAD v1.1 dev as open-corpus sentence retrieval, by the protocol of
 * `../shared/bench/squad/README.md`: every paragraph of every article (not the title line)
 * split into sentences with wink-nlp, all sentences of all articles indexed as one
 * collection, the top 5 retrieved per question, and a hit when a sentence contains one of the
 * question's gold answer strings (case-insensitive, whitespace runs collapsed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wink } from '../nlp/wink.ts';
import { sharedDir } from '../testing/paths.ts';
import { readJsonLines, rejectLine } from './jsonLines.ts';
import { normaliseForMatch, summariseRanks, type RankingScore } from './qa.ts';

export const defaultSquadDir = join(sharedDir, 'bench', 'squad', 'dev');

export interface SquadQuestion {
  readonly id: string;
  readonly question: string;
  /** The distinct gold answer strings. */
  readonly answers: readonly string[];
  /** File name of the question's article (not given to the retriever). */
  readonly article: string;
}

export function loadSquadQuestions(dir: string = defaultSquadDir): SquadQuestion[] {
  return readJsonLines(join(dir, 'questions.jsonl'), (q) =>
    typeof q.question !== 'string' || !Array.isArray(q.answers)
      ? rejectLine('lacks question or answers')
      : { id: String(q.id), question: q.question, answers: q.answers as string[], article: String(q.article) },
  );
}

/** The paragraphs of one article file: the first line is the title, blank lines separate paragraphs. */
export function squadParagraphs(text: string): string[] {
  const [, ...body] = text.split('\n');
  return body
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

export interface SquadSentence {
  readonly text: string;
  /** The article file it comes from. */
  readonly article: string;
  /** The paragraph's number within its article, from 0. */
  readonly paragraph: number;
}

/** Protocol step 1: `readDoc(paragraph).sentences().out()`, trimmed, empty ones dropped. */
export function splitSquadSentences(dir: string = defaultSquadDir): SquadSentence[] {
  const nlp = wink();
  const articlesDir = join(dir, 'articles');
  const sentences: SquadSentence[] = [];
  for (const file of readdirSync(articlesDir).sort()) {
    squadParagraphs(readFileSync(join(articlesDir, file), 'utf8')).forEach((paragraph, p) => {
      for (const sentence of nlp.readDoc(paragraph).sentences().out()) {
        const text = sentence.trim();
        if (text !== '') sentences.push({ text, article: file, paragraph: p });
      }
    });
  }
  return sentences;
}

/** Protocol step 4: the sentence contains one of the gold answers. */
export function containsAnswer(sentence: string, answers: readonly string[]): boolean {
  const haystack = normaliseForMatch(sentence);
  return answers.some((answer) => haystack.includes(normaliseForMatch(answer)));
}

export interface SquadScore extends RankingScore {
  /** Milliseconds each retrieval call took, in question order. */
  readonly queryMs: readonly number[];
}

/** A retriever for the open corpus: the texts of its top 5 sentences for a question, best first. */
export type SquadRankFunction = (question: string) => readonly string[];

export function scoreSquad(rank: SquadRankFunction, questions: readonly SquadQuestion[]): SquadScore {
  const ranks: (number | null)[] = [];
  const queryMs: number[] = [];
  for (const q of questions) {
    const started = performance.now();
    const retrieved = rank(q.question);
    queryMs.push(performance.now() - started);
    const k = retrieved.slice(0, 5).findIndex((text) => containsAnswer(text, q.answers));
    ranks.push(k === -1 ? null : k + 1);
  }
  return { ...summariseRanks(ranks), queryMs };
}

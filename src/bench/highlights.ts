/**
 * `npm run bench:highlights -- [--squad DIR]`: how often the bold answer inside a quote is the
 * answer. On SQuAD v1.1 dev (open corpus, as in `npm run bench`), for each question whose first
 * quote holds a gold answer, the share where a highlighted span holds it too.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibrary } from '../library/folder.ts';
import type { QuoteEngine } from '../retrieval/engine.ts';
import { requireShared } from '../testing/paths.ts';
import { containsAnswer, defaultSquadDir, loadSquadQuestions, type SquadQuestion } from './squad.ts';

export interface HighlightScore {
  readonly questions: number;
  /** Questions whose first quote holds a gold answer. */
  readonly hitsAtOne: number;
  /** Of those, how many have any highlight at all. */
  readonly highlighted: number;
  /** Of those, how many have a highlighted span that holds a gold answer. */
  readonly answerHighlighted: number;
}

export function scoreHighlights(engine: QuoteEngine, questions: readonly SquadQuestion[]): HighlightScore {
  let hitsAtOne = 0;
  let highlighted = 0;
  let answerHighlighted = 0;
  for (const question of questions) {
    const answer = engine.ask(question.question, { top: 1 });
    const quote = answer.answered ? answer.quotes[0] : undefined;
    if (!quote || !containsAnswer(quote.text, question.answers)) continue;
    hitsAtOne += 1;
    if (quote.highlights.length > 0) highlighted += 1;
    if (quote.highlights.some((span) => containsAnswer(quote.text.slice(span.start, span.end), question.answers)))
      answerHighlighted += 1;
  }
  return { questions: questions.length, hitsAtOne, highlighted, answerHighlighted };
}

function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function describeHighlightScore(score: HighlightScore): string {
  return [
    `SQuAD v1.1 dev: ${score.questions} questions, ${score.hitsAtOne} with a gold answer in the first quote.`,
    `  with any highlight:                 ${score.highlighted} (${share(score.highlighted, score.hitsAtOne)})`,
    `  with a highlight holding the answer: ${score.answerHighlighted} (${share(score.answerHighlighted, score.hitsAtOne)})`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  requireShared('npm run bench:highlights');
  const { values } = parseArgs({ options: { squad: { type: 'string', default: defaultSquadDir } } });
  const squadDir = values.squad!;
  const engine = (await openLibrary(join(squadDir, 'articles'))).engine;
  process.stdout.write(`${describeHighlightScore(scoreHighlights(engine, loadSquadQuestions(squadDir)))}\n`);
}

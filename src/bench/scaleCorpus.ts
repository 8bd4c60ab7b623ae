/**
 * The scale corpus: SQuAD dev repeated until it passes 100,000 sentences. The first copy is the
 * original text; in every other copy the words of each sentence are shuffled (the last word,
 * which carries the full stop, stays last so that sentence boundaries hold). A copy thus has
 * the vocabulary and term statistics of real text, but no sentence is a duplicate of another,
 * so near-duplicate grouping does not fold the copies together and every posting list grows
 * as it would in a corpus ten times the size.
 *
 * Written as article files (one per article and copy) for Citebot to load like any corpus,
 * and returned as a flat sentence list for the libraries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SquadSentence } from './squad.ts';

/** mulberry32: a small seeded generator, so that every run builds the same corpus (or draws the same servers). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleWords(sentence: string, random: () => number): string {
  const words = sentence.split(/\s+/).filter((word) => word !== '');
  // Fisher-Yates over all words but the last.
  for (let i = words.length - 2; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  return words.join(' ');
}

export interface ScaleCorpus {
  /** Folder of article files, for Citebot. */
  readonly articlesDir: string;
  /** Every sentence of every copy, for the libraries (one document each). */
  readonly sentences: readonly string[];
  readonly copies: number;
}

export function writeScaleCorpus(squadSentences: readonly SquadSentence[], copies: number, dir: string): ScaleCorpus {
  const articlesDir = join(dir, 'articles');
  mkdirSync(articlesDir, { recursive: true });
  const random = seededRandom(20_161_120);
  const sentences: string[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    const byArticle = new Map<string, string[][]>();
    for (const squad of squadSentences) {
      const text = copy === 0 ? squad.text : shuffleWords(squad.text, random);
      sentences.push(text);
      const paragraphs = byArticle.get(squad.article) ?? [];
      byArticle.set(squad.article, paragraphs);
      (paragraphs[squad.paragraph] ??= []).push(text);
    }
    for (const [article, paragraphs] of byArticle) {
      const title = article
        .replace(/\.txt$/, '')
        .replace(/^\d+-/, '')
        .replace(/-/g, ' ');
      const body = paragraphs.filter((paragraph) => paragraph !== undefined).map((paragraph) => paragraph.join(' '));
      writeFileSync(
        join(articlesDir, `c${String(copy).padStart(2, '0')}-${article}`),
        [`${title} (copy ${copy})`, ...body].join('\n\n') + '\n',
      );
    }
  }
  return { articlesDir, sentences, copies };
}

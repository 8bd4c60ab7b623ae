/**
 * Scratch space for ranking one question, reused across questions and indexes: each
 * sentence's BM25 so far and which question words it, its paragraph and its article match.
 * Only what a question touched is cleared for the next. Ranking runs start to finish without
 * yielding, so one workspace serves every index (the shared engine and every server's): it is
 * made again only when a larger index comes, and a server's engine costs no scratch of its own.
 */
import { sentenceCountOf, type SentenceIndex } from '../../index/sentenceIndex.ts';

export class Workspace {
  readonly score: Float64Array;
  readonly sentenceMask: Uint32Array;
  readonly paragraphMask: Uint32Array;
  readonly articleMask: Uint32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  readonly touchedParagraphs: number[] = [];
  readonly touchedArticles: number[] = [];

  constructor(
    readonly sentenceCount: number,
    readonly paragraphCount: number,
    readonly articleCount: number,
  ) {
    this.score = new Float64Array(sentenceCount);
    this.sentenceMask = new Uint32Array(sentenceCount);
    this.touched = new Uint32Array(sentenceCount);
    this.paragraphMask = new Uint32Array(paragraphCount);
    this.articleMask = new Uint32Array(articleCount);
  }

  fits(sentences: number, paragraphs: number, articles: number): boolean {
    return sentences <= this.sentenceCount && paragraphs <= this.paragraphCount && articles <= this.articleCount;
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i += 1) {
      const s = this.touched[i]!;
      this.score[s] = 0;
      this.sentenceMask[s] = 0;
    }
    for (const p of this.touchedParagraphs) this.paragraphMask[p] = 0;
    for (const a of this.touchedArticles) this.articleMask[a] = 0;
    this.touchedCount = 0;
    this.touchedParagraphs.length = 0;
    this.touchedArticles.length = 0;
  }
}

let workspace = new Workspace(0, 0, 0);

/** A workspace large enough for the index, cleared of the last question. */
export function cleanWorkspace(index: SentenceIndex): Workspace {
  const sentences = sentenceCountOf(index);
  const paragraphs = sentences === 0 ? 0 : index.sentenceParagraph[sentences - 1]! + 1;
  if (!workspace.fits(sentences, paragraphs, index.articles.length)) {
    // Grown to the largest index asked so far, so that indexes of about one size share it.
    workspace = new Workspace(
      Math.max(sentences, workspace.sentenceCount),
      Math.max(paragraphs, workspace.paragraphCount),
      Math.max(index.articles.length, workspace.articleCount),
    );
  }
  workspace.reset();
  return workspace;
}

/** Which question words a sentence matches itself, and which only its neighbours, paragraph or article do. */
export interface MatchMasks {
  own: number;
  neighbours: number;
  paragraph: number;
  article: number;
}

export function emptyMatchMasks(): MatchMasks {
  return { own: 0, neighbours: 0, paragraph: 0, article: 0 };
}

/** Fills `into` (reused, so the stage-1 loop allocates nothing) and returns it. */
export function whereMatched(index: SentenceIndex, ws: Workspace, s: number, into: MatchMasks): MatchMasks {
  const own = ws.sentenceMask[s]!;
  const paragraph = index.sentenceParagraph[s]!;
  let neighbours = 0;
  if (s > 0 && index.sentenceParagraph[s - 1] === paragraph) neighbours |= ws.sentenceMask[s - 1]!;
  if (s + 1 < sentenceCountOf(index) && index.sentenceParagraph[s + 1] === paragraph)
    neighbours |= ws.sentenceMask[s + 1]!;
  neighbours &= ~own;
  const inParagraph = ws.paragraphMask[paragraph]! & ~own & ~neighbours;
  into.own = own;
  into.neighbours = neighbours;
  into.paragraph = inParagraph;
  into.article = ws.articleMask[index.sentenceArticle[s]!]! & ~own & ~neighbours & ~inParagraph;
  return into;
}

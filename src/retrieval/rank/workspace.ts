/**
 * Scratch space for ranking one question, sized to the index and reused across questions:
 * each sentence's BM25 so far and which question words it, its paragraph and its article
 * match. Only what a question touched is cleared for the next.
 */
import type { SentenceIndex } from '../../index/sentenceIndex.ts';

export class Workspace {
  readonly score: Float64Array;
  readonly sentenceMask: Uint32Array;
  readonly paragraphMask: Uint32Array;
  readonly articleMask: Uint32Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  readonly touchedParagraphs: number[] = [];
  readonly touchedArticles: number[] = [];

  constructor(index: SentenceIndex) {
    const sentenceCount = index.sentences.length;
    this.score = new Float64Array(sentenceCount);
    this.sentenceMask = new Uint32Array(sentenceCount);
    this.touched = new Uint32Array(sentenceCount);
    const paragraphCount = sentenceCount === 0 ? 0 : index.sentenceParagraph[sentenceCount - 1]! + 1;
    this.paragraphMask = new Uint32Array(paragraphCount);
    this.articleMask = new Uint32Array(index.articles.length);
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

const workspaces = new WeakMap<SentenceIndex, Workspace>();

/** The index's workspace, cleared of the last question. */
export function cleanWorkspace(index: SentenceIndex): Workspace {
  let workspace = workspaces.get(index);
  if (!workspace) {
    workspace = new Workspace(index);
    workspaces.set(index, workspace);
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
  if (s + 1 < index.sentences.length && index.sentenceParagraph[s + 1] === paragraph)
    neighbours |= ws.sentenceMask[s + 1]!;
  neighbours &= ~own;
  const inParagraph = ws.paragraphMask[paragraph]! & ~own & ~neighbours;
  into.own = own;
  into.neighbours = neighbours;
  into.paragraph = inParagraph;
  into.article = ws.articleMask[index.sentenceArticle[s]!]! & ~own & ~neighbours & ~inParagraph;
  return into;
}

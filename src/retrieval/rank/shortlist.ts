/** The stage-1 shortlist: the best-scoring sentences, kept without sorting every sentence touched. */

/** A sentence and its stage-1 score. */
export interface ShortlistedSentence {
  readonly sentence: number;
  readonly score: number;
}

/** The `size` best-scoring sentences seen, kept in a binary min-heap (the worst kept at the root). */
export class Shortlist {
  private readonly sentences: Uint32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.sentences = new Uint32Array(size);
    this.scores = new Float64Array(size);
  }

  offer(sentence: number, score: number): void {
    if (this.count < this.size) {
      // Not full: sift the new sentence up from the last leaf.
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.sentences[i] = this.sentences[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.sentences[i] = sentence;
      this.scores[i] = score;
      return;
    }
    // Full: a sentence better than the worst kept replaces it and sifts down from the root.
    if (score <= this.scores[0]!) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.sentences[i] = this.sentences[child]!;
      this.scores[i] = this.scores[child]!;
      i = child;
    }
    this.sentences[i] = sentence;
    this.scores[i] = score;
  }

  /** The kept sentences, best first. */
  drain(): ShortlistedSentence[] {
    const out: ShortlistedSentence[] = [];
    for (let i = 0; i < this.count; i += 1) out.push({ sentence: this.sentences[i]!, score: this.scores[i]! });
    return out.sort((x, y) => y.score - x.score);
  }
}

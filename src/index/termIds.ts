import type { TermLookup } from './sentenceIndex.ts';

/**
 * A vocabulary's term -> id map, made on its first use. A server's stored index is appended to
 * the shared one (append.ts), which looks its terms up in the shared map and never in the
 * server's own: made at load, that map would be a few thousand entries built and dropped for
 * every server's index read from the store.
 */
export class TermIdsOnDemand implements TermLookup {
  private made: Map<string, number> | undefined;

  constructor(private readonly vocabulary: readonly string[]) {}

  private get map(): Map<string, number> {
    this.made ??= new Map(this.vocabulary.map((term, id) => [term, id]));
    return this.made;
  }
  /** Whether the map has been made (for tests: it is made only when asked). */
  get isMade(): boolean {
    return this.made !== undefined;
  }
  get(term: string): number | undefined {
    return this.map.get(term);
  }
  has(term: string): boolean {
    return this.map.has(term);
  }
  get size(): number {
    return this.vocabulary.length;
  }
}

// wink-bm25-text-search and wink-nlp-utils ship no types; these cover the calls the bench makes.
declare module 'wink-bm25-text-search' {
  interface BM25Config {
    fldWeights: Record<string, number>;
    bm25Params?: { k1?: number; b?: number; k?: number };
    ovFldNames?: string[];
  }
  interface BM25Engine {
    defineConfig(config: BM25Config): boolean;
    definePrepTasks(tasks: ((input: never) => unknown)[], field?: string): number;
    addDoc(doc: Record<string, string>, uniqueId: number | string): number;
    consolidate(fp?: number): boolean;
    /** `[uniqueId, score]` pairs, best first. */
    search(text: string, limit?: number): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  function bm25(): BM25Engine;
  export default bm25;
}

// wink-nlp-utils ships no types either; the bench uses its text-preparation functions only.
declare module 'wink-nlp-utils' {
  type Task = (input: never) => unknown;
  const utils: {
    string: { lowerCase: Task; tokenize0: Task };
    tokens: { removeWords: Task; stem: Task; propagateNegations: Task };
  };
  export default utils;
}

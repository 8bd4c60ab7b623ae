/**
 * A server's append link (src/index/append.ts) kept in the store beside its index, so that
 * loading a server's index after a restart, or after its engine was dropped, does not look its
 * terms up in the shared vocabulary or group its sentences again.
 *
 * One record a server, overwritten: it names the server's index and the shared index it was
 * worked out for (their corpus hashes, which cover their articles, the analysis and the index
 * format) and the code that worked it out (linkFingerprint), and is used only when all three
 * are this process's. A change to the shared articles or to the server's makes it stale; the
 * next load works the link out, as it would without one, and keeps the new one.
 */
import { endianness } from 'node:os';
import type { AppendLink } from '../index/append.ts';
import type { Store } from '../store/store.ts';
import { sourcesFingerprint } from './sourcesFingerprint.ts';

interface StoredLink {
  readonly serverIndex: string;
  readonly sharedIndex: string;
  /** linkFingerprint of the process that worked it out. */
  readonly madeBy: string;
  /** The link's arrays, little-endian. */
  readonly termMap: Buffer;
  readonly groups: Buffer;
}

/** Which two indexes a link joins: their corpus hashes (storedIndex.ts). */
export interface LinkedIndexes {
  readonly serverIndex: string;
  readonly sharedIndex: string;
}

/**
 * What works a link out beyond what the corpus hashes cover (near-duplicate grouping is part of
 * the analysis): how the server's terms are numbered, and the arrays grouping reads; and how a
 * link is written to the store (this file). A change to any of them makes the links kept before
 * stale, not the indexes.
 */
const linkSources = [
  'index/append.ts',
  'index/mergedArrays.ts',
  'index/sentenceIndex.ts',
  'library/storedLink.ts',
] as const;

let fingerprint: string | undefined;

export function linkFingerprint(): string {
  fingerprint ??= sourcesFingerprint('append link', linkSources);
  return fingerprint;
}

/** Where a scope's link is kept (in the index records' namespace; forgetScope deletes it). */
export function linkKey(scope: string): string {
  return `link:${scope}`;
}

const littleEndianHost = endianness() === 'LE';

function bytesOf(numbers: Uint32Array): Buffer {
  const bytes = Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength);
  return littleEndianHost ? bytes : Buffer.from(bytes).swap32();
}

/** The numbers of a stored array, copied (a Buffer read back need not be aligned for a Uint32Array view). */
function numbersOf(bytes: Buffer): Uint32Array | undefined {
  if (!Buffer.isBuffer(bytes) || bytes.byteLength % 4 !== 0) return undefined;
  const numbers = new Uint32Array(bytes.byteLength / 4);
  const view = Buffer.from(numbers.buffer);
  bytes.copy(view);
  if (!littleEndianHost) view.swap32();
  return numbers;
}

/**
 * The scope's link between exactly these two indexes, worked out by this code, if the store
 * holds it. A record it cannot read, or cannot be read at all, counts as none: the link is
 * worked out again and overwrites it.
 */
export async function storedLinkOf(
  store: Store,
  scope: string,
  linked: LinkedIndexes,
): Promise<AppendLink | undefined> {
  const record = await store
    .keyv<StoredLink>('index')
    .get(linkKey(scope))
    .catch(() => undefined);
  if (
    !record ||
    record.serverIndex !== linked.serverIndex ||
    record.sharedIndex !== linked.sharedIndex ||
    record.madeBy !== linkFingerprint()
  )
    return undefined;
  const termMap = numbersOf(record.termMap);
  const groups = numbersOf(record.groups);
  return termMap && groups ? { termMap, groups } : undefined;
}

/** Keeps the scope's link between these two indexes, in place of the one kept before. */
export async function keepLink(store: Store, scope: string, linked: LinkedIndexes, link: AppendLink): Promise<void> {
  await store.keyv<StoredLink>('index').set(linkKey(scope), {
    serverIndex: linked.serverIndex,
    sharedIndex: linked.sharedIndex,
    madeBy: linkFingerprint(),
    termMap: bytesOf(link.termMap),
    groups: bytesOf(link.groups),
  });
}

/**
 * Deletes the scope's link if it is still the one kept for this server index. (Another
 * process's link for a newer index, written between the read and the delete, would go too:
 * it is only worked out again on that server's next load.)
 */
export async function forgetLink(store: Store, scope: string, serverIndex: string): Promise<void> {
  const links = store.keyv<StoredLink>('index');
  if ((await links.get(linkKey(scope)))?.serverIndex === serverIndex) await links.delete(linkKey(scope));
}

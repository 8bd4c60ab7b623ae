/**
 * A server's append link (src/index/append.ts) kept in the store beside its index, so that
 * loading a server's index after a restart, or after its engine was dropped, does not look its
 * terms up in the shared vocabulary or group its sentences again.
 *
 * One record a server, overwritten: it names the server's index and the shared index it was
 * worked out for (their corpus hashes), and is used only when both are the ones loaded. A
 * change to the shared articles or to the server's makes it stale; the next load works the
 * link out, as it would without one, and keeps the new one.
 */
import { endianness } from 'node:os';
import type { AppendLink } from '../index/append.ts';
import type { Store } from '../store/store.ts';

interface StoredLink {
  readonly serverIndex: string;
  readonly sharedIndex: string;
  /** The link's arrays, little-endian. */
  readonly termMap: Buffer;
  readonly groups: Buffer;
}

/** Which two indexes a link joins: their corpus hashes (storedIndex.ts). */
export interface LinkedIndexes {
  readonly serverIndex: string;
  readonly sharedIndex: string;
}

/** Where a scope's link is kept (in the index records' namespace, deleted with the scope). */
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

/** The scope's link between exactly these two indexes, if the store holds it. */
export async function storedLinkOf(
  store: Store,
  scope: string,
  sharedIndex: string,
): Promise<(AppendLink & LinkedIndexes) | undefined> {
  const record = await store.keyv<StoredLink>('index').get(linkKey(scope));
  if (!record || record.sharedIndex !== sharedIndex || typeof record.serverIndex !== 'string') return undefined;
  const termMap = numbersOf(record.termMap);
  const groups = numbersOf(record.groups);
  if (!termMap || !groups) return undefined;
  return { serverIndex: record.serverIndex, sharedIndex, termMap, groups };
}

/** Keeps the scope's link between these two indexes, in place of the one kept before. */
export async function keepLink(store: Store, scope: string, linked: LinkedIndexes, link: AppendLink): Promise<void> {
  await store.keyv<StoredLink>('index').set(linkKey(scope), {
    serverIndex: linked.serverIndex,
    sharedIndex: linked.sharedIndex,
    termMap: bytesOf(link.termMap),
    groups: bytesOf(link.groups),
  });
}

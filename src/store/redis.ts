/**
 * The Redis store: one client shared by all namespaces. Redis refuses commands at once while
 * disconnected instead of queueing them until it comes back, so a change is never applied
 * minutes after the user was told it was not saved.
 */
import Keyv from 'keyv';
import { StoreUnavailableError } from './errors.ts';
import { guardedCall, guardedKeyv, messageOf, openError, timeoutFor, type Guard } from './guard.ts';
import type { Namespace, Store } from './store.ts';
import { maskStoreUrl } from './url.ts';

const redisConnectTimeoutMs = 5_000;
const redisStartupAttempts = 3;

/** INCR then, for a new counter, its expiry: in one script, so nothing can come between. */
const redisIncrementScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** A counter and what is left of its window, in one script so that both are of the same window. */
const redisPeekCountScript = `
local count = redis.call('GET', KEYS[1])
if not count then return {0, 0} end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/** node-redis's errors for a command it never sent: the client is disconnected or closed. */
const redisNotSentErrors = new Set(['ClientOfflineError', 'ClientClosedError']);

export async function openRedis(url: string, onError: (error: Error) => void): Promise<Store> {
  // Loaded only for Redis: the client takes ~350 ms to import, a third of a SQLite restart.
  const { default: KeyvRedis, createClient, defaultReconnectStrategy } = await import('@keyv/redis');
  let connected = false;
  let lastError: Error | undefined;
  const client = createClient({
    url,
    // While reconnecting, a command fails at once rather than waiting in a queue until Redis
    // is back: the user hears now that it was not saved, and it is not applied minutes later.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: redisConnectTimeoutMs,
      // At start-up a few tries, then a clear error; once running, keep reconnecting so that
      // a restarted Redis does not take the bot down with it.
      reconnectStrategy: (retries: number, cause: Error) =>
        !connected && retries >= redisStartupAttempts ? cause : defaultReconnectStrategy(retries),
    },
  });
  client.on('error', (error: Error) => {
    lastError = error;
    if (connected) onError(error);
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw openError(url, messageOf(lastError ?? error) || messageOf(error));
  }

  const guard: Guard = {
    async beforeWrite() {},
    failure(error, what) {
      if (error instanceof StoreUnavailableError) return error;
      const name = error instanceof Error ? error.constructor.name : '';
      // A command lost with its connection may have run on the server before the connection went.
      const outcome = redisNotSentErrors.has(name) ? 'not-done' : 'unknown';
      return new StoreUnavailableError(`${what} failed: ${messageOf(error)}`, outcome, { cause: error });
    },
  };

  const keyvs = new Map<Namespace, Keyv>();
  function keyvFor(namespace: Namespace): Keyv {
    let keyv = keyvs.get(namespace);
    if (!keyv) {
      const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
      // The adapter prefixes keys with its namespace itself (`namespace::key`).
      const plain = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
      plain.on('error', () => {});
      keyv = guardedKeyv(plain, namespace, guard);
      keyvs.set(namespace, keyv);
    }
    return keyv;
  }

  return {
    kind: 'redis',
    displayUrl: maskStoreUrl(url),
    keyv: <Value>(namespace: Namespace) => keyvFor(namespace) as Keyv<Value>,
    async increment(namespace, key, windowMs) {
      return guardedCall(guard, true, `increment in ${namespace}`, timeoutFor(namespace), async () => {
        const reply = (await client.eval(redisIncrementScript, {
          keys: [`${namespace}::${key}`],
          arguments: [String(windowMs)],
        })) as [number, number];
        const [count, ttl] = reply;
        return { count, resetAt: Date.now() + Math.max(0, ttl) };
      });
    },
    async peekCount(namespace, key) {
      return guardedCall(guard, false, `count read in ${namespace}`, timeoutFor(namespace), async () => {
        const [count, ttl] = (await client.eval(redisPeekCountScript, {
          keys: [`${namespace}::${key}`],
          arguments: [],
        })) as [number, number];
        return count === 0 ? { count: 0, resetAt: 0 } : { count, resetAt: Date.now() + Math.max(0, ttl) };
      });
    },
    async close() {
      keyvs.clear();
      connected = false;
      if (client.isOpen) await client.close();
    },
  };
}

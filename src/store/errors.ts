/**
 * What a failing store looks like to the rest of the bot: one error type for "the store did
 * not do it", whatever the backend and whatever the cause (Redis down, a call that took too
 * long, a SQLite file that is read-only, gone or damaged), so that a command can tell the user
 * plainly that nothing was saved instead of apologising for a bug.
 *
 * No imports: the Discord side reads these without loading a store client.
 */

export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    /**
     * 'not-done': the store refused or never received the call, so nothing changed.
     * 'unknown': the call was sent but not answered in time; it may still take effect.
     */
    readonly outcome: 'not-done' | 'unknown',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The SQLite file is damaged: reads and writes fail until it is moved aside. */
export class StoreDamagedError extends StoreUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'not-done', options);
    this.name = 'StoreDamagedError';
  }
}

export class StoreTimeoutError extends StoreUnavailableError {
  constructor(what: string, timeoutMs: number) {
    super(`the store did not answer ${what} within ${timeoutMs} ms`, 'unknown');
    this.name = 'StoreTimeoutError';
  }
}

/** The work's result, or a StoreTimeoutError once `timeoutMs` have passed (the work is not cancelled). */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    // A late failure of work that lost the race is not an unhandled rejection.
    work.catch(() => {});
  }
}

/** A store that cannot be opened (or written, or is damaged) at start-up: the message says why and what to do. */
export class StoreOpenError extends Error {}

/** HTTP answers out of the ordinary: the errors Discord returns, and an answer held back a while. */
import type { ServerResponse } from 'node:http';
import type { Json } from './protocol.ts';

/** A request Discord would have refused (4xx), with its reasons. */
export interface Rejection {
  readonly route: string;
  readonly status: number;
  readonly problems: readonly string[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A REST answer the stand-in sends only after a while. */
export class HeldAnswer {
  constructor(
    readonly result: Json | undefined,
    readonly holdMs: number,
  ) {}
}

/** Writes an error as Discord's JSON error body: message, code, and the form errors when there are any. */
export function writeHttpError(response: ServerResponse, error: HttpError): void {
  response.writeHead(error.status, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      message: error.message,
      code: error.code,
      ...(error.problems.length > 0
        ? { errors: { _errors: error.problems.map((problem) => ({ code: 'INVALID', message: problem })) } }
        : {}),
    }),
  );
}

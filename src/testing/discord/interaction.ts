/** One interaction as the stand-in dispatched it, and everything the bot answered to it. */
import { EventEmitter } from 'node:events';
import type { Json } from './protocol.ts';

/** A message as the user sees it, with the payload exactly as the stand-in received it. */
export interface VisibleMessage {
  readonly id: string;
  /** callback (type 4 or 7), edit of the original (after type 6, the button's message), or follow-up. */
  readonly via: 'callback' | 'edit' | 'followup';
  readonly ephemeral: boolean;
  readonly content: string;
  readonly embeds: Json[];
  readonly components: Json[];
  /** The JSON body the bot sent for this message. */
  readonly payload: Json;
  /** Who Discord would notify: `@everyone`, `user:<id>`, `role:<id>`. */
  readonly pinged: readonly string[];
  readonly atMs: number;
}

export class InteractionRecord extends EventEmitter {
  readonly dispatchedAt = Date.now();
  /** The shard the interaction was sent to, or null when no session had its server. */
  shard: number | null = null;
  callback: { type: number; data: Json | undefined; atMs: number } | null = null;
  readonly messages: VisibleMessage[] = [];
  choices: Json[] | null = null;
  /** Why Discord would show "The application did not respond", if it would. */
  failure: string | null = null;
  originalDeleted = false;
  /** Set by a test: Discord's answer to the first response is held this long (a slow network), to keep the interaction in flight. */
  holdCallbackAnswerMs = 0;
  /** Set by a test: the next edit of the original is refused with this status, to provoke a failure. */
  refuseNextEdit: { status: number; code: number; message: string } | null = null;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly type: number,
    readonly payload: Json,
  ) {
    super();
  }

  get firstResponseMs(): number | null {
    return this.callback?.atMs ?? null;
  }

  /** The last message the user sees. */
  get reply(): VisibleMessage | undefined {
    return this.messages.at(-1);
  }

  /** Resolves with the first message the user sees (or autocomplete choices), failing when Discord would have given up. */
  async settled(timeoutMs = 10_000): Promise<VisibleMessage> {
    const done = (): VisibleMessage | undefined => this.messages[0];
    const first = done();
    if (first) return first;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('message', onMessage);
        reject(
          new Error(
            `no visible reply to interaction ${this.id} within ${timeoutMs} ms${this.failure ? ` (${this.failure})` : ''}; callback: ${JSON.stringify(this.callback)}`,
          ),
        );
      }, timeoutMs);
      const onMessage = (message: VisibleMessage): void => {
        clearTimeout(timer);
        resolve(message);
      };
      this.once('message', onMessage);
    });
  }

  /** Autocomplete: resolves with the choices. */
  async autocompleteChoices(timeoutMs = 5_000): Promise<Json[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.choices === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.choices === null)
      throw new Error(`no autocomplete answer to ${this.id}${this.failure ? ` (${this.failure})` : ''}`);
    return this.choices;
  }
}

/**
 * The routes a bot answers interactions on (Interactions › Receiving and Responding): the
 * first response, once and within the deadline (Discord's 3 seconds), then edits, deletion
 * and follow-ups through the interaction's webhook for 15 minutes. Every message is held to
 * Discord's limits (limits.ts).
 */
import { HeldAnswer, HttpError } from './httpError.ts';
import type { InteractionRecord } from './interaction.ts';
import { messageProblems } from './limits.ts';
import { callbackTypes, ephemeralFlag, interactionTypes, snowflake, type Json } from './protocol.ts';
import type { SentMessages } from './sentMessages.ts';

/** How long an interaction token stays valid for edits and follow-ups: Discord's 15 minutes. */
const interactionTokenLifetimeMs = 15 * 60_000;

/** What the interaction routes read and change. */
export interface InteractionContext {
  readonly applicationId: string;
  readonly responseDeadlineMs: number;
  /** Interactions dispatched, by token. */
  readonly interactions: ReadonlyMap<string, InteractionRecord>;
  readonly sentMessages: SentMessages;
}

function interactionFor(context: InteractionContext, token: string): InteractionRecord {
  const record = context.interactions.get(token);
  if (!record) throw new HttpError(404, 10062, 'Unknown interaction');
  return record;
}

function checkMessage(body: Json, creating: boolean): void {
  const problems = messageProblems(body, { creating });
  if (problems.length > 0)
    throw new HttpError(
      400,
      problems.includes('Cannot send an empty message') ? 50006 : 50035,
      'Invalid Form Body',
      problems,
    );
}

/** POST /interactions/{id}/{token}/callback: the first response. */
export function interactionCallback(
  context: InteractionContext,
  interactionId: string,
  token: string,
  url: URL,
  body: Json,
): Json | undefined | HeldAnswer {
  const record = interactionFor(context, token);
  if (record.id !== interactionId) throw new HttpError(404, 10062, 'Unknown interaction');
  if (record.callback) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
  const atMs = Date.now() - record.dispatchedAt;
  if (atMs > context.responseDeadlineMs) {
    record.failure = `first response after ${atMs} ms, over Discord's ${context.responseDeadlineMs} ms`;
    throw new HttpError(404, 10062, 'Unknown interaction');
  }
  const type = Number(body.type);
  const allowed =
    record.type === interactionTypes.Autocomplete
      ? [8]
      : record.type === interactionTypes.MessageComponent
        ? [4, 5, 6, 7]
        : [4, 5];
  if (!allowed.includes(type))
    throw new HttpError(400, 50035, 'Invalid Form Body', [
      `type: callback type ${type} is not valid for interaction type ${record.type}`,
    ]);
  const data = body.data as Json | undefined;
  if (type === callbackTypes.AutocompleteResult) {
    const choices: Json[] = data?.choices ?? [];
    const problems: string[] = [];
    if (choices.length > 25) problems.push(`data.choices: Must be 25 or fewer in length (got ${choices.length})`);
    choices.forEach((choice, c) => {
      if (String(choice.name ?? '').length < 1 || String(choice.name).length > 100)
        problems.push(`data.choices.${c}.name: Must be between 1 and 100 in length`);
      if (String(choice.value ?? '').length > 100)
        problems.push(`data.choices.${c}.value: Must be 100 or fewer in length`);
    });
    if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
    record.callback = { type, data, atMs };
    record.choices = choices;
  } else if (type === callbackTypes.ChannelMessage || type === callbackTypes.UpdateMessage) {
    checkMessage(data ?? {}, type === callbackTypes.ChannelMessage);
    record.callback = { type, data, atMs };
    const ephemeral = (Number(data?.flags ?? 0) & ephemeralFlag) !== 0;
    context.sentMessages.show(
      record,
      'callback',
      type === callbackTypes.UpdateMessage ? String(record.payload.message?.id) : snowflake(),
      data ?? {},
      ephemeral,
    );
  } else {
    record.callback = { type, data, atMs };
  }
  const answer =
    url.searchParams.get('with_response') === 'true'
      ? { interaction: { id: record.id, type: record.type }, resource: { type } }
      : undefined;
  return record.holdCallbackAnswerMs > 0 ? new HeldAnswer(answer, record.holdCallbackAnswerMs) : answer;
}

/** /webhooks/{application}/{token}[/messages/@original|{id}]: edits, deletion and follow-ups. */
export function interactionWebhook(
  context: InteractionContext,
  method: string,
  applicationId: string,
  token: string,
  target: string | undefined,
  body: Json,
): Json | undefined {
  if (applicationId !== context.applicationId) throw new HttpError(404, 10015, 'Unknown Webhook');
  const record = interactionFor(context, token);
  if (Date.now() - record.dispatchedAt > interactionTokenLifetimeMs)
    throw new HttpError(401, 50027, 'Invalid Webhook Token');
  if (!record.callback) throw new HttpError(404, 10008, 'Unknown Message');
  const deferredEphemeral = (Number(record.callback.data?.flags ?? 0) & ephemeralFlag) !== 0;
  if (method === 'PATCH' && target === '@original') {
    if (record.originalDeleted) throw new HttpError(404, 10008, 'Unknown Message');
    if (record.refuseNextEdit) {
      const refusal = record.refuseNextEdit;
      record.refuseNextEdit = null;
      throw new HttpError(refusal.status, refusal.code, refusal.message);
    }
    checkMessage(body, false);
    const existing = record.messages.find((message) => message.via !== 'followup');
    // After a deferred update, the original is the message the button is on.
    const updated = record.callback.type === callbackTypes.DeferredUpdate ? record.payload.message : undefined;
    return context.sentMessages.show(
      record,
      'edit',
      existing?.id ?? (updated ? String(updated.id) : snowflake()),
      body,
      existing?.ephemeral ?? (updated ? (Number(updated.flags ?? 0) & ephemeralFlag) !== 0 : deferredEphemeral),
    );
  }
  if (method === 'DELETE' && target === '@original') {
    record.originalDeleted = true;
    return undefined;
  }
  if (method === 'GET' && target === '@original') {
    const original = record.messages.find((message) => message.via !== 'followup');
    if (!original) throw new HttpError(404, 10008, 'Unknown Message');
    return context.sentMessages.stored(original.id);
  }
  if (method === 'POST' && target === undefined) {
    checkMessage(body, true);
    return context.sentMessages.show(
      record,
      'followup',
      snowflake(),
      body,
      (Number(body.flags ?? 0) & ephemeralFlag) !== 0,
    );
  }
  throw new HttpError(404, 0, '404: Not Found');
}

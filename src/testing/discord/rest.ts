/**
 * The stand-in's REST API, under /api/v10 as discord.js asks for it: the gateway's address,
 * the application and its user, command registration (Application Commands, held to their
 * limits), and the interaction routes (interactionRoutes.ts). A request Discord would refuse
 * is answered as Discord answers it, and recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeldAnswer, HttpError, writeHttpError, type Rejection } from './httpError.ts';
import { interactionCallback, interactionWebhook, type InteractionContext } from './interactionRoutes.ts';
import { commandProblems } from './limits.ts';
import { snowflake, type Json } from './protocol.ts';

/** What the REST routes read and change. */
export interface RestContext extends InteractionContext {
  readonly token: string;
  readonly botUserId: string;
  readonly gatewayUrl: string;
  readonly shardCount: number;
  readonly maxConcurrency: number;
  /** Accept every request and never answer it. */
  readonly unresponsive: boolean;
  /** Commands registered, by scope: 'global' or the guild id. */
  readonly registeredCommands: Map<string, Json[]>;
  readonly rejections: Rejection[];
  readonly unknownRoutes: string[];
  requests: number;
}

/** Answers one API request as Discord would. */
export async function answerApiRequest(
  context: RestContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const route = `${request.method} ${url.pathname}`;
  context.requests += 1;
  // Held open until the stand-in stops (closeAllConnections).
  if (context.unresponsive) return;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Json = {};
    if (text !== '') {
      if (!String(request.headers['content-type']).includes('application/json'))
        throw new HttpError(400, 50109, 'The request body contains invalid JSON.', [
          'multipart bodies are not supported by the stand-in',
        ]);
      body = JSON.parse(text);
    }
    const routed = routeRequest(context, request.method ?? 'GET', url, request, body);
    const result = routed instanceof HeldAnswer ? routed.result : routed;
    if (routed instanceof HeldAnswer) await new Promise((resolve) => setTimeout(resolve, routed.holdMs));
    if (result === undefined) {
      response.writeHead(204).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    }
  } catch (error) {
    const httpError =
      error instanceof HttpError
        ? error
        : new HttpError(500, 0, error instanceof Error ? error.message : String(error));
    if (httpError.status === 404 && httpError.code === 0) context.unknownRoutes.push(route);
    if (httpError.status >= 400 && httpError.status < 500)
      context.rejections.push({
        route,
        status: httpError.status,
        problems: httpError.problems.length > 0 ? httpError.problems : [httpError.message],
      });
    writeHttpError(response, httpError);
  }
}

function requireBotAuth(context: RestContext, request: IncomingMessage): void {
  if (request.headers.authorization !== `Bot ${context.token}`) throw new HttpError(401, 0, '401: Unauthorized');
}

function routeRequest(
  context: RestContext,
  method: string,
  url: URL,
  request: IncomingMessage,
  body: Json,
): Json | undefined | HeldAnswer {
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
  if (path === url.pathname) throw new HttpError(404, 0, '404: Not Found');
  let match: RegExpExecArray | null;

  if (method === 'GET' && path === '/gateway/bot') {
    requireBotAuth(context, request);
    return {
      url: context.gatewayUrl,
      shards: context.shardCount,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 86_400_000,
        max_concurrency: context.maxConcurrency,
      },
    };
  }
  if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
    requireBotAuth(context, request);
    return {
      id: context.applicationId,
      name: 'Citebot',
      icon: null,
      description: '',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0',
      flags: 0,
    };
  }
  if (method === 'GET' && path === '/users/@me') {
    requireBotAuth(context, request);
    return { id: context.botUserId, username: 'Citebot', discriminator: '0', avatar: null, bot: true };
  }
  if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
    requireBotAuth(context, request);
    if (match[1] !== context.applicationId) throw new HttpError(403, 50001, 'Missing Access');
    const scope = match[2] ?? 'global';
    if (method === 'GET') return context.registeredCommands.get(scope) ?? [];
    if (method === 'PUT') {
      if (!Array.isArray(body))
        throw new HttpError(400, 50035, 'Invalid Form Body', ['body must be an array of commands']);
      const problems = commandProblems(body);
      if (problems.length > 0) throw new HttpError(400, 50035, 'Invalid Form Body', problems);
      const registered = body.map((command: Json) => ({
        ...command,
        id: snowflake(),
        application_id: context.applicationId,
        version: snowflake(),
        ...(match![2] ? { guild_id: match![2] } : {}),
      }));
      context.registeredCommands.set(scope, registered);
      return registered;
    }
  }
  if (method === 'POST' && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)))
    return interactionCallback(context, match[1]!, match[2]!, url, body);
  if ((match = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path)))
    return interactionWebhook(context, method, match[1]!, match[2]!, match[3], body);
  throw new HttpError(404, 0, '404: Not Found');
}

/**
 * Runs the real bot (`node --import tsx src/bot/main.ts`, as `npm start` does; or the
 * sharded entry) as a child process pointed at a Discord stand-in, and collects its
 * structured log lines. Unless the test gives KEYV_URL, the bot gets a SQLite store of its
 * own in a temporary folder, removed when it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordStandIn } from './discord/standIn.ts';
import type { StandInOptions } from './discord/server.ts';
import { repositoryRoot } from './paths.ts';

export interface RunningBot {
  readonly standIn: DiscordStandIn;
  readonly process: ChildProcess;
  /** Parsed log lines (pino JSON), in order. */
  readonly logs: Record<string, unknown>[];
  /** Whatever the bot wrote that was not a log line (stderr, mostly). */
  readonly otherOutput: string[];
  /** Milliseconds from spawning the process to its (last shard's) "ready" log line. */
  readonly spawnToReadyMs: number;
  /** The KEYV_URL the bot was given. */
  readonly storeUrl: string;
  /** Resolves once the log has lines for which `enough` holds (log lines arrive a moment after the replies they describe). */
  waitForLogs(enough: (logs: readonly Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit code; stops the stand-in and removes the store unless they were given. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The environment the bot sees: ours, without any Discord settings a developer's shell or .env might add. */
export function botEnvironment(standIn: DiscordStandIn, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DISCORD_TOKEN: standIn.token,
    DISCORD_API_URL: standIn.apiUrl,
    // Set (empty) so that a .env in the working tree cannot fill them in.
    DISCORD_APPLICATION_ID: '',
    DISCORD_GUILD_ID: '',
    KEYV_URL: '',
    SHARD_COUNT: '',
    LOGIN_TIMEOUT_SECONDS: '',
    ARTICLES_DIR: 'seeds',
    LOG_LEVEL: 'info',
    RATE_LIMIT_COUNT: '1000',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    BUTTON_LIFETIME_MINUTES: '15',
    ...extra,
  };
}

/** A SQLite store in a fresh temporary folder. */
export async function temporaryStore(): Promise<{ url: string; path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'citebot-bot-store-'));
  const path = join(dir, 'citebot.sqlite');
  return { url: `sqlite://${path}`, path, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  /** A running stand-in to use (kept when the bot stops), or options for a new one. */
  readonly standIn?: StandInOptions | DiscordStandIn;
  /** The entry point: the bot itself, or the sharding manager. */
  readonly script?: string;
  /** Shard sessions (and "ready" lines) to wait for. */
  readonly shards?: number;
  readonly readyTimeoutMs?: number;
}

export async function startBot(options: StartOptions = {}): Promise<RunningBot> {
  const standIn =
    options.standIn instanceof DiscordStandIn ? options.standIn : await new DiscordStandIn(options.standIn).start();
  const ownStandIn = !(options.standIn instanceof DiscordStandIn);
  const ownStore = options.env?.KEYV_URL ? null : await temporaryStore();
  const storeUrl = options.env?.KEYV_URL ?? ownStore!.url;
  const shards = options.shards ?? 1;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000 * shards;
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', options.script ?? 'src/bot/main.ts'], {
    cwd: repositoryRoot,
    env: botEnvironment(standIn, { ...options.env, KEYV_URL: storeUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const otherOutput: string[] = [];
  let readyLines = 0;
  let readyAt = 0;
  // 'close', not 'exit': it comes once the output has been read too, so the last log lines are in.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (stream: NodeJS.ReadableStream): void => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim() === '') continue;
          try {
            const entry = JSON.parse(line) as Record<string, unknown>;
            logs.push(entry);
            if (entry.msg === 'ready' && ++readyLines === shards) {
              readyAt = Date.now();
              resolve();
            }
          } catch {
            otherOutput.push(line);
          }
        }
      });
    };
    collect(child.stdout!);
    collect(child.stderr!);
    void exited.then((code) =>
      reject(
        new Error(
          `the bot exited with ${code} before it was ready:\n${otherOutput.join('\n')}\n${JSON.stringify(logs)}`,
        ),
      ),
    );
    setTimeout(
      () => reject(new Error(`the bot was not ready within ${readyTimeoutMs} ms:\n${otherOutput.join('\n')}`)),
      readyTimeoutMs,
    ).unref();
  });
  const cleanUp = async (): Promise<void> => {
    if (ownStandIn) await standIn.stop();
    await ownStore?.remove();
  };
  try {
    await ready;
    await standIn.waitForSession(30_000, shards);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanUp();
    throw error;
  }
  return {
    standIn,
    process: child,
    logs,
    otherOutput,
    spawnToReadyMs: readyAt - spawnedAt,
    storeUrl,
    async waitForLogs(enough, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!enough(logs) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      await cleanUp();
      return code;
    },
  };
}

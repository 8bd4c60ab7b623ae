/**
 * `npm run deploy-commands`: registers every command in commands/ with Discord, in one
 * server when DISCORD_GUILD_ID is set (immediate; for trying the bot) or globally otherwise.
 * The application id comes from DISCORD_APPLICATION_ID or from the API.
 */
import { REST, Routes, type APIApplication, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { commandDefinitions } from '../../commands/index.ts';
import { loginFailureKind, loginFailureMessage } from '../discord/login.ts';
import { exitWith, startupConfig } from './entry.ts';

const config = startupConfig();
if (config.discordToken === null)
  exitWith(
    'DISCORD_TOKEN is not set: set it in the environment or in .env (see .env.example) to register the commands.',
  );

const rest = new REST({ version: '10', ...(config.discordApiUrl ? { api: config.discordApiUrl } : {}) }).setToken(
  config.discordToken,
);

try {
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const route = config.guildId
    ? Routes.applicationGuildCommands(applicationId, config.guildId)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions })) as RESTPutAPIApplicationCommandsResult;
  const where = config.guildId ? `in server ${config.guildId}` : 'globally (every server the bot is in)';
  process.stdout.write(
    `Registered ${registered.length} commands ${where}: ${registered.map((command) => command.name).join(', ')}\n`,
  );
} catch (error) {
  // A refused token and an unreachable Discord are told apart, as at login; anything else is named as it came.
  const kind = loginFailureKind(error);
  exitWith(
    `Could not register the commands: ${
      kind === 'token' || kind === 'network'
        ? loginFailureMessage(error, config.discordApiUrl)
        : error instanceof Error
          ? error.message
          : String(error)
    }`,
  );
}

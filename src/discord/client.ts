/** The discord.js client as Citebot uses it: the Guilds intent only, no pings by default. */
import { Client, GatewayIntentBits } from 'discord.js';
import { noMentions } from './replyPolicy.ts';

export function createClient(discordApiUrl: string | null): Client {
  return new Client({
    // Slash commands, buttons and context menus arrive as interactions: no privileged intent
    // (Message Content, Members, Presences) is needed.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: noMentions,
    // Another API base (a REST proxy, or the local stand-in in tests); the gateway address
    // then comes from that API's GET /gateway/bot.
    ...(discordApiUrl ? { rest: { api: discordApiUrl } } : {}),
  });
}

/**
 * Who may change a server's articles and settings: members with Manage Server. Discord hides
 * /admin from others (default_member_permissions), but a server can change who sees a
 * command, and /settings is open to everyone for viewing, so the handlers check again.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Responder } from './replyPolicy.ts';

export function canManageServer(interaction: ChatInputCommandInteraction | AutocompleteInteraction): boolean {
  return interaction.inGuild() && interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
}

/**
 * Refuses privately unless the user may manage the server; true when they may. `action` is
 * what they tried, as it reads after "can": "manage this server's articles".
 */
export async function requireManageServer(
  interaction: ChatInputCommandInteraction,
  respond: Responder,
  action: string,
): Promise<boolean> {
  if (!interaction.inGuild()) {
    await respond.refuse(`You can only ${action} in a server.`);
    return false;
  }
  if (canManageServer(interaction)) return true;
  await respond.refuse(`Only members with the Manage Server permission can ${action}.`);
  return false;
}

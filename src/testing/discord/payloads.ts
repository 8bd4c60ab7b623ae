/**
 * The objects Discord sends a bot, shaped as the API reference shows them (User, Channel,
 * Guild, Message, Interaction): plain data in, JSON out.
 */
import { memberPermissions, snowflake, type Actor, type Json, type OptionValue } from './protocol.ts';

/** What a server without boosts may upload: Discord's 10 MiB (Reference › Uploading Files). */
const attachmentSizeLimitBytes = 10 * 1024 * 1024;

/** Who the stand-in's servers and messages belong to. */
export interface StandInIdentity {
  readonly applicationId: string;
  readonly botUserId: string;
}

export function userPayload(id: string, name: string): Json {
  return { id, username: name, discriminator: '0', global_name: name, avatar: null };
}

export function channelPayload(channelId: string, guildId: string): Json {
  return {
    id: channelId,
    guild_id: guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

export function guildPayload(guildId: string, ownerId: string, channel: Json): Json {
  return {
    id: guildId,
    name: 'Stand-in server',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guildId,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: memberPermissions,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    stickers: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [channel],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message in a server's channel: the bot's (sent through the interaction webhook) unless an author is given. */
export function messagePayload(
  identity: StandInIdentity,
  where: { readonly guildId: string; readonly channelId: string | undefined },
  id: string,
  body: Json,
  author?: Json,
  flags = 0,
): Json {
  return {
    id,
    channel_id: where.channelId,
    guild_id: where.guildId,
    type: author ? 0 : 20,
    author: author ?? {
      id: identity.botUserId,
      username: 'Citebot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags,
    ...(author ? {} : { webhook_id: identity.applicationId, application_id: identity.applicationId }),
  };
}

/** Options as Discord sends them: strings (3), integers (4), booleans (5), attachments (11, by id). */
export function optionList(options: Record<string, OptionValue>): Json[] {
  return Object.entries(options).map(([optionName, value]) =>
    typeof value === 'object'
      ? { name: optionName, type: 11, value: value.id }
      : { name: optionName, type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3, value },
  );
}

export function resolvedAttachments(options: Record<string, OptionValue>): Json {
  const attachments = Object.values(options).filter((value): value is Json => typeof value === 'object');
  return attachments.length === 0
    ? {}
    : { resolved: { attachments: Object.fromEntries(attachments.map((attachment) => [attachment.id, attachment])) } };
}

/** INTERACTION_CREATE's payload: an interaction started by a member of `guildId` in its channel. */
export function interactionPayload(
  identity: StandInIdentity,
  interaction: {
    readonly id: string;
    readonly token: string;
    readonly type: number;
    readonly data: Json;
    readonly guildId: string;
    readonly channel: Json;
    readonly actor: Actor;
  },
  extra: Json,
): Json {
  const { id, token, type, data, guildId, channel, actor } = interaction;
  return {
    id,
    application_id: identity.applicationId,
    type,
    data,
    guild_id: guildId,
    channel,
    channel_id: channel.id,
    member: {
      user: userPayload(actor.userId ?? snowflake(), 'reader'),
      roles: [],
      premium_since: null,
      permissions: actor.permissions ?? memberPermissions,
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: new Date().toISOString(),
      flags: 0,
    },
    token,
    version: 1,
    app_permissions: memberPermissions,
    locale: 'en-GB',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guildId },
    context: 0,
    attachment_size_limit: attachmentSizeLimitBytes,
    ...extra,
  };
}

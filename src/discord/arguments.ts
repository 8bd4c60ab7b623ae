/**
 * A chat-input command's arguments, typed from its definition: `ArgumentsOf<typeof definition>`
 * is the object `readArguments` builds from an interaction's options, so a handler never reads
 * an option by an untyped name (as discord-utils-bot's `ArgumentsOf` and yuudachi's
 * `ArgsParam` do). A required option is always there; an optional one is `null` when not given.
 * A command with subcommands gets one shape per subcommand, told apart by `subcommand`.
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';

export type ChatInputDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

type ValueOf<O> = O extends { readonly type: ApplicationCommandOptionType.String }
  ? O extends { readonly choices: readonly { readonly value: infer V }[] }
    ? V
    : string
  : O extends { readonly type: ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number }
    ? number
    : O extends { readonly type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : O extends { readonly type: ApplicationCommandOptionType.Attachment }
        ? Attachment
        : never;

type Simplify<T> = { readonly [K in keyof T]: T[K] } & {};

/** The options of one level (a command without subcommands, or one subcommand) as an object. */
type OptionsObject<Options> = Options extends readonly (infer O)[]
  ? Simplify<
      {
        readonly [
          P in O as P extends { readonly name: infer N extends string; readonly required: true } ? N : never
        ]: ValueOf<P>;
      } & {
        readonly [
          P in O as P extends { readonly required: true }
            ? never
            : P extends { readonly name: infer N extends string }
              ? N
              : never
        ]: ValueOf<P> | null;
      }
    >
  : Record<never, never>;

type SubcommandArguments<S> = S extends {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: infer N extends string;
}
  ? Simplify<{ readonly subcommand: N } & OptionsObject<S extends { readonly options: infer O } ? O : readonly []>>
  : never;

/** The arguments a handler receives for a command with this definition. */
export type ArgumentsOf<D extends ChatInputDefinition> = D extends {
  readonly options: readonly (infer O)[];
}
  ? [Extract<O, { readonly type: ApplicationCommandOptionType.Subcommand }>] extends [never]
    ? OptionsObject<D['options']>
    : SubcommandArguments<O>
  : Record<never, never>;

type Options = ChatInputCommandInteraction['options'];

/**
 * One option's value, `null` when it was not given. A required option that is missing throws
 * discord.js's error, which the router turns into "The option `x` is missing".
 */
function readOption(options: Options, option: APIApplicationCommandBasicOption): unknown {
  const required = option.required === true;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return options.getString(option.name, required);
    case ApplicationCommandOptionType.Integer:
      return options.getInteger(option.name, required);
    case ApplicationCommandOptionType.Number:
      return options.getNumber(option.name, required);
    case ApplicationCommandOptionType.Boolean:
      return options.getBoolean(option.name, required);
    case ApplicationCommandOptionType.Attachment:
      return options.getAttachment(option.name, required);
    default:
      return options.get(option.name, required)?.value ?? null;
  }
}

/** The interaction's options as the object `ArgumentsOf<D>` describes. */
export function readArguments<const D extends ChatInputDefinition>(
  definition: D,
  interaction: ChatInputCommandInteraction,
): ArgumentsOf<D> {
  const top: readonly APIApplicationCommandOption[] = definition.options ?? [];
  const hasSubcommands = top.some((option) => option.type === ApplicationCommandOptionType.Subcommand);
  const subcommand = hasSubcommands ? interaction.options.getSubcommand(true) : null;
  const level =
    subcommand === null
      ? top
      : (top.find(
          (option): option is APIApplicationCommandSubcommandOption =>
            option.type === ApplicationCommandOptionType.Subcommand && option.name === subcommand,
        )?.options ?? []);
  const values: Record<string, unknown> = subcommand === null ? {} : { subcommand };
  for (const option of level as readonly APIApplicationCommandBasicOption[])
    values[option.name] = readOption(interaction.options, option);
  // The one place the definition's type meets the interaction's values, read option by option above.
  return values as ArgumentsOf<D>;
}

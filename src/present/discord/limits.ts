/**
 * Discord's message limits, from the API reference (Resources › Message › Embed Limits;
 * Interactions › Receiving and Responding; Components). A message over any of them is refused
 * with 400 Invalid Form Body, so every builder here stays inside them.
 */
export const discordLimits = {
  /** Message content. */
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer text and author name of all embeds together. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Appended where text was cut to fit a limit, so that no one takes a cut quote for the whole. */
export const cutMarker = '[…]';

/**
 * Appended where a title, a label or a line of ours was cut: text that is not quoted, where the
 * bracketed cutMarker would read as heavy. truncateText's default.
 */
export const ellipsis = '…';

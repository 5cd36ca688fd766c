export interface ParsedCommand {
  /** Lower-cased first word, '' when none. */
  subcommand: string;
  /** Everything after the first word, trimmed. */
  rest: string;
}

export function parseCommandText(text: string | undefined): ParsedCommand {
  const trimmed = (text ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', rest: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim() };
}

import { withoutControlCharacters } from '../shared/text.js';

export interface ParsedCommand {
  /** Lower-cased first word, '' when none. */
  subcommand: string;
  /** Everything after the first word, trimmed. */
  rest: string;
}

export function parseCommandText(text: string | undefined): ParsedCommand {
  const trimmed = withoutControlCharacters(text ?? '').trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { subcommand: '', rest: '' };
  return { subcommand: (match[1] ?? '').toLowerCase(), rest: (match[2] ?? '').trim() };
}

/**
 * The command text as the person typed it. Slack escapes it (the command is registered with
 * should_escape so mentions arrive as ids): mentions and channels become their names again.
 */
export function unescapeCommandText(text: string): string {
  return text
    .replace(/<([@#!])[A-Za-z0-9^]+\|([^>]*)>/g, (_m, sigil: string, name: string) =>
      sigil === '!' ? name : `${sigil}${name}`,
    )
    .replace(/<@([UW][A-Z0-9]+)>/g, '@$1')
    .replace(/<#([CG][A-Z0-9]+)>/g, '#$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

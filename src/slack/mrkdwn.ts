import { formatUtc } from '../shared/dates.js';
import { oneLine } from '../shared/text.js';

/**
 * Everything that turns user text into Slack mrkdwn: the one escaping function and the formatting
 * built on it, so no presenter escapes on its own.
 */

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Shortens `text` to at most `max` UTF-16 units (Slack's count never exceeds that), ending with '…' when
 * cut. Never splits an emoji's surrogate pair or an `&amp;`-style entity.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  let head = text.slice(0, end);
  // A cut inside an escape sequence would show as a stray "&am".
  const partialEntity = /&(?:a|am|amp|l|lt|g|gt)?$/.exec(head);
  if (partialEntity) head = head.slice(0, partialEntity.index);
  return `${head.trimEnd()}${ELLIPSIS}`;
}

/** Slack's three control characters in mrkdwn (and in a message's `text`). */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** User text for mrkdwn: escaped and on one line. */
export function inlineText(text: string): string {
  return escapeMrkdwn(oneLine(text));
}

/** User text in bold: escaped, and asterisks dropped so they cannot end the bold early. */
export function bold(text: string, fallback = 'Untitled'): string {
  const inner = inlineText(text).replaceAll('*', '').trim();
  return `*${inner === '' ? fallback : inner}*`;
}

/** User text in italics: escaped, and underscores dropped so they cannot end the italics early. */
export function italic(text: string, fallback = 'Unknown'): string {
  const inner = inlineText(text).replaceAll('_', ' ').trim();
  return `_${inner === '' ? fallback : inner}_`;
}

/**
 * A `<!date^…>` token, so every reader sees the time in their own time zone. The fallback (shown where
 * tokens are not rendered, e.g. notifications) is UTC, like `2026-11-25 17:00 UTC`.
 */
export function slackDate(
  date: Date,
  format = '{date_short_pretty} at {time}',
  fallback: string = formatUtc(date),
): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^${format}|${fallback}>`;
}

const DUE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `<!date^…^{date_short}|2026-12-01>`, at noon UTC so the day is the same in almost every time zone. */
export function dueDateToken(dueDate: string): string {
  const match = DUE_DATE.exec(dueDate);
  const date = match ? new Date(`${dueDate}T12:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) return inlineText(dueDate);
  return slackDate(date, '{date_short}', dueDate);
}

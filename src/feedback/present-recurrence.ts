import { bold } from '../slack/mrkdwn.js';
import type { Recurrence } from './recurring-themes.js';

/** Earlier retros named in a mark; the rest are counted. */
const MAX_TITLES = 3;

/**
 * "↻ came up before: *Q2 launch* and *Q1 launch* — 3 retros in a row". Retro titles only: never who
 * said it, then or now.
 */
export function recurrenceWords(recurrence: Recurrence): string {
  const named = recurrence.titles.slice(0, MAX_TITLES).map((t) => bold(t));
  const more = recurrence.titles.length - named.length;
  if (more > 0) named.push(`${more} more ${more === 1 ? 'retro' : 'retros'}`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const run = recurrence.inARow === null ? '' : ` — ${recurrence.inARow} retros in a row`;
  return `↻ came up before: ${list}${run}`;
}

import { bold } from '../slack/mrkdwn.js';

export const NOTHING_TO_EXPORT = 'There is no retro in this channel to export yet.';

/** A file name from the retro title: letters, digits, dots and dashes only. */
export function exportFilename(title: string): string {
  const base =
    title
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'retro';
  return `${base}-summary.md`;
}

export function exportComment(title: string, userId: string): string {
  return `Summary of ${bold(title)}, exported by <@${userId}>.`;
}

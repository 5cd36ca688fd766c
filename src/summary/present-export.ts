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

/** Before the reveal there is nothing of the feedback to export, and the person is told why. */
export const EXPORT_NOT_YET =
  'Feedback stays private until the facilitator reveals it, so there is nothing to export yet. After the reveal, `/retro export` gives the items; vote totals are included once voting ends.';

const EXPORT_WITHOUT_VOTES =
  'Voting is still open: this export has the items but no vote totals. Export again once voting ends for the full summary.';

/** The command's answer, at once: the file follows in the channel. */
export function exportPreparing(scope: 'without_votes' | 'everything'): string {
  const preparing = 'Preparing the export… The file will appear in this channel in a moment.';
  return scope === 'without_votes' ? `${preparing}\n${EXPORT_WITHOUT_VOTES}` : preparing;
}

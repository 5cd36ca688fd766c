import { bold } from '../slack/mrkdwn.js';

export const RETRO_GONE = 'That retro no longer exists. Type `/retro status` to see the one in this channel.';

export const NO_OPEN_RETRO =
  'There is no open retro in this channel. Start one with `/retro start &lt;title&gt;`.';

/** `what` is a verb phrase, e.g. "reveal the feedback" or "close the retro". Returns Slack mrkdwn. */
export function onlyFacilitatorsMessage(retroTitle: string, what: string): string {
  return `Only the facilitators of ${bold(retroTitle, '')} can ${what}.`;
}

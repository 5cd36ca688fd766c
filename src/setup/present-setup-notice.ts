import { bold, inlineText } from '../slack/mrkdwn.js';

export const INVITE_HELP =
  'I can’t post in this channel yet. Invite me with `/invite @Rearview` (or mention @Rearview and choose *Invite*), then run `/retro start` again.';

export const NOT_A_CHANNEL =
  'Retros run in a channel: type `/retro start` in the channel where the team talks.';

export const CHANNEL_HAS_OPEN_RETRO =
  'This channel already has an open retro. Close it with `/retro close` first.';

export const SETUP_FORGED_TITLE = 'Retro not started';
export const SETUP_FORGED =
  'This form could not be verified, so nothing was saved. Run `/retro start` again.';

/** The open retro named with a link to its card when there is one. */
export function alreadyOpenText(title: string, link: string | undefined): string {
  const name = link ? `<${link}|${inlineText(title).replaceAll('|', '')}>` : bold(title);
  return `This channel already has an open retro: ${name}. Close it (\`/retro close\`) before starting another.`;
}

export function couldNotStartText(title: string): string {
  return `Your retro ${bold(title)} could not start. ${INVITE_HELP}`;
}

import type { Retro } from '../retro/retro.js';
import { bold } from '../slack/mrkdwn.js';
import { presentNoticeModal } from '../slack/present-notice.js';

export const VOTING_ENDED = 'Voting has ended, so these votes were not saved.';

export function notVotingText(retro: Pick<Retro, 'title' | 'phase'>): string {
  const when = retro.phase === 'collecting' ? 'has not started yet' : 'is over';
  return `Voting on ${bold(retro.title)} ${when}.`;
}

export function presentForgedBallotModal() {
  return presentNoticeModal(
    'Votes not saved',
    'This ballot could not be verified. Open it again from the retro card.',
  );
}

import { onlyFacilitatorsMessage } from '../retro/present-retro-notice.js';
import type { Retro } from '../retro/retro.js';
import { bold } from '../slack/mrkdwn.js';
import { presentNoticeModal } from '../slack/present-notice.js';

export function kpiRefusalText(retro: Retro, refusal: 'not_facilitator' | 'wrong_phase'): string {
  return refusal === 'not_facilitator'
    ? onlyFacilitatorsMessage(retro.title, 'update the KPI actuals')
    : `${bold(retro.title)} is closed; its KPIs can no longer change.`;
}

export function presentKpisNotSavedModal() {
  return presentNoticeModal(
    'Not saved',
    'Only the facilitators of an open retro can update its KPI actuals.',
  );
}

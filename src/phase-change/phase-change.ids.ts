/** The modals that ask a facilitator before the facilitator menu closes or cancels a retro. */
export const PHASE_CHANGE_IDS = {
  confirm: { closed: 'retro_confirm_close', cancelled: 'retro_confirm_cancel' },
} as const;

/** The ballot modal and its input block. */
export const VOTING_IDS = { view: 'retro_vote', blocks: { votes: 'votes' } } as const;

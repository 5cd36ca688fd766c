/** The *anonymous* checkbox of the setup and feedback modals (the feedback one is pre-set from the retro). */
export const ANONYMOUS = { block: 'anonymous', option: 'anonymous' } as const;

/**
 * Ids the plumbing itself uses. Every feature's action, callback and block ids are beside it, in its
 * `*.ids.ts` (the card's buttons in `retro/card.ids.ts`): search an id's text to find its feature, whose
 * index.ts registers the handler.
 */
export const COMMAND = '/retro';

/** The single action_id of the element inside each input block. */
export const INPUT = 'value';

import { z } from 'zod';
import { FIVE_WHYS_IDS } from '../slack/ids.js';
import { textOf, type ViewStateValues } from '../slack/view-state.js';
import { MAX_WHYS, type WhysInput } from './whys.js';

const BLOCKS = FIVE_WHYS_IDS.blocks;

/** The Five Whys modal's fields, for validateWhys. */
export function readWhysForm(values: ViewStateValues): WhysInput {
  return {
    problem: textOf(values, BLOCKS.problem),
    whys: Array.from({ length: MAX_WHYS }, (_, i) => textOf(values, BLOCKS.why(i + 1))),
    rootCause: textOf(values, BLOCKS.rootCause),
  };
}

/** Sealed into the modal: the retro and source of a new chain, or the chain an edit changes. */
export const FiveWhysMetadata = z.object({
  retroId: z.string().min(1),
  sourceType: z.enum(['item', 'kpi', 'manual']),
  sourceId: z.string().nullable(),
  sourceLabel: z.string().max(1000).nullable(),
  chainId: z.string().optional(),
});
export type FiveWhysMetadata = z.infer<typeof FiveWhysMetadata>;

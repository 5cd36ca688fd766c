import { z } from 'zod';
import { readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { FIVE_WHYS_IDS } from './five-whys.ids.js';
import { MAX_WHYS, type WhysInput } from './whys.js';

const BLOCKS = FIVE_WHYS_IDS.blocks;
const WHY_BLOCKS = Array.from({ length: MAX_WHYS }, (_, i) => BLOCKS.why(i + 1));

// Every field is read as text here; validateWhys holds the rules, so their errors land on the right field.
const WhysForm = Object.fromEntries(
  [BLOCKS.problem, ...WHY_BLOCKS, BLOCKS.rootCause].map((id) => [id, text()]),
);

/** The Five Whys modal's fields, for validateWhys. */
export function readWhysForm(values: ViewStateValues): WhysInput {
  const read = readForm(values, WhysForm);
  const field = (id: string): string => (read.ok ? String(read.values[id] ?? '') : '');
  return { problem: field(BLOCKS.problem), whys: WHY_BLOCKS.map(field), rootCause: field(BLOCKS.rootCause) };
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

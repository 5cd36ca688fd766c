import { z } from 'zod';
import { ACTION_ITEM_IDS, INPUT } from '../slack/ids.js';
import { textOf, type ViewStateValues } from '../slack/view-state.js';

const BLOCKS = ACTION_ITEM_IDS.blocks;

// users_select and datepicker report `selected_user` and `selected_date`; the submission is user input.
const Picked = z.object({ selected_user: z.string().nullish(), selected_date: z.string().nullish() }).loose();

function picked(values: ViewStateValues, blockId: string): z.infer<typeof Picked> {
  const parsed = Picked.safeParse(values[blockId]?.[INPUT]);
  return parsed.success ? parsed.data : {};
}

export function readOwner(values: ViewStateValues): string | undefined {
  return picked(values, BLOCKS.owner).selected_user ?? undefined;
}

export function readDueDate(values: ViewStateValues): string | undefined {
  return picked(values, BLOCKS.due).selected_date ?? undefined;
}

/** The create modal's fields, for validateActionForm. */
export function readActionForm(values: ViewStateValues): {
  text: string;
  ownerId?: string;
  dueDate?: string;
} {
  return { text: textOf(values, BLOCKS.text), ownerId: readOwner(values), dueDate: readDueDate(values) };
}

/** Sealed into the create modal: where the item comes from. */
export const ActionModalMetadata = z.object({
  channelId: z.string().min(1),
  retroId: z.string().nullable(),
  sourceType: z.enum(['item', 'root_cause', 'kpi', 'manual']),
  sourceId: z.string().nullable(),
  sourceLabel: z.string().max(1000).nullable(),
});
export type ActionModalMetadata = z.infer<typeof ActionModalMetadata>;

/** Sealed into the reassign and change-due-date modals: the item they change. */
export const ActionItemMetadata = z.object({ itemId: z.string().min(1) });
export type ActionItemMetadata = z.infer<typeof ActionItemMetadata>;

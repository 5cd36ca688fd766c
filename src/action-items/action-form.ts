import { z } from 'zod';
import { readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';

const BLOCKS = ACTION_ITEM_IDS.blocks;
const optional = () =>
  z.preprocess((v) => (typeof v === 'string' && v ? v : undefined), z.string().optional());

// Every field is read leniently here; validateActionForm holds the rules and words their errors.
const ActionForm = {
  [BLOCKS.text]: text(),
  [BLOCKS.owner]: optional(),
  [BLOCKS.due]: optional(),
  [BLOCKS.kpi]: optional(),
};

function read(values: ViewStateValues): { text: string; ownerId?: string; dueDate?: string; kpi?: string } {
  const form = readForm(values, ActionForm);
  if (!form.ok) return { text: '' };
  const v = form.values;
  return {
    text: String(v[BLOCKS.text] ?? ''),
    ownerId: v[BLOCKS.owner] as string | undefined,
    dueDate: v[BLOCKS.due] as string | undefined,
    kpi: v[BLOCKS.kpi] as string | undefined,
  };
}

/** The create modal's fields, for validateActionForm. */
export function readActionForm(values: ViewStateValues): {
  text: string;
  ownerId?: string;
  dueDate?: string;
  /** The series of the KPI picked as the one the item is meant to move. */
  kpi?: string;
} {
  return read(values);
}

/** Sealed into the create modal: where the item comes from. */
export const ActionModalMetadata = z.object({
  channelId: z.string().min(1),
  retroId: z.string().nullable(),
  sourceType: z.enum(['item', 'root_cause', 'kpi', 'manual']),
  sourceId: z.string().nullable(),
  sourceLabel: z.string().max(1000).nullable(),
  /** The KPI series the item is meant to move when it comes from a KPI (a missed one, or a chain from one). */
  kpiSeriesKey: z.string().max(200).nullish(),
  /** The Slack message the item is made from (*Make action item*). */
  sourceLink: z.string().max(1000).nullish(),
});
export type ActionModalMetadata = z.infer<typeof ActionModalMetadata>;

const PressedIn = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('nudge'),
    channel: z.string().min(1),
    ts: z.string().min(1),
    itemIds: z.array(z.string()).max(20),
  }),
  z.object({
    kind: z.literal('dm'),
    channel: z.string().min(1),
    ts: z.string().min(1),
    handedBy: z.string().optional(),
  }),
]);

/**
 * Sealed into the reassign and change-due-date modals: the item they change, and the message whose button
 * opened the modal, redrawn in place once the change is made.
 */
export const ActionItemMetadata = z.object({ itemId: z.string().min(1), pressedIn: PressedIn.optional() });
export type ActionItemMetadata = z.infer<typeof ActionItemMetadata>;

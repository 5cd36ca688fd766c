import { isFacilitator } from '../retro/permissions.js';
import { type ActionDraft, type ActionItem, isOverdue, MAX_ACTION_TEXT } from './action-item.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import { addDays } from './due-date.js';

export type ActionVerb = 'done' | 'snooze' | 'reassign' | 'redate';

export type ActionRefusal =
  | { code: 'not_found' }
  | { code: 'deleted' | 'already_done'; item: ActionItem }
  | { code: 'not_allowed'; item: ActionItem; verb: ActionVerb };

export type ActionCheck = { ok: true; item: ActionItem } | ({ ok: false } & ActionRefusal);

function isFacilitatorOf(item: ActionItem, userId: string): boolean {
  return item.retro !== null && isFacilitator(item.retro, userId);
}

/** Who may: the owner always; a facilitator of the item's retro for everything but snoozing. */
export function mayChange(item: ActionItem, userId: string, verb: ActionVerb): boolean {
  if (item.ownerId === userId) return true;
  return verb !== 'snooze' && isFacilitatorOf(item, userId);
}

/**
 * Whether `userId` may apply `verb` to the item a button pointed at. `item` is null when no such item exists
 * in the workspace (unknown, removed, or an id from another workspace). present-action-item.ts words the
 * refusals.
 */
export function checkActionChange(item: ActionItem | null, userId: string, verb: ActionVerb): ActionCheck {
  if (item === null) return { ok: false, code: 'not_found' };
  if (item.status === 'cancelled') return { ok: false, code: 'deleted', item };
  if (item.status === 'done') return { ok: false, code: 'already_done', item };
  if (!mayChange(item, userId, verb)) return { ok: false, code: 'not_allowed', item, verb };
  return { ok: true, item };
}

/** 0 = Sunday … 6 = Saturday of a 'YYYY-MM-DD' day, the numbering of the nudge weekday setting. */
function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first nudge day strictly after `today` ('YYYY-MM-DD'; `nudgeWeekday` 0 = Sunday … 6 = Saturday). */
export function nextNudgeDay(today: string, nudgeWeekday: number): string {
  return addDays(today, (nudgeWeekday - weekdayOf(today) + 7) % 7 || 7);
}

/**
 * Snoozing leaves the item out of the next weekly nudge after today: reminders skip it for a week, and a
 * day more when today is the nudge day, since the nudge a week later would show it again on its own day
 * (the nudge lists items snoozed until that day or earlier). Pressing twice the same day changes nothing.
 */
export function snoozedUntil(today: string, nudgeWeekday: number): string {
  return addDays(today, weekdayOf(today) === nudgeWeekday ? 8 : 7);
}

/** The nudge day a snooze ending on `until` skips: the last one before it. */
export function skippedNudgeDay(until: string, nudgeWeekday: number): string {
  return nextNudgeDay(addDays(until, -8), nudgeWeekday);
}

/** Overdue first, then soonest due; ties keep a stable, readable order. */
export function sortForFollowUp<T extends Pick<ActionItem, 'dueDate' | 'text'>>(
  items: readonly T[],
  today: string,
): T[] {
  return [...items].sort(
    (a, b) =>
      Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.text.localeCompare(b.text),
  );
}

const BLOCKS = ACTION_ITEM_IDS.blocks;
const SLACKBOT = 'USLACKBOT';

/** An owner must be a person: Slack bots (and Slackbot) cannot do the work. */
export function ownerProblem(ownerId: string | undefined, ownerIsBot: boolean): string | null {
  if (!ownerId) return 'Pick who owns this action item.';
  if (ownerIsBot || ownerId === SLACKBOT) return 'Pick a person: a bot cannot own an action item.';
  return null;
}

/** A due date must be a day, today or later in the creator's time zone. */
export function dueDateProblem(dueDate: string | undefined, today: string): string | null {
  if (!dueDate) return 'Pick a due date.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return 'Pick a due date from the calendar.';
  if (dueDate < today) return 'Pick today or a later day: the due date cannot be in the past.';
  return null;
}

export function actionTextProblem(text: string): string | null {
  if (text === '') return 'Say what needs to be done.';
  if (text.length > MAX_ACTION_TEXT) {
    return `Keep the action to ${MAX_ACTION_TEXT} characters (it has ${text.length}).`;
  }
  return null;
}

export interface ActionFormInput {
  text: string;
  ownerId: string | undefined;
  /** From users.info: is_bot (or the user is an app). */
  ownerIsBot: boolean;
  dueDate: string | undefined;
  /** 'YYYY-MM-DD' in the creator's time zone. */
  today: string;
}

export type ActionFormResult =
  | { ok: true; draft: ActionDraft }
  | { ok: false; errors: Record<string, string> };

/** Validates the create modal; errors are keyed by input block so Slack shows them on the field. */
export function validateActionForm(input: ActionFormInput): ActionFormResult {
  const text = input.text.trim();
  const problems: [string, string | null][] = [
    [BLOCKS.text, actionTextProblem(text)],
    [BLOCKS.owner, ownerProblem(input.ownerId, input.ownerIsBot)],
    [BLOCKS.due, dueDateProblem(input.dueDate, input.today)],
  ];
  const errors = Object.fromEntries(problems.filter((p): p is [string, string] => p[1] !== null));
  if (Object.keys(errors).length > 0 || !input.ownerId || !input.dueDate) return { ok: false, errors };
  return { ok: true, draft: { text, ownerId: input.ownerId, dueDate: input.dueDate } };
}

/** The reassign modal: a person other than the current owner. */
export function validateReassign(
  item: Pick<ActionItem, 'ownerId'>,
  newOwnerId: string | undefined,
  newOwnerIsBot: boolean,
): { ok: true; ownerId: string } | { ok: false; errors: Record<string, string> } {
  const problem =
    ownerProblem(newOwnerId, newOwnerIsBot) ??
    (newOwnerId === item.ownerId ? 'They already own it: pick someone else.' : null);
  if (problem !== null || !newOwnerId) return { ok: false, errors: { [BLOCKS.owner]: problem ?? '' } };
  return { ok: true, ownerId: newOwnerId };
}

/** The change-due-date modal. */
export function validateRedate(
  dueDate: string | undefined,
  today: string,
): { ok: true; dueDate: string } | { ok: false; errors: Record<string, string> } {
  const problem = dueDateProblem(dueDate, today);
  if (problem !== null || !dueDate) return { ok: false, errors: { [BLOCKS.due]: problem ?? '' } };
  return { ok: true, dueDate };
}

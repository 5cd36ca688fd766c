import { describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import {
  type ActionVerb,
  checkActionChange,
  nextNudgeDay,
  skippedNudgeDay,
  snoozedUntil,
  sortForFollowUp,
  validateActionForm,
  validateReassign,
  validateRedate,
} from '../../src/action-items/action-rules.js';
import { sampleActionItem } from '../fixtures/action-item.js';

const B = ACTION_ITEM_IDS.blocks;
const VERBS: ActionVerb[] = ['done', 'snooze', 'reassign', 'redate'];

describe('who may change an action item', () => {
  // U_OWN owns it; U_ANA created the retro and U_BEN co-facilitates it.
  const table: [string, string, Record<ActionVerb, boolean>][] = [
    ['the owner', 'U_OWN', { done: true, snooze: true, reassign: true, redate: true }],
    ['the retro creator', 'U_ANA', { done: true, snooze: false, reassign: true, redate: true }],
    ['a co-facilitator', 'U_BEN', { done: true, snooze: false, reassign: true, redate: true }],
    ['a third person', 'U_OTHER', { done: false, snooze: false, reassign: false, redate: false }],
  ];
  for (const [who, userId, allowed] of table) {
    for (const verb of VERBS) {
      it(`${who} ${allowed[verb] ? 'may' : 'may not'} ${verb}`, () => {
        const check = checkActionChange(sampleActionItem(), userId, verb);
        expect(check.ok).toBe(allowed[verb]);
        if (!check.ok) expect(check.code).toBe('not_allowed');
      });
    }
  }

  it('without a retro only the owner may act, even its creator may not', () => {
    const item = sampleActionItem({ retro: null, createdBy: 'U_ANA' });
    expect(checkActionChange(item, 'U_OWN', 'reassign').ok).toBe(true);
    expect(checkActionChange(item, 'U_ANA', 'done').ok).toBe(false);
  });

  it.each(VERBS)('%s on a done, deleted or unknown item says so', (verb) => {
    expect(
      checkActionChange(sampleActionItem({ status: 'done', doneBy: 'U_BEN' }), 'U_OWN', verb),
    ).toMatchObject({
      ok: false,
      code: 'already_done',
    });
    expect(checkActionChange(sampleActionItem({ status: 'cancelled' }), 'U_OWN', verb)).toMatchObject({
      ok: false,
      code: 'deleted',
    });
    expect(checkActionChange(null, 'U_OWN', verb)).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('following up', () => {
  it('snoozing leaves the item out of the next weekly nudge after today', () => {
    // Nudges on Mondays: 2026-11-30 and 2026-12-07. The nudge lists items snoozed until its day or before.
    expect(snoozedUntil('2026-11-30', 1)).toBe('2026-12-08');
    expect(skippedNudgeDay('2026-12-08', 1)).toBe('2026-12-07');
    expect(snoozedUntil('2026-12-01', 1)).toBe('2026-12-08');
    expect(skippedNudgeDay('2026-12-08', 1)).toBe('2026-12-07');
    expect(snoozedUntil('2026-11-29', 1)).toBe('2026-12-06');
    expect(skippedNudgeDay('2026-12-06', 1)).toBe('2026-11-30');
    // Nudges on Fridays (2026-12-04 is one).
    expect(snoozedUntil('2026-12-04', 5)).toBe('2026-12-12');
    expect(skippedNudgeDay('2026-12-12', 5)).toBe('2026-12-11');
  });

  it('the next nudge day is strictly after today', () => {
    expect(nextNudgeDay('2026-11-30', 1)).toBe('2026-12-07');
    expect(nextNudgeDay('2026-11-29', 1)).toBe('2026-11-30');
    expect(nextNudgeDay('2026-11-30', 0)).toBe('2026-12-06');
  });

  it('orders overdue first, then by due date', () => {
    const items = [
      sampleActionItem({ text: 'later', dueDate: '2026-12-10' }),
      sampleActionItem({ text: 'b late', dueDate: '2026-11-01' }),
      sampleActionItem({ text: 'today', dueDate: '2026-11-23' }),
      sampleActionItem({ text: 'a late', dueDate: '2026-11-01' }),
      sampleActionItem({ text: 'very late', dueDate: '2026-10-01' }),
    ];
    expect(sortForFollowUp(items, '2026-11-23').map((i) => i.text)).toEqual([
      'very late',
      'a late',
      'b late',
      'today',
      'later',
    ]);
  });
});

describe('validating the modals', () => {
  const good = {
    text: 'Ship it',
    ownerId: 'U1',
    ownerIsBot: false,
    dueDate: '2026-11-23',
    today: '2026-11-23',
  };

  it('accepts a complete form (due today is fine)', () => {
    expect(validateActionForm({ ...good, text: '  Ship it ' })).toEqual({
      ok: true,
      draft: { text: 'Ship it', ownerId: 'U1', dueDate: '2026-11-23' },
    });
  });

  it.each([
    ['an empty action', { text: '  ' }, B.text],
    ['a 301-character action', { text: 'x'.repeat(301) }, B.text],
    ['no owner', { ownerId: undefined }, B.owner],
    ['a bot as owner', { ownerIsBot: true }, B.owner],
    ['Slackbot as owner', { ownerId: 'USLACKBOT' }, B.owner],
    ['no due date', { dueDate: undefined }, B.due],
    ['a past due date', { dueDate: '2026-11-22' }, B.due],
  ])('refuses %s on its field', (_name, change, field) => {
    const result = validateActionForm({ ...good, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it('accepts exactly 300 characters', () => {
    expect(validateActionForm({ ...good, text: 'x'.repeat(300) }).ok).toBe(true);
  });

  it('reassigning needs another person', () => {
    const item = sampleActionItem();
    expect(validateReassign(item, 'U_NEW', false)).toEqual({ ok: true, ownerId: 'U_NEW' });
    expect(validateReassign(item, 'U_OWN', false).ok).toBe(false);
    expect(validateReassign(item, 'B_BOT', true).ok).toBe(false);
    expect(validateReassign(item, undefined, false)).toMatchObject({
      ok: false,
      errors: { [B.owner]: expect.any(String) },
    });
  });

  it('a new due date is today or later', () => {
    expect(validateRedate('2026-12-01', '2026-11-23')).toEqual({ ok: true, dueDate: '2026-12-01' });
    expect(validateRedate('2026-11-01', '2026-11-23').ok).toBe(false);
    expect(validateRedate(undefined, '2026-11-23').ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../src/action-items/action-item.js';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import {
  actionSourceText,
  dueDateToken,
  presentActionDm,
  presentActionModal,
  presentActionSaved,
  presentReassignedNotice,
  presentReassignModal,
  presentRedateModal,
  refusalText,
} from '../../src/action-items/present-action-item.js';
import { presentActionList } from '../../src/action-items/present-open-actions.js';
import { sampleActionItem, sampleActionRetro } from '../fixtures/action-item.js';
import { assertMessageLimits, assertModalLimits, blockTexts } from './block-kit-limits.js';

const IDS = ACTION_ITEM_IDS;
const TODAY = '2026-11-23';
const HOSTILE = '<!channel> read <https://evil.example|this> & <@U999> *now*';

function buttonsOf(blocks: unknown[]): { action_id: string; value: string; text: string }[] {
  return (blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, text: e.text.text })),
    );
}

function expectNoLiveMarkup(blocks: unknown[]): void {
  const texts = blockTexts(blocks).join('\n');
  expect(texts).not.toContain('<!channel>');
  expect(texts).not.toContain('<https://evil');
  expect(texts).not.toContain('<@U999>');
  expect(texts).toContain('&lt;!channel&gt;');
}

function items(count: number, overrides: (i: number) => Partial<ActionItem> = () => ({})): ActionItem[] {
  return Array.from({ length: count }, (_, i) =>
    sampleActionItem({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      text: `[${i}] ${'Q&A <deck> '.repeat(27)}`.slice(0, 300),
      dueDate: i % 3 === 0 ? '2026-11-01' : '2026-12-15',
      ...overrides(i),
    }),
  );
}

describe('due dates', () => {
  it('are <!date^…> tokens that read "today"/"tomorrow" and fall back to the day itself', () => {
    const noon = Date.UTC(2026, 11, 1, 12) / 1000;
    expect(dueDateToken('2026-12-01')).toBe(`<!date^${noon}^{date_short_pretty}|2026-12-01>`);
  });
});

describe("the owner's DM", () => {
  const item = sampleActionItem();

  it('shows the action, its source retro and channel, the due date and the four buttons', () => {
    const dm = presentActionDm(item, { recipientId: 'U_OWN', today: TODAY, handedBy: 'U_ANA' });
    assertMessageLimits(dm);
    const text = blockTexts(dm.blocks).join('\n');
    expect(text).toContain('*Update the launch checklist*');
    expect(text).toContain('<@U_ANA> gave you an action item');
    expect(text).toContain('_Q3 launch_ in <#C1>');
    expect(text).toContain('root cause: No legal review step before launch');
    expect(text).toContain(dueDateToken('2026-12-01'));
    expect(buttonsOf(dm.blocks)).toEqual([
      { action_id: IDS.actions.done, value: item.id, text: 'Done' },
      { action_id: IDS.actions.snooze, value: item.id, text: 'Snooze a week' },
      { action_id: IDS.actions.reassign, value: item.id, text: 'Reassign' },
      { action_id: IDS.actions.redate, value: item.id, text: 'Change due date' },
    ]);
  });

  it('links the retro when a link is known', () => {
    const dm = presentActionDm(item, {
      recipientId: 'U_OWN',
      today: TODAY,
      link: 'https://x.slack.com/archives/C1/p1',
    });
    expect(blockTexts(dm.blocks).join('\n')).toContain('<https://x.slack.com/archives/C1/p1|Q3 launch>');
  });

  it('after a reassignment, says who handed it over and who made it', () => {
    const dm = presentActionDm(sampleActionItem({ ownerId: 'U_CHLOE', createdBy: 'U_LIAM' }), {
      recipientId: 'U_CHLOE',
      today: TODAY,
      handedBy: 'U_RAJ',
    });
    const text = blockTexts(dm.blocks).join('\n');
    expect(text).toContain('<@U_RAJ> handed this action item over to you (created by <@U_LIAM>)');
    expect(text).not.toContain('<@U_LIAM> gave you');
    expect((dm.blocks[0] as { block_id?: string }).block_id).toBe(`${IDS.blocks.dmFrom}U_RAJ`);
  });

  it('when who handed it over is not known, names only who made it', () => {
    const dm = presentActionDm(sampleActionItem({ ownerId: 'U_CHLOE', createdBy: 'U_LIAM' }), {
      recipientId: 'U_CHLOE',
      today: TODAY,
    });
    const text = blockTexts(dm.blocks).join('\n');
    expect(text).toContain('An action item for you, created by <@U_LIAM>');
    expect(text).not.toContain('gave you');
  });

  it('says which weekly nudge a snooze leaves the item out of', () => {
    const dm = presentActionDm(sampleActionItem({ snoozedUntil: '2026-12-01' }), {
      recipientId: 'U_OWN',
      today: TODAY,
      nudgeWeekday: 1,
    });
    expect(blockTexts(dm.blocks).join('\n')).toContain(
      `left out of your weekly nudge of ${dueDateToken('2026-11-30')}`,
    );
  });

  it('marks an overdue item and a snooze', () => {
    const dm = presentActionDm(sampleActionItem({ dueDate: '2026-11-20', snoozedUntil: '2026-11-30' }), {
      recipientId: 'U_OWN',
      today: TODAY,
    });
    const text = blockTexts(dm.blocks).join('\n');
    expect(text).toContain('overdue');
    expect(text).toContain(`snoozed until ${dueDateToken('2026-11-30')}`);
  });

  it('once done, says who did it and drops the buttons', () => {
    const dm = presentActionDm(
      sampleActionItem({ status: 'done', doneBy: 'U_BEN', doneAt: new Date('2026-11-24T09:00:00Z') }),
      { recipientId: 'U_OWN', today: TODAY },
    );
    assertMessageLimits(dm);
    expect(blockTexts(dm.blocks).join('\n')).toContain('Done by <@U_BEN>');
    expect(buttonsOf(dm.blocks)).toEqual([]);
  });

  it('for the previous owner after a reassignment, names the new owner without buttons', () => {
    const dm = presentActionDm(sampleActionItem({ ownerId: 'U_NEW' }), {
      recipientId: 'U_OWN',
      today: TODAY,
    });
    expect(blockTexts(dm.blocks).join('\n')).toContain('Moved to <@U_NEW>');
    expect(buttonsOf(dm.blocks)).toEqual([]);
  });

  it('for a deleted item, says so without buttons', () => {
    const dm = presentActionDm(sampleActionItem({ status: 'cancelled' }), {
      recipientId: 'U_OWN',
      today: TODAY,
    });
    expect(blockTexts(dm.blocks).join('\n')).toContain('deleted');
    expect(buttonsOf(dm.blocks)).toEqual([]);
  });

  it('escapes what people typed: the action, the source and the retro title', () => {
    const hostile = sampleActionItem({
      text: HOSTILE,
      sourceLabel: HOSTILE,
      retro: sampleActionRetro({ title: HOSTILE }),
    });
    for (const message of [
      presentActionDm(hostile, { recipientId: 'U_OWN', today: TODAY }),
      presentActionDm(hostile, { recipientId: 'U_OTHER', today: TODAY }),
      presentActionDm({ ...hostile, status: 'done' }, { recipientId: 'U_OWN', today: TODAY }),
      presentActionSaved(hostile),
      presentReassignedNotice(hostile, 'U_BEN'),
    ]) {
      assertMessageLimits(message);
      expectNoLiveMarkup(message.blocks);
      expect(message.text).not.toContain('<!channel>');
    }
  });

  it('a link text cannot be ended early by a | in the retro title', () => {
    const text = actionSourceText(
      sampleActionItem({ retro: sampleActionRetro({ title: 'a|b' }) }),
      'https://x',
    );
    expect(text).toContain('<https://x|a¦b>');
  });
});

describe('the modals', () => {
  it('create: Action (≤ 300), Owner, Due date, pre-filled, with hints and the source', () => {
    const view = presentActionModal({
      draft: { text: 'Fix it due someday', ownerId: 'U1', dueDate: null },
      hints: { [IDS.blocks.due]: '"someday" is not a date I can read' },
      source: actionSourceText(sampleActionItem()),
      metadata: 'sealed',
    });
    assertModalLimits(view);
    expect(view.callback_id).toBe(IDS.views.create);
    const blocks = view.blocks as any[];
    const byId = Object.fromEntries(blocks.filter((b) => b.block_id).map((b) => [b.block_id, b]));
    expect(byId[IDS.blocks.text].label.text).toBe('Action');
    expect(byId[IDS.blocks.text].element).toMatchObject({
      max_length: 300,
      initial_value: 'Fix it due someday',
    });
    expect(byId[IDS.blocks.owner].element).toMatchObject({ type: 'users_select', initial_user: 'U1' });
    expect(byId[IDS.blocks.due].element.type).toBe('datepicker');
    expect(byId[IDS.blocks.due].element.initial_date).toBeUndefined();
    expect(byId[IDS.blocks.due].hint.text).toContain('someday');
    expect(blockTexts(blocks).join('\n')).toContain('Q3 launch');
  });

  it('create: an empty draft leaves the fields empty', () => {
    const view = presentActionModal({
      draft: { text: '', ownerId: null, dueDate: null },
      source: null,
      metadata: 'sealed',
    });
    assertModalLimits(view);
    expect(JSON.stringify(view)).not.toContain('initial_');
  });

  it('reassign and change due date show the item, escaped', () => {
    const item = sampleActionItem({ text: HOSTILE });
    const reassign = presentReassignModal({ item, metadata: 'm' });
    const redate = presentRedateModal({ item, metadata: 'm' });
    assertModalLimits(reassign);
    assertModalLimits(redate);
    expect(reassign.callback_id).toBe(IDS.views.reassign);
    expect(redate.callback_id).toBe(IDS.views.redate);
    expectNoLiveMarkup(reassign.blocks);
    expect((redate.blocks as any[]).find((b) => b.block_id === IDS.blocks.due).element.initial_date).toBe(
      '2026-12-01',
    );
  });
});

describe('refusals', () => {
  const item = sampleActionItem({ retro: sampleActionRetro({ title: '<!here> *Q3*' }) });
  it.each([
    [{ code: 'not_found' as const }, 'no longer exists'],
    [{ code: 'deleted' as const, item }, 'was deleted'],
    [
      { code: 'already_done' as const, item: { ...item, doneBy: 'U_BEN' } },
      'already marked done by <@U_BEN>',
    ],
    [
      { code: 'not_allowed' as const, item, verb: 'snooze' as const },
      'Only <@U_OWN>, who owns this action item, can snooze it.',
    ],
    [
      { code: 'not_allowed' as const, item, verb: 'done' as const },
      'Only <@U_OWN>, who owns this action item, or a facilitator of _&lt;!here&gt; *Q3*_ can mark it done.',
    ],
  ])('%j', (refusal, expected) => {
    expect(refusalText(refusal)).toContain(expected);
  });
});

describe('/retro actions', () => {
  it('lists open items overdue first, each with its buttons', () => {
    const list = presentActionList({
      scope: { kind: 'mine' },
      items: [
        sampleActionItem({ id: 'a', dueDate: '2026-12-10' }),
        sampleActionItem({ id: 'b', dueDate: '2026-11-02' }),
      ],
      total: 2,
      today: TODAY,
    });
    assertMessageLimits(list);
    expect(blockTexts(list.blocks)[0]).toBe('You have 2 open action items, 1 overdue:');
    expect(buttonsOf(list.blocks).map((b) => b.value)).toEqual(['b', 'b', 'b', 'b', 'a', 'a', 'a', 'a']);
  });

  it('past the limits, shows the first ones and says how many more', () => {
    const all = items(60);
    const list = presentActionList({
      scope: { kind: 'channel', channelId: 'C1' },
      items: all,
      total: 75,
      today: TODAY,
    });
    assertMessageLimits(list);
    const shown = new Set(buttonsOf(list.blocks).map((b) => b.value)).size;
    expect(shown).toBeGreaterThan(3);
    expect(blockTexts(list.blocks).at(-1)).toContain(`and ${75 - shown} more`);
    expect(blockTexts(list.blocks)[0]).toContain('75 open action items from the retros in <#C1>');
    expect(blockTexts(list.blocks)[1]).toContain('overdue');
    expect(blockTexts(list.blocks)[1]).toContain('<@U_OWN>');
  });

  it('escapes action text and says when there is nothing', () => {
    const list = presentActionList({
      scope: { kind: 'person', userId: 'U2' },
      items: [sampleActionItem({ text: HOSTILE })],
      total: 1,
      today: TODAY,
    });
    expectNoLiveMarkup(list.blocks);
    const empty = presentActionList({
      scope: { kind: 'person', userId: 'U2' },
      items: [],
      total: 0,
      today: TODAY,
    });
    assertMessageLimits(empty);
    expect(blockTexts(empty.blocks)).toEqual(['<@U2> has no open action items.']);
  });
});

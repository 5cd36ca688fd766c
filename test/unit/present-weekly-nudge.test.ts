import { describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { dueDateToken } from '../../src/action-items/present-action-item.js';
import {
  NUDGE_ITEMS_SHOWN,
  type NudgeEntry,
  presentWeeklyNudge,
} from '../../src/action-items/present-weekly-nudge.js';
import { pressedMessage } from '../../src/action-items/pressed-message.js';
import { assertMessageLimits, blockTexts } from './block-kit-limits.js';

const IDS = ACTION_ITEM_IDS;
const HOSTILE = '<!channel> read <https://evil.example|this> & <@U999> *now*';

function entry(n: number, state: NudgeEntry['state'] = { kind: 'open', skips: null }): NudgeEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `${HOSTILE} ${'x'.repeat(250)}`.slice(0, 300),
    dueDate: n % 2 ? '2026-11-20' : '2026-12-18',
    channelId: 'C1',
    retroTitle: HOSTILE,
    state,
  };
}

describe('the weekly nudge', () => {
  it('stays within Slack’s limits, escapes what people typed and shows dates as tokens', () => {
    const entries = Array.from({ length: 40 }, (_, n) => entry(n));
    const nudge = presentWeeklyNudge({ today: '2026-11-30', openCount: 40, overdueCount: 20, entries });
    assertMessageLimits(nudge);
    const text = blockTexts(nudge.blocks).join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain(`overdue since ${dueDateToken('2026-11-20')}`);
    expect(text).toContain(`due ${dueDateToken('2026-12-18')}`);
    expect(text).toMatch(/…and \d+ more items/);
    expect(NUDGE_ITEMS_SHOWN).toBeLessThan(40);
  });

  it('shows what became of each item, with buttons only on what is still open', () => {
    const entries = [
      entry(1, { kind: 'done', by: 'U_RAJ' }),
      entry(2, { kind: 'open', skips: '2026-12-07' }),
      entry(3, { kind: 'moved', to: 'U_CHLOE' }),
      entry(4, { kind: 'deleted' }),
    ];
    const nudge = presentWeeklyNudge({ today: '2026-11-30', openCount: 0, overdueCount: 0, entries });
    const text = blockTexts(nudge.blocks).join('\n');
    expect(text).toContain('Marked done by <@U_RAJ>');
    expect(text).toContain(`left out of your weekly nudge of ${dueDateToken('2026-12-07')}`);
    expect(text).toContain('Reassigned to <@U_CHLOE>');
    expect(text).toContain('deleted');
    const buttons = (nudge.blocks as any[]).filter((b) => b.type === 'actions');
    expect(buttons.map((b) => b.elements[0].value)).toEqual([entries[1]?.id]);
  });

  it('a button pressed in it names the nudge and the items it shows', () => {
    const entries = [entry(1), entry(2)];
    const nudge = presentWeeklyNudge({ today: '2026-11-30', openCount: 2, overdueCount: 1, entries });
    const blockIds = (nudge.blocks as any[]).map((b) => String(b.block_id ?? ''));
    expect(pressedMessage({ channel: 'D1', ts: '1.2', ephemeral: false, blockIds })).toEqual({
      kind: 'nudge',
      channel: 'D1',
      ts: '1.2',
      itemIds: entries.map((e) => e.id),
    });
    expect(pressedMessage({ channel: 'D1', ts: '1.2', ephemeral: true, blockIds })).toBeUndefined();
    expect(
      pressedMessage({ channel: 'D1', ts: '1.2', ephemeral: false, blockIds: [`${IDS.blocks.dmFrom}URAJ`] }),
    ).toEqual({ kind: 'dm', channel: 'D1', ts: '1.2', handedBy: 'URAJ' });
    expect(pressedMessage({ channel: 'C1', ts: '1.2', ephemeral: false, blockIds: [] })).toBeUndefined();
  });
});

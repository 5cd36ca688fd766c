import { describe, expect, it } from 'vitest';
import { CARRY_OVER_IDS } from '../../src/carry-over/carry-over.ids.js';
import {
  MAX_REVIEWED,
  presentActionReview,
  reviewRefusalText,
} from '../../src/carry-over/present-action-review.js';
import {
  countOutcomes,
  mayDecide,
  type ReviewEntry,
  readReviewValue,
  reviewValue,
  sinceLastTimeOf,
} from '../../src/carry-over/review.js';
import { sinceLastTimeBlocks, sinceLastTimeMarkdown } from '../../src/summary/present-since-last-time.js';
import { assertMessageLimits, blockTexts } from './block-kit-limits.js';

const RETRO = '00000000-0000-4000-8000-0000000000aa';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function entry(n: number, overrides: Partial<ReviewEntry> = {}): ReviewEntry {
  return {
    itemId: id(n),
    text: `Action ${n}`,
    ownerId: `UOWN${n}`,
    dueDate: '2026-12-15',
    status: 'open',
    doneBy: null,
    firstRetroTitle: 'Q3 launch',
    outcome: null,
    decidedBy: null,
    ...overrides,
  };
}

describe('the review of last time’s actions', () => {
  it('lists each open item with its owner, due date and first retro, and its three buttons', () => {
    const message = presentActionReview({ retroId: RETRO, entries: [entry(1), entry(2)], unlisted: 0 });
    const text = blockTexts(message.blocks).join('\n');
    expect(text).toContain("*Last time's actions* — 2 still open. Owners or facilitators: mark each");
    expect(text).toContain('*Action 1* — <@UOWN1>, due <!date^');
    expect(text).toContain('from _Q3 launch_');
    const rows = message.blocks.filter((b) => b.type === 'actions') as any[];
    expect(rows.map((r) => r.block_id)).toEqual([
      `${CARRY_OVER_IDS.blocks.item}${id(1)}`,
      `${CARRY_OVER_IDS.blocks.item}${id(2)}`,
    ]);
    expect(rows[0].elements.map((e: any) => [e.action_id, e.value])).toEqual([
      [CARRY_OVER_IDS.actions.done, `${id(1)}/${RETRO}`],
      [CARRY_OVER_IDS.actions.carry, `${id(1)}/${RETRO}`],
      [CARRY_OVER_IDS.actions.drop, `${id(1)}/${RETRO}`],
    ]);
  });

  it('shows what was decided, and by whom, without buttons; and items closed elsewhere as such', () => {
    const message = presentActionReview({
      retroId: RETRO,
      entries: [
        entry(1, { outcome: 'done', decidedBy: 'UOWN1', status: 'done', doneBy: 'UOWN1' }),
        entry(2, { outcome: 'carried', decidedBy: 'UFAC' }),
        entry(3, { outcome: 'dropped', decidedBy: 'UFAC', status: 'cancelled' }),
        entry(4, { status: 'done', doneBy: 'UOWN4' }),
        entry(5, { status: 'cancelled' }),
      ],
      unlisted: 0,
    });
    const text = blockTexts(message.blocks).join('\n');
    expect(text).toContain("*Last time's actions* — all 5 reviewed.");
    expect(text).toContain('✅ Done · marked by <@UOWN1>');
    expect(text).toContain('↪️ Carried over · by <@UFAC>');
    expect(text).toContain('✖️ Dropped · by <@UFAC>');
    expect(text).toContain('✅ Done · marked by <@UOWN4>');
    expect(text).toContain('✖️ Deleted');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('escapes what people typed', () => {
    const message = presentActionReview({
      retroId: RETRO,
      entries: [entry(1, { text: 'Tell <!channel> & *all*', firstRetroTitle: 'Q3 <@U999> _launch_' })],
      unlisted: 0,
    });
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('&lt;!channel&gt; &amp;');
  });

  it('stays within Slack limits with the most items it lists, at their longest', () => {
    const entries = Array.from({ length: MAX_REVIEWED }, (_, n) =>
      entry(n + 1, { text: 'x'.repeat(300), firstRetroTitle: 'T'.repeat(150) }),
    );
    const message = presentActionReview({ retroId: RETRO, entries, unlisted: 12 });
    assertMessageLimits(message);
    expect(blockTexts(message.blocks).join('\n')).toContain(
      '12 more open items from earlier retros not listed here',
    );
  });

  it('words each refusal', () => {
    expect(reviewRefusalText({ code: 'not_allowed', ownerId: 'UOWN1', retroTitle: 'Q4' })).toBe(
      'Only <@UOWN1>, who owns this action item, or a facilitator of _Q4_ can mark it.',
    );
    expect(reviewRefusalText({ code: 'decided', outcome: 'carried', by: 'UFAC' })).toBe(
      'Already decided by <@UFAC>: ↪️ Carried over. Nothing was changed.',
    );
    expect(reviewRefusalText({ code: 'closed_elsewhere', status: 'done', doneBy: 'U1' })).toBe(
      'This action item was already marked done by <@U1>.',
    );
  });
});

describe('review rules', () => {
  it('lets the owner and the facilitators of the reviewing retro decide, nobody else', () => {
    const retro = { createdBy: 'UFAC', facilitatorIds: ['UCO'] };
    expect(['UOWN', 'UFAC', 'UCO', 'UBY'].map((u) => mayDecide('UOWN', retro, u))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('reads back only a well-formed button value', () => {
    expect(readReviewValue(reviewValue(id(1), RETRO))).toEqual({ itemId: id(1), retroId: RETRO });
    expect(readReviewValue(`${id(1)}/${RETRO}/x`)).toBeNull();
    expect(readReviewValue('nope/also-nope')).toBeNull();
  });

  it('counts an item closed elsewhere as what it became, and an undecided one as not reviewed', () => {
    const counts = countOutcomes([
      entry(1, { outcome: 'done', decidedBy: 'U1', status: 'done' }),
      entry(2, { outcome: 'carried', decidedBy: 'U1' }),
      entry(3, { status: 'cancelled' }),
      entry(4, { status: 'done' }),
      entry(5),
    ]);
    expect(counts).toEqual({ done: 2, carried: 1, dropped: 1, notReviewed: 1 });
  });
});

describe('since last time, in the summary', () => {
  const since = sinceLastTimeOf([
    entry(1, { outcome: 'done', decidedBy: 'U1', status: 'done' }),
    entry(2, { outcome: 'carried', decidedBy: 'U1', text: 'Fix <!here> *now*' }),
    entry(3, { outcome: 'dropped', decidedBy: 'U1', status: 'cancelled' }),
    entry(4),
  ]);

  it('says nothing when the retro reviewed nothing', () => {
    expect(sinceLastTimeOf([])).toBeNull();
    expect(sinceLastTimeBlocks(null, (u) => u)).toEqual([]);
    expect(
      sinceLastTimeMarkdown(
        null,
        (u) => u,
        (s) => s,
      ),
    ).toEqual([]);
  });

  it('counts and lists the items with their owners', () => {
    const text = blockTexts(sinceLastTimeBlocks(since, (u) => `<@${u}>`)).join('\n');
    expect(text).toContain('*Since last time:* 1 done, 1 carried over, 1 dropped, 1 not reviewed');
    expect(text).toContain('✅ Action 1 — <@UOWN1> · done');
    expect(text).toContain('↪️ Fix &lt;!here&gt; *now* — <@UOWN2> · carried over');
    expect(text).toContain('• Action 4 — <@UOWN4> · not reviewed');
  });

  it('leaves out what did not happen, and gives the export its own lines', () => {
    const one = sinceLastTimeOf([entry(1, { outcome: 'carried', decidedBy: 'U1' })]);
    expect(blockTexts(sinceLastTimeBlocks(one, (u) => u)).join('\n')).toContain(
      '*Since last time:* 1 carried over\n',
    );
    expect(
      sinceLastTimeMarkdown(
        since,
        (u) => `@${u}`,
        (s) => s,
      ),
    ).toEqual([
      '## Since last time',
      '',
      '1 done, 1 carried over, 1 dropped, 1 not reviewed.',
      '',
      '- [x] Action 1 — @UOWN1 (done)',
      '- [ ] Fix <!here> *now* — @UOWN2 (carried over)',
      '- [ ] Action 3 — @UOWN3 (dropped)',
      '- [ ] Action 4 — @UOWN4 (not reviewed)',
      '',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/drafts/draft.js';
import { draftText } from '../../src/drafts/draft.js';
import {
  presentDraftSavedModal,
  presentDraftsDm,
  presentNoRetroHereModal,
} from '../../src/drafts/present-drafts.js';
import { MAX_ITEM_LENGTH } from '../../src/feedback/feedback-lines.js';
import { assertMessageLimits, assertModalLimits, blockTexts } from './block-kit-limits.js';

const hostile = '<!channel> *bold* & <https://evil.test|click> '.repeat(40);

function drafts(count: number): Draft[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    teamId: 'T1',
    channelId: 'C1',
    userId: 'U1',
    text: draftText(`${i} ${hostile}`),
    messageLink: `https://fake.slack.test/archives/C1/p17000000000${i}`,
    createdAt: new Date('2026-11-24T15:00:00Z'),
  }));
}

describe('saved messages', () => {
  it('keeps a saved message within one feedback item', () => {
    expect(draftText(`  ${'x'.repeat(MAX_ITEM_LENGTH + 50)}  `)).toHaveLength(MAX_ITEM_LENGTH);
    expect(draftText('  a line  ')).toBe('a line');
  });

  it('lists many hostile drafts within Slack’s limits, escaped, ten at a time', () => {
    const dm = presentDraftsDm({
      retroTitle: 'Q4 *launch*',
      channelId: 'C1',
      collecting: true,
      drafts: drafts(25),
    });
    assertMessageLimits(dm);
    const text = blockTexts(dm.blocks).join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('…and 15 more');
    const buttons = dm.blocks.filter((b) => b.type === 'actions');
    expect(buttons).toHaveLength(10);
  });

  it('offers only Discard once feedback is closed, and says what is left', () => {
    const closed = presentDraftsDm({
      retroTitle: 'Q4',
      channelId: 'C1',
      collecting: false,
      drafts: drafts(1),
    });
    const ids = closed.blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => e.action_id) : [],
    );
    expect(ids).toEqual(['retro_draft_discard']);
    const empty = presentDraftsDm({ retroTitle: 'Q4', channelId: 'C1', collecting: true, drafts: [] });
    expect(empty.text).toContain('Nothing left');
  });

  it('answers the shortcut in small modals within Slack’s limits', () => {
    assertModalLimits(presentDraftSavedModal({ channelId: 'C1', startsOn: 'Fri, Nov 27, 16:00' }));
    assertModalLimits(presentDraftSavedModal({ channelId: 'C1' }));
    assertModalLimits(presentNoRetroHereModal('C1'));
  });
});

import { describe, expect, it } from 'vitest';
import { INPUT } from '../../src/slack/ids.js';
import {
  presentBallotSavedModal,
  presentVoteModal,
  VOTE_OPTIONS_PER_SELECT,
} from '../../src/voting/present-vote-modal.js';
import { VOTING_IDS } from '../../src/voting/voting.ids.js';
import { sampleRetro } from '../fixtures/retro.js';
import { assertModalLimits, blockTexts, sampleItems } from './block-kit-limits.js';

const retro = sampleRetro({ phase: 'voting', deadlineAt: null, facilitatorIds: [], cardTs: '1.2' });

const selectsOf = (view: { blocks: unknown[] }) =>
  (view.blocks as any[]).filter(
    (b) => b.type === 'input' && b.block_id.startsWith(`${VOTING_IDS.blocks.votes}_`),
  );
const optionsOf = (select: any): any[] => select.element.option_groups.flatMap((g: any) => g.options);

describe('presentVoteModal', () => {
  const items = sampleItems(300).map(({ id, section, body }) => ({ id, section, body }));
  const current = [items[5]?.id, items[150]?.id, items[299]?.id].filter((x): x is string => Boolean(x));
  const view = presentVoteModal({ retro, items, currentVoteIds: current, metadata: '{"retroId":"retro-1"}' });
  const selects = selectsOf(view);

  it('needs three selects for 300 items and stays within the modal limits', () => {
    expect(VOTE_OPTIONS_PER_SELECT).toBe(100);
    expect(selects.map((s) => s.block_id)).toEqual(['votes_0', 'votes_1', 'votes_2']);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    assertModalLimits(view);
    expect(view.callback_id).toBe(VOTING_IDS.view);
    expect(view.private_metadata).toBe('{"retroId":"retro-1"}');
    expect(view.submit?.text).toBe('Save votes');
  });

  it('offers every item exactly once, with the item id as value and a short text', () => {
    const options = selects.flatMap(optionsOf);
    expect(options.map((o) => o.value).sort()).toEqual(items.map((i) => i.id).sort());
    for (const s of selects) expect(optionsOf(s).length).toBeLessThanOrEqual(100);
    for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(75);
    const long = options.find((o) => o.value === items[0]?.id);
    expect(long?.text.text.endsWith('…')).toBe(true);
  });

  it('configures each select as an optional multi-select capped at the budget', () => {
    for (const s of selects) {
      expect(s.optional).toBe(true);
      expect(s.element.type).toBe('multi_static_select');
      expect(s.element.action_id).toBe(INPUT);
      expect(s.element.max_selected_items).toBe(3);
    }
  });

  it('groups options by section in template order', () => {
    const labels = selects.map((s) => s.element.option_groups.map((g: any) => g.label.text));
    expect(labels).toEqual([['🌱 Start'], ['🌱 Start', '🛑 Stop'], ['🛑 Stop', '🔁 Continue']]);
  });

  it('pre-selects the current votes in the select that holds them, and omits the key elsewhere', () => {
    const initial = selects.map((s) => (s.element.initial_options ?? []).map((o: any) => o.value));
    expect(initial.flat().sort()).toEqual([...current].sort());
    for (const s of selects) {
      if (s.element.initial_options !== undefined)
        expect(s.element.initial_options.length).toBeGreaterThan(0);
    }
  });

  it('explains the budget and anonymity, and where the full texts are', () => {
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain(
      'You have 3 votes. Pick the items the team should talk about. Nobody sees who voted for what, and totals stay hidden until voting ends.',
    );
    expect(text.match(/Full texts are in the retro thread\./g)).toHaveLength(3);
  });

  it('uses a single "Your votes" select for a small retro', () => {
    const small = presentVoteModal({
      retro: { ...retro, voteBudget: 1 },
      items: items.slice(0, 10),
      currentVoteIds: [],
      metadata: 'm',
    });
    const [only, ...rest] = selectsOf(small);
    expect(rest).toEqual([]);
    expect(only.label.text).toBe('Your votes');
    expect(only.element.initial_options).toBeUndefined();
    expect(blockTexts(small.blocks).join('\n')).toContain('You have 1 vote.');
    assertModalLimits(small);
  });

  it('never pre-selects more than the budget', () => {
    const many = presentVoteModal({ retro, items, currentVoteIds: items.map((i) => i.id), metadata: 'm' });
    const total = selectsOf(many).reduce((n, s) => n + (s.element.initial_options?.length ?? 0), 0);
    expect(total).toBe(3);
    assertModalLimits(many);
  });

  it('stays within 100 blocks even with thousands of items, and says not all fit', () => {
    const huge = sampleItems(6000).map(({ id, section, body }) => ({ id, section, body }));
    const big = presentVoteModal({ retro, items: huge, currentVoteIds: [], metadata: 'm' });
    expect(big.blocks.length).toBeLessThanOrEqual(100);
    assertModalLimits(big);
    expect(blockTexts(big.blocks).join('\n')).toMatch(/Only the first \d+ of 6000 items fit in this form\./);
  });

  it('says there is nothing to vote on, without a submit button, when there are no items', () => {
    const empty = presentVoteModal({ retro, items: [], currentVoteIds: [], metadata: 'm' });
    expect(empty.submit).toBeUndefined();
    expect(selectsOf(empty)).toEqual([]);
    expect(blockTexts(empty.blocks).join('\n')).toContain('There is nothing to vote on');
    assertModalLimits(empty);
  });
});

describe('presentBallotSavedModal', () => {
  const textOf = (view: { blocks: unknown[] }) => blockTexts(view.blocks).join('\n');

  it('says how many votes are saved and that they can change until voting ends', () => {
    const view = presentBallotSavedModal({ retroTitle: 'Q3 launch', votes: 3, budget: 3 });
    assertModalLimits(view);
    expect(view.title.text).toBe('Votes saved');
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('Done');
    expect(textOf(view)).toContain(
      'Your 3 votes on *Q3 launch* are saved; you can change them until voting ends.',
    );
    expect(textOf(view)).not.toContain('left');
    expect(textOf(view)).toContain('Nobody sees who voted for what');
  });

  it('counts one vote in the singular and says how many are left', () => {
    const text = textOf(presentBallotSavedModal({ retroTitle: 'Q3 launch', votes: 1, budget: 3 }));
    expect(text).toContain('Your 1 vote on *Q3 launch* is saved; you can change it until voting ends.');
    expect(text).toContain('You have 2 votes left.');
  });

  it('says so when the ballot now holds no votes', () => {
    const view = presentBallotSavedModal({ retroTitle: 'Q3 launch', votes: 0, budget: 3 });
    assertModalLimits(view);
    expect(textOf(view)).toContain('You have no votes on *Q3 launch* now; you can vote until voting ends.');
    expect(textOf(view)).not.toContain('saved;');
  });

  it('escapes the retro title', () => {
    const text = textOf(
      presentBallotSavedModal({ retroTitle: '<!channel> *big* & co', votes: 2, budget: 3 }),
    );
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });
});

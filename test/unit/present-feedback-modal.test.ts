import { describe, expect, it } from 'vitest';
import { FEEDBACK_IDS } from '../../src/feedback/feedback.ids.js';
import {
  presentEditFeedbackModal,
  presentFeedbackModal,
  presentFeedbackSavedModal,
  presentMyFeedbackModal,
} from '../../src/feedback/present-feedback-modal.js';
import { ANONYMOUS } from '../../src/retro/retro.ids.js';
import type { Retro } from '../../src/retro/retro.js';
import { INPUT } from '../../src/slack/ids.js';
import { sampleRetro } from '../fixtures/retro.js';
import { assertModalLimits, blockTexts } from './block-kit-limits.js';

const retro = (overrides: Partial<Retro> = {}): Retro =>
  sampleRetro({ deadlineAt: null, facilitatorIds: [], ...overrides });

const byId = (view: { blocks: unknown[] }, id: string): any =>
  (view.blocks as any[]).find((b) => b.block_id === id);

describe('presentFeedbackModal', () => {
  it('has one optional multi-line field per section of the template', () => {
    const view = presentFeedbackModal({
      retro: retro({ template: 'swot' }),
      metadata: '{"retroId":"retro-1"}',
    });
    assertModalLimits(view);
    expect(view.callback_id).toBe(FEEDBACK_IDS.views.feedback);
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([
      'Add feedback',
      'Submit',
      'Cancel',
    ]);
    expect(view.private_metadata).toBe('{"retroId":"retro-1"}');
    const inputs = (view.blocks as any[]).filter((b) => b.type === 'input' && b.block_id !== ANONYMOUS.block);
    expect(inputs.map((b) => [b.block_id, b.label.text, b.element.placeholder.text])).toEqual([
      ['section_strengths', '💪 Strengths', 'What gave us an edge?'],
      ['section_weaknesses', '🩹 Weaknesses', 'Where did we fall short?'],
      ['section_opportunities', '🚀 Opportunities', 'What could we take advantage of?'],
      ['section_threats', '⚡ Threats', 'What could hurt us next time?'],
    ]);
    for (const b of inputs) {
      expect(b.optional).toBe(true);
      expect(b.element).toMatchObject({
        type: 'plain_text_input',
        action_id: INPUT,
        multiline: true,
        max_length: 3000,
      });
      expect(b.hint.text).toBe(
        'Start each item with “-” or leave a blank line between items; a line without either continues the item above (up to 500 characters each).',
      );
    }
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain('*Q3 launch*');
    expect(text).toContain('Nobody sees your items until a facilitator reveals them.');
  });

  it('pre-checks "Submit anonymously" from the retro and says what it means', () => {
    const on = byId(presentFeedbackModal({ retro: retro(), metadata: '' }), ANONYMOUS.block);
    expect(on.optional).toBe(true);
    expect(on.element.options[0]).toMatchObject({ value: 'anonymous', text: { text: 'Submit anonymously' } });
    expect(on.element.initial_options).toEqual(on.element.options);
    expect(on.hint.text).toBe(
      'Stored with no author at all: nobody, not even facilitators, can see who wrote it.',
    );
    const off = byId(
      presentFeedbackModal({ retro: retro({ anonymousDefault: false }), metadata: '' }),
      ANONYMOUS.block,
    );
    expect('initial_options' in off.element).toBe(false);
  });

  it('escapes the title', () => {
    const view = presentFeedbackModal({ retro: retro({ title: '<script>&' }), metadata: '' });
    expect(blockTexts(view.blocks).join('\n')).toContain('*&lt;script&gt;&amp;*');
  });
});

describe('presentFeedbackSavedModal', () => {
  const items = [{ sectionLabel: 'Start' }, { sectionLabel: 'Stop <now>' }, { sectionLabel: 'Start' }];

  it('thanks, counts the items per section and explains editing for attributed items', () => {
    const view = presentFeedbackSavedModal({ retroTitle: 'Q3 <launch>', anonymous: false, items });
    assertModalLimits(view);
    expect(view.title.text).toBe('Feedback saved');
    expect(view.submit).toBeUndefined();
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain(
      'Thanks! You added 3 items to *Q3 &lt;launch&gt;* with your name: *Start* 2 · *Stop &lt;now&gt;* 1.',
    );
    expect(text).toContain('Nobody sees them until a facilitator reveals them.');
    expect(text).toContain('You can edit or withdraw them with *My feedback* until the reveal.');
  });

  it('says anonymous items cannot be edited or withdrawn', () => {
    const view = presentFeedbackSavedModal({
      retroTitle: 'Q3 launch',
      anonymous: true,
      items: items.slice(0, 1),
    });
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain('Thanks! You added 1 item to *Q3 launch* anonymously: *Start* 1.');
    expect(text).toContain(
      "Anonymous items can't be edited or withdrawn — not even by you — because nothing links them to you.",
    );
    expect(text).not.toContain('My feedback');
  });

  it('says so when every field was empty', () => {
    const view = presentFeedbackSavedModal({ retroTitle: 'Q3 launch', anonymous: true, items: [] });
    assertModalLimits(view);
    expect(blockTexts(view.blocks).join('\n')).toBe(
      'Nothing was added to *Q3 launch*: every field was empty.',
    );
  });
});

describe('presentMyFeedbackModal', () => {
  const items = [
    { id: 'i1', section: 'start', body: 'Brief sales earlier' },
    { id: 'i2', section: 'stop', body: 'Late <reviews>' },
  ];

  it('lists the items with Edit and a confirmed Withdraw, and the anonymous note last', () => {
    const view = presentMyFeedbackModal({ retro: retro(), items });
    assertModalLimits(view);
    expect(view.callback_id).toBe(FEEDBACK_IDS.views.myFeedback);
    expect(view.title.text).toBe('My feedback');
    expect(view.close?.text).toBe('Done');
    expect(view.submit).toBeUndefined();
    const buttons = (view.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    expect(buttons.map((b: any) => `${b.action_id}:${b.value}`)).toEqual([
      `${FEEDBACK_IDS.actions.edit}:i1`,
      `${FEEDBACK_IDS.actions.withdraw}:i1`,
      `${FEEDBACK_IDS.actions.edit}:i2`,
      `${FEEDBACK_IDS.actions.withdraw}:i2`,
    ]);
    for (const b of buttons.filter((x: any) => x.action_id === FEEDBACK_IDS.actions.withdraw)) {
      expect(b.style).toBe('danger');
      expect(b.confirm).toBeDefined();
    }
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain('*Stop*\nLate &lt;reviews&gt;');
    expect(blockTexts(view.blocks).at(-1)).toBe('Anonymous items are not listed: nothing links them to you.');
  });

  it('has a clear empty state', () => {
    const view = presentMyFeedbackModal({ retro: retro(), items: [] });
    assertModalLimits(view);
    expect(blockTexts(view.blocks).at(-1)).toBe(
      'You have no items with your name in this retro. (Anonymous items are not listed: nothing links them to you.)',
    );
  });

  it('shows no buttons once collecting is over', () => {
    const view = presentMyFeedbackModal({ retro: retro({ phase: 'voting' }), items });
    expect((view.blocks as any[]).filter((b) => b.type === 'actions')).toEqual([]);
    expect(blockTexts(view.blocks).join('\n')).toContain('can no longer be edited or withdrawn');
  });

  it('keeps within 100 blocks with many items and says how many are shown', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ id: `i${i}`, section: 'start', body: `Item ${i}` }));
    const view = presentMyFeedbackModal({ retro: retro(), items: many });
    assertModalLimits(view);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts = blockTexts(view.blocks);
    expect(texts.join('\n')).toMatch(/Showing 48 of 80 items\./);
    expect(texts.at(-1)).toBe('Anonymous items are not listed: nothing links them to you.');
  });
});

describe('presentEditFeedbackModal', () => {
  it('pre-fills the item in a single field', () => {
    const view = presentEditFeedbackModal({
      body: 'Brief sales earlier',
      sectionLabel: 'Start',
      metadata: '{"i":"i1"}',
    });
    assertModalLimits(view);
    expect(view.callback_id).toBe(FEEDBACK_IDS.views.edit);
    expect([view.title.text, view.submit?.text]).toEqual(['Edit item', 'Save']);
    expect(view.private_metadata).toBe('{"i":"i1"}');
    expect(view.blocks).toHaveLength(1);
    const block = byId(view, FEEDBACK_IDS.blocks.text);
    expect(block.label.text).toBe('Start');
    expect(block.element).toMatchObject({
      type: 'plain_text_input',
      action_id: INPUT,
      initial_value: 'Brief sales earlier',
      max_length: 500,
    });
  });
});

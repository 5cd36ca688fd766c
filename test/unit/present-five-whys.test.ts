import { describe, expect, it } from 'vitest';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import type { FiveWhys } from '../../src/five-whys/five-whys.repository.js';
import { presentFiveWhysMessage, presentFiveWhysModal } from '../../src/five-whys/present-five-whys.js';
import { assertMessageLimits, assertModalLimits, blockTexts } from './block-kit-limits.js';

const IDS = FIVE_WHYS_IDS;

function chain(overrides: Partial<FiveWhys> = {}): FiveWhys {
  return {
    id: '00000000-0000-4000-8000-000000000005',
    teamId: 'T1',
    retroId: 'R1',
    channelId: 'C1',
    sourceType: 'item',
    sourceId: null,
    sourceLabel: 'Stop: launching without a legal review',
    problem: 'The launch slipped a week',
    whys: ['Legal found issues late', 'Legal saw the copy on launch day', 'No review step in the checklist'],
    rootCause: 'The launch checklist has no legal review',
    createdBy: 'U_AUTHOR',
    messageTs: null,
    createdAt: new Date('2026-11-23T10:00:00Z'),
    updatedAt: new Date('2026-11-23T10:00:00Z'),
    ...overrides,
  };
}

describe('the Five Whys modal', () => {
  it('has Problem (pre-filled), Why 1 (required) to Why 5 (optional) and Root cause', () => {
    const view = presentFiveWhysModal({
      problem: 'MQLs: 120 of 200',
      source: 'KPI *MQLs*',
      metadata: 'sealed',
    });
    assertModalLimits(view);
    expect(view.callback_id).toBe(IDS.view);
    const inputs = (view.blocks as any[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.label.text, b.optional])).toEqual([
      [IDS.blocks.problem, 'Problem', false],
      [IDS.blocks.why(1), 'Why 1', false],
      [IDS.blocks.why(2), 'Why 2', true],
      [IDS.blocks.why(3), 'Why 3', true],
      [IDS.blocks.why(4), 'Why 4', true],
      [IDS.blocks.why(5), 'Why 5', true],
      [IDS.blocks.rootCause, 'Root cause', false],
    ]);
    expect(inputs[0].element.initial_value).toBe('MQLs: 120 of 200');
  });

  it('pre-fills an edit, and cuts a long pre-filled problem to the field', () => {
    const edit = presentFiveWhysModal({ problem: 'ignored', chain: chain(), metadata: 'm' });
    assertModalLimits(edit);
    const values = (edit.blocks as any[])
      .filter((b) => b.type === 'input')
      .map((b) => b.element.initial_value);
    expect(values).toEqual([
      'The launch slipped a week',
      'Legal found issues late',
      'Legal saw the copy on launch day',
      'No review step in the checklist',
      undefined,
      undefined,
      'The launch checklist has no legal review',
    ]);
    assertModalLimits(presentFiveWhysModal({ problem: 'x'.repeat(2000), metadata: 'm' }));
  });
});

describe('the chain in the thread', () => {
  it('reads problem → why → … → root cause, with the two buttons', () => {
    const message = presentFiveWhysMessage(chain());
    assertMessageLimits(message);
    const text = blockTexts(message.blocks).join('\n');
    expect(text).toContain('*Five Whys* by <@U_AUTHOR> on _Stop: launching without a legal review_');
    const order = ['*Problem:*', '*Why 1:*', '*Why 2:*', '*Why 3:*', '*Root cause:*'].map((l) =>
      text.indexOf(l),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(text).not.toContain('Why 4');
    const buttons = (message.blocks as any[]).find((b) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.action_id, b.value, b.text.text])).toEqual([
      [IDS.actions.toActionItem, chain().id, 'Turn root cause into an action item'],
      [IDS.actions.edit, chain().id, 'Edit'],
    ]);
  });

  it('escapes everything typed, and stays within limits at full length', () => {
    const hostile = '<!channel> <https://evil.example|x> & ';
    const long = (n: number) => hostile.repeat(20).slice(0, n);
    const message = presentFiveWhysMessage(
      chain({
        problem: long(500),
        whys: [long(300), long(300), long(300), long(300), long(300)],
        rootCause: long(300),
        sourceLabel: hostile,
        updatedAt: new Date('2026-11-23T11:00:00Z'),
      }),
    );
    assertMessageLimits(message);
    const text = blockTexts(message.blocks).join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).toContain('edited');
    expect(message.text).not.toContain('<!channel>');
  });
});

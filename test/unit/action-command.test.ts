import { describe, expect, it } from 'vitest';
import { parseActionCommand } from '../../src/action-items/action-command.js';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';

const B = ACTION_ITEM_IDS.blocks;
const TODAY = '2026-11-23'; // a Monday

describe('parseActionCommand: complete drafts, no modal needed', () => {
  it.each([
    [
      'Update the launch checklist <@U123|maria> due 2026-12-01',
      { text: 'Update the launch checklist', ownerId: 'U123', dueDate: '2026-12-01' },
    ],
    ['Ship it <@U123> due tomorrow', { text: 'Ship it', ownerId: 'U123', dueDate: '2026-11-24' }],
    ['Ship it <@W9ZZ|li.wei> due next monday', { text: 'Ship it', ownerId: 'W9ZZ', dueDate: '2026-11-30' }],
    ['Ship it due in 2 weeks <@U123|maria>', { text: 'Ship it', ownerId: 'U123', dueDate: '2026-12-07' }],
    ['Ship it <@U123|maria> DUE today', { text: 'Ship it', ownerId: 'U123', dueDate: TODAY }],
    [
      'Check the due diligence with <@U1|ana> <@U2|ben> due next friday',
      { text: 'Check the due diligence with @ana', ownerId: 'U2', dueDate: '2026-11-27' },
    ],
    ['Q&amp;A deck &lt;v2&gt; <@U1> due today', { text: 'Q&A deck <v2>', ownerId: 'U1', dueDate: TODAY }],
  ])('%s', (rest, draft) => {
    expect(parseActionCommand(rest, TODAY)).toEqual({ complete: true, draft });
  });
});

describe('parseActionCommand: partial drafts for the modal, never a guess', () => {
  it.each([
    [
      'no owner',
      'Update the checklist due 2026-12-01',
      { text: 'Update the checklist', ownerId: null, dueDate: '2026-12-01' },
      [],
    ],
    [
      'no due date',
      'Update the checklist <@U1|ana>',
      { text: 'Update the checklist', ownerId: 'U1', dueDate: null },
      [],
    ],
    ['nothing at all', '', { text: '', ownerId: null, dueDate: null }, []],
    [
      'only an owner and a date',
      '<@U1> due tomorrow',
      { text: '', ownerId: 'U1', dueDate: '2026-11-24' },
      [],
    ],
    [
      'an unreadable date (kept in the text)',
      'something due someday',
      { text: 'something due someday', ownerId: null, dueDate: null },
      [B.due],
    ],
    [
      'an unreadable date with an owner',
      'something <@U1|ana> due whenever',
      { text: 'something due whenever', ownerId: 'U1', dueDate: null },
      [B.due],
    ],
    ['a past date', 'Fix it <@U1> due 2026-11-01', { text: 'Fix it', ownerId: 'U1', dueDate: null }, [B.due]],
    [
      'an impossible date',
      'Fix it <@U1> due 2026-02-30',
      { text: 'Fix it due 2026-02-30', ownerId: 'U1', dueDate: null },
      [B.due],
    ],
    [
      'a typed name instead of a mention',
      'Fix it @maria due tomorrow',
      { text: 'Fix it @maria', ownerId: null, dueDate: '2026-11-24' },
      [B.owner],
    ],
    [
      'a mention in the middle only',
      'Ask <@U1|ana> about budget',
      { text: 'Ask @ana about budget', ownerId: null, dueDate: null },
      [B.owner],
    ],
  ])('%s', (_name, rest, draft, hinted) => {
    const result = parseActionCommand(rest, TODAY);
    expect(result.complete).toBe(false);
    if (result.complete) return;
    expect(result.draft).toEqual(draft);
    expect(Object.keys(result.hints).sort()).toEqual([...hinted].sort());
  });

  it('quotes what it could not read in the hint', () => {
    const result = parseActionCommand('something due someday', TODAY);
    expect(result.complete ? '' : result.hints[B.due]).toContain('"someday"');
  });

  it('cuts a text over 300 characters for the modal and says so', () => {
    const result = parseActionCommand(`${'x'.repeat(301)} <@U1> due tomorrow`, TODAY);
    expect(result.complete).toBe(false);
    if (result.complete) return;
    expect(result.draft.text).toHaveLength(300);
    expect(result.hints[B.text]).toContain('301');
  });

  it('a 300-character text is fine', () => {
    expect(parseActionCommand(`${'x'.repeat(300)} <@U1> due tomorrow`, TODAY).complete).toBe(true);
  });
});

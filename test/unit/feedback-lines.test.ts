import { describe, expect, it } from 'vitest';
import {
  MAX_ITEM_LENGTH,
  MAX_ITEMS_PER_SECTION,
  parseFeedbackLines,
  parseSingleItem,
  parseSubmission,
} from '../../src/feedback/feedback-lines.js';

describe('parseFeedbackLines', () => {
  it('separates items by blank lines, trimmed', () => {
    expect(parseFeedbackLines('  Ship earlier  \n\n   \r\nTalk to sales first\n')).toEqual({
      ok: true,
      items: ['Ship earlier', 'Talk to sales first'],
    });
  });

  it('keeps a thought that wraps over lines as one item (the weakness that was cut in three)', () => {
    const weakness = [
      'Legal review held the launch page for two weeks',
      'and the landing page went live after the webinar',
      '(legal review alone took 9 days)',
    ].join('\n');
    expect(parseFeedbackLines(weakness)).toEqual({
      ok: true,
      items: [
        'Legal review held the launch page for two weeks and the landing page went live after the webinar (legal review alone took 9 days)',
      ],
    });
  });

  it('keeps a list a list, with markers dropped and wrapped lines joined to their item', () => {
    const list = [
      '- Ship earlier',
      '  so sales can prepare',
      '* Talk to sales first',
      '1. Fix the form',
      '2) Retarget',
    ];
    expect(parseFeedbackLines(list.join('\n'))).toEqual({
      ok: true,
      items: ['Ship earlier so sales can prepare', 'Talk to sales first', 'Fix the form', 'Retarget'],
    });
  });

  it('starts a new item after a blank line even without a marker', () => {
    expect(parseFeedbackLines('- One\ntwo\n\nThree\nfour')).toEqual({
      ok: true,
      items: ['One two', 'Three four'],
    });
  });

  it.each([
    ['- Ship earlier', 'Ship earlier'],
    ['* Ship earlier', 'Ship earlier'],
    ['• Ship earlier', 'Ship earlier'],
    ['1. Ship earlier', 'Ship earlier'],
    ['12) Ship earlier', 'Ship earlier'],
    ['   -   Ship earlier', 'Ship earlier'],
    ['-5% churn was great', '-5% churn was great'],
    ['2.5k signups beat the plan', '2.5k signups beat the plan'],
    ['*bold* claim', '*bold* claim'],
  ])('turns %j into %j', (line, item) => {
    expect(parseFeedbackLines(line)).toEqual({ ok: true, items: [item] });
  });

  it('drops a line that is only a bullet', () => {
    expect(parseFeedbackLines('- \n- Real item')).toEqual({ ok: true, items: ['Real item'] });
  });

  it.each([null, undefined, '', '\n  \n\t\n'])('treats %j as no items', (text) => {
    expect(parseFeedbackLines(text)).toEqual({ ok: true, items: [] });
  });

  it('accepts an item of exactly 500 characters and exactly 50 items', () => {
    expect(parseFeedbackLines('x'.repeat(MAX_ITEM_LENGTH))).toEqual({ ok: true, items: ['x'.repeat(500)] });
    const fifty = Array.from({ length: MAX_ITEMS_PER_SECTION }, (_, i) => `- Item ${i}`).join('\n');
    expect(parseFeedbackLines(fifty)).toMatchObject({ ok: true, items: { length: 50 } });
  });

  it('counts an emoji as one character', () => {
    const text = '🎉'.repeat(MAX_ITEM_LENGTH);
    expect(parseFeedbackLines(text)).toEqual({ ok: true, items: [text] });
  });

  it.each([
    [
      'a 501-character item, naming it',
      `First\n\n${'x'.repeat(501)}`,
      `Item 2 (“${'x'.repeat(501)}”) is 501 characters; keep each item to 500 or fewer.`,
    ],
    [
      'two long items',
      `- ${'x'.repeat(600)}\n- ok\n- ${'y'.repeat(501)}`,
      `Item 1 (“${'x'.repeat(600)}”) is 600 characters; keep each item to 500 or fewer. Item 3 is too long as well.`,
    ],
    [
      'three long items',
      `${'x'.repeat(501)}\n\n${'y'.repeat(502)}\n\n${'z'.repeat(503)}`,
      `Item 1 (“${'x'.repeat(501)}”) is 501 characters; keep each item to 500 or fewer. Items 2 and 3 are too long as well.`,
    ],
    [
      'a thought whose lines add up to more than 500 characters',
      `${'x'.repeat(300)}\n${'y'.repeat(300)}`,
      `Item 1 (“${'x'.repeat(300)} ${'y'.repeat(300)}”) is 601 characters; keep each item to 500 or fewer.`,
    ],
    [
      '51 items',
      Array.from({ length: 51 }, (_, i) => `- Item ${i}`).join('\n'),
      "That's 51 items; a section takes at most 50. Try merging a few.",
    ],
  ])('rejects %s', (_name, text, error) => {
    expect(parseFeedbackLines(text)).toEqual({ ok: false, error });
  });
});

describe('parseSubmission', () => {
  const sections = ['start', 'stop', 'continue'];
  it('collects every section’s items, in section order', () => {
    const texts: Record<string, string> = { start: '- a\n- b', continue: 'c' };
    expect(parseSubmission(sections, (id) => texts[id])).toEqual({
      ok: true,
      items: [
        { section: 'start', body: 'a' },
        { section: 'start', body: 'b' },
        { section: 'continue', body: 'c' },
      ],
    });
  });

  it.each([
    ['nothing at all', {}, { start: 'Add at least one item in any section.' }],
    [
      'a 501-character item',
      { stop: 'x'.repeat(501) },
      { stop: `Item 1 (“${'x'.repeat(501)}”) is 501 characters; keep each item to 500 or fewer.` },
    ],
  ])('reports %s on the right section', (_name, texts: Record<string, string>, errors) => {
    expect(parseSubmission(sections, (id) => texts[id])).toEqual({ ok: false, errors });
  });
});

describe('parseSingleItem', () => {
  it.each([
    ['  Ship earlier  ', { ok: true, body: 'Ship earlier' }],
    ['', { ok: false, error: expect.stringContaining('exactly one item') }],
    ['one\ntwo', { ok: true, body: 'one two' }],
    ['- one\n- two', { ok: false, error: expect.stringContaining('exactly one item') }],
    ['one\n\ntwo', { ok: false, error: expect.stringContaining('exactly one item') }],
    ['y'.repeat(501), { ok: false, error: expect.stringContaining('501 characters') }],
  ])('%j', (text, expected) => {
    expect(parseSingleItem(text)).toEqual(expected);
  });
});

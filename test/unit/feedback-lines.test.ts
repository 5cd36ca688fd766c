import { describe, expect, it } from 'vitest';
import {
  MAX_ITEM_LENGTH,
  MAX_ITEMS_PER_SECTION,
  parseFeedbackLines,
  parseSingleItem,
  parseSubmission,
} from '../../src/feedback/feedback-lines.js';

describe('parseFeedbackLines', () => {
  it('takes one trimmed item per line and ignores blank lines', () => {
    expect(parseFeedbackLines('  Ship earlier  \n\n   \r\nTalk to sales first\n')).toEqual({
      ok: true,
      items: ['Ship earlier', 'Talk to sales first'],
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
    const fifty = Array.from({ length: MAX_ITEMS_PER_SECTION }, (_, i) => `Item ${i}`).join('\n');
    expect(parseFeedbackLines(fifty)).toMatchObject({ ok: true, items: { length: 50 } });
  });

  it('counts an emoji as one character', () => {
    const text = '🎉'.repeat(MAX_ITEM_LENGTH);
    expect(parseFeedbackLines(text)).toEqual({ ok: true, items: [text] });
  });

  it.each([
    [
      'a 501-character item, naming its line',
      `First\n\n${'x'.repeat(501)}`,
      'Line 3 is 501 characters; keep each item to 500 or fewer.',
    ],
    [
      'two long items',
      `${'x'.repeat(600)}\nok\n${'y'.repeat(501)}`,
      'Line 1 is 600 characters; keep each item to 500 or fewer. Line 3 is too long as well.',
    ],
    [
      'three long items',
      `${'x'.repeat(501)}\n${'y'.repeat(502)}\n${'z'.repeat(503)}`,
      'Line 1 is 501 characters; keep each item to 500 or fewer. Lines 2 and 3 are too long as well.',
    ],
    [
      '51 items',
      Array.from({ length: 51 }, (_, i) => `Item ${i}`).join('\n'),
      "That's 51 items; a section takes at most 50. Try merging a few.",
    ],
  ])('rejects %s', (_name, text, error) => {
    expect(parseFeedbackLines(text)).toEqual({ ok: false, error });
  });
});

describe('parseSubmission', () => {
  const sections = ['start', 'stop', 'continue'];
  it('collects every section’s items, in section order', () => {
    const texts: Record<string, string> = { start: 'a\nb', continue: 'c' };
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
    ['nothing at all', {}, { start: 'Add at least one item: write one per line in any section.' }],
    [
      'a 501-character item',
      { stop: 'x'.repeat(501) },
      { stop: 'Line 1 is 501 characters; keep each item to 500 or fewer.' },
    ],
  ])('reports %s on the right section', (_name, texts: Record<string, string>, errors) => {
    expect(parseSubmission(sections, (id) => texts[id])).toEqual({ ok: false, errors });
  });
});

describe('parseSingleItem', () => {
  it.each([
    ['  Ship earlier  ', { ok: true, body: 'Ship earlier' }],
    ['', { ok: false, error: expect.stringContaining('exactly one item') }],
    ['one\ntwo', { ok: false, error: expect.stringContaining('exactly one item') }],
    ['y'.repeat(501), { ok: false, error: expect.stringContaining('501 characters') }],
  ])('%j', (text, expected) => {
    expect(parseSingleItem(text)).toEqual(expected);
  });
});

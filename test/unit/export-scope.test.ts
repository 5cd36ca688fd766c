import { describe, expect, it } from 'vitest';
import { exportScope, markdownText } from '../../src/summary/summary.js';

describe('what an export may show', () => {
  const revealed = new Date('2026-11-20T10:00:00Z');
  it.each([
    ['collecting', null, 'nothing_yet'],
    ['cancelled', null, 'nothing_yet'],
    ['cancelled', revealed, 'everything'],
    ['voting', revealed, 'without_votes'],
    ['discussing', revealed, 'everything'],
    ['closed', null, 'everything'],
  ] as const)('%s (revealed %s): %s', (phase, revealedAt, scope) => {
    expect(exportScope({ phase, revealedAt })).toBe(scope);
  });
});

describe('typed text in the Markdown export', () => {
  // Shown as typed: only what a Markdown viewer would turn into a hidden link or a tag is marked.
  it.each([
    ['<!channel> now', '\\<!channel> now'],
    ['<https://evil.example|click>', '\\<https://evil.example|click>'],
    ['[docs](https://evil.example)', '\\[docs](https://evil.example)'],
    ['visit www.evil.example', 'visit www.evil.example'],
    ['**bold** and `code`', '**bold** and `code`'],
    ['~200 leads & 3 demos', '~200 leads & 3 demos'],
    ['two\nlines', 'two lines'],
  ])('%j is shown as typed', (typed, escaped) => {
    expect(markdownText(typed)).toBe(escaped);
  });
});

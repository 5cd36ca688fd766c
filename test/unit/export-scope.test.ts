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
  it.each([
    ['<!channel> now', '&lt;\\!channel&gt; now'],
    ['<https://evil.example|click>', '&lt;https\\://evil.example\\|click&gt;'],
    ['[docs](https://evil.example)', '\\[docs\\]\\(https\\://evil.example\\)'],
    ['visit www.evil.example', 'visit www\\.evil.example'],
    ['**bold** and `code`', '\\*\\*bold\\*\\* and \\`code\\`'],
    ['two\nlines', 'two lines'],
  ])('%j is shown as typed', (typed, escaped) => {
    expect(markdownText(typed)).toBe(escaped);
  });
});

import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '../../src/slack/block-kit.js';
import { chunkLines, section, titledSections } from '../../src/slack/blocks.js';
import { splitIntoMessages } from '../../src/slack/messages.js';
import { bold, escapeMrkdwn, slackDate, truncate } from '../../src/slack/mrkdwn.js';

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis, within max', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 8).length).toBe(8);
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits an emoji or an escape sequence', () => {
    const cut = truncate('ab🚀cd', 4);
    expect(cut).toBe('ab…');
    expect(truncate('a &amp; b', 5)).toBe('a…');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes &, < and >', () => {
    expect(escapeMrkdwn('<script>&</script>')).toBe('&lt;script&gt;&amp;&lt;/script&gt;');
    expect(escapeMrkdwn('<!channel> <@U1>')).toBe('&lt;!channel&gt; &lt;@U1&gt;');
  });

  it('bold() escapes and drops asterisks that would end the bold early', () => {
    expect(bold('Q3 *big* <launch>')).toBe('*Q3 big &lt;launch&gt;*');
    expect(bold('***', 'Untitled')).toBe('*Untitled*');
  });
});

describe('chunkLines', () => {
  it('packs lines into chunks no longer than maxChars', () => {
    expect(chunkLines(['aaa', 'bbb', 'ccc'], 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(chunkLines(['aaa', 'bbb', 'ccc'], 11)).toEqual(['aaa\nbbb\nccc']);
    expect(chunkLines([], 10)).toEqual([]);
  });

  it('truncates a single over-long line', () => {
    const [only, ...rest] = chunkLines(['x'.repeat(5000)]);
    expect(rest).toEqual([]);
    expect(only?.length).toBe(3000);
    expect(only?.endsWith('…')).toBe(true);
  });

  it('keeps every line, in order, for many lines', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ${'y'.repeat(i % 97)}`);
    const chunks = chunkLines(lines);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(3000);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });

  it('titledSections repeats a "continued" heading on later blocks', () => {
    const blocks = titledSections('*Head*', ['z'.repeat(2000), 'w'.repeat(2000)], '*Head* (continued)');
    expect(blocks.map((b) => b.text?.text.split('\n')[0])).toEqual(['*Head*', '*Head* (continued)']);
    for (const b of blocks) expect(b.text?.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('splitIntoMessages', () => {
  const small = (i: number): KnownBlock => section(`block ${i}`);

  it('splits at 50 blocks by default and keeps the order', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => small(i));
    const messages = splitIntoMessages(blocks);
    expect(messages.map((m) => m.length)).toEqual([50, 50, 20]);
    expect(messages.flat()).toEqual(blocks);
  });

  it('honours a smaller maxBlocks', () => {
    expect(splitIntoMessages([small(1), small(2), small(3)], 2).map((m) => m.length)).toEqual([2, 1]);
  });

  it('also splits when the blocks would get too long for one message', () => {
    const big = Array.from({ length: 10 }, () => section('x'.repeat(2900)));
    const messages = splitIntoMessages(big);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(JSON.stringify(m).length).toBeLessThanOrEqual(12_000 + 10);
  });

  it('returns no messages for no blocks', () => {
    expect(splitIntoMessages([])).toEqual([]);
  });
});

describe('slackDate', () => {
  const date = new Date('2026-11-25T17:00:00Z');

  it('builds a date token with a UTC fallback', () => {
    expect(slackDate(date)).toBe('<!date^1795626000^{date_short_pretty} at {time}|2026-11-25 17:00 UTC>');
  });

  it('accepts another format and fallback', () => {
    expect(slackDate(date, '{date_short}', '2026-11-25')).toBe('<!date^1795626000^{date_short}|2026-11-25>');
  });
});

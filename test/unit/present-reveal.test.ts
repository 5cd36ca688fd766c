import { describe, expect, it } from 'vitest';
import { presentReveal } from '../../src/feedback/present-reveal.js';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { presentTopItems } from '../../src/summary/present-top-items.js';
import { composeSummary } from '../../src/summary/summary.js';
import { assertMessageLimits, blockTexts, sampleItems } from './block-kit-limits.js';

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length))
    count++;
  return count;
}

describe('presentReveal', () => {
  const items = sampleItems(300);
  const messages = presentReveal({ retroTitle: 'Q3 launch', template: 'start_stop_continue', items });
  const texts = messages.map((m) => blockTexts(m.blocks).join('\n'));
  const all = texts.join('\n');

  it('splits 300 long items into several messages, each within the limits', () => {
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) assertMessageLimits(m);
  });

  it('shows every item exactly once, uncut', () => {
    for (const item of items) expect(occurrences(all, escapeMrkdwn(item.body))).toBe(1);
    expect(all).not.toContain('<b>');
  });

  it('names authors of attributed items only', () => {
    for (const item of items) {
      const line = all.split('\n').find((l) => l.includes(escapeMrkdwn(item.body)));
      if (item.authorName === null) expect(line).toBe(`• ${escapeMrkdwn(item.body)}`);
      else expect(line).toBe(`• ${escapeMrkdwn(item.body)} — _${item.authorName}_`);
    }
    expect(occurrences(all, ' — _')).toBe(items.filter((i) => i.authorName !== null).length);
  });

  it('never shows an author for an anonymous item, even in a tiny reveal', () => {
    const [message] = presentReveal({
      retroTitle: 'Tiny',
      template: 'start_stop_continue',
      items: [{ id: 'a', section: 'start', body: 'Secret thought', authorName: null }],
    });
    const text = blockTexts(message?.blocks ?? []).join('\n');
    expect(text).toContain('• Secret thought\n');
    expect(text).not.toContain('Secret thought —');
    expect(text.split('\n').filter((l) => l.includes('Secret thought'))).toEqual(['• Secret thought']);
  });

  it('groups by section in template order and keeps the given order within a section', () => {
    const headings = [...all.matchAll(/^\*(\S+ \w+)\* \((\d+)\)$/gm)].map((m) => `${m[1]} (${m[2]})`);
    expect(headings).toEqual(['🌱 Start (172)', '🛑 Stop (86)', '🔁 Continue (42)']);
    const startOrder = items
      .filter((i) => i.section === 'start')
      .map((i) => all.indexOf(escapeMrkdwn(i.body)));
    expect(startOrder).toEqual([...startOrder].sort((a, b) => a - b));
    const lastStart = Math.max(...startOrder);
    const firstStop = Math.min(
      ...items.filter((i) => i.section === 'stop').map((i) => all.indexOf(escapeMrkdwn(i.body))),
    );
    expect(lastStart).toBeLessThan(firstStop);
  });

  it('opens with the intro and gives every message a plain fallback', () => {
    expect(texts[0]?.startsWith('*Feedback for Q3 launch* — revealed. Anonymous items have no name.')).toBe(
      true,
    );
    expect(messages[0]?.text).toBe('Feedback for Q3 launch — revealed: 300 items.');
    expect(messages[1]?.text).toBe(`Feedback for Q3 launch, continued (part 2 of ${messages.length})`);
  });

  it('says so when a section has no items, and lists unknown sections last', () => {
    const [message] = presentReveal({
      retroTitle: 'SWOT',
      template: 'swot',
      items: [
        { id: '1', section: 'threats', body: 'Competitor launch', authorName: 'Ana' },
        { id: '2', section: 'old_section', body: 'Legacy', authorName: null },
      ],
    });
    const text = blockTexts(message?.blocks ?? []).join('\n');
    expect(text).toContain('*💪 Strengths* (0)\n_No items._');
    expect(text).toContain('*⚡ Threats* (1)\n• Competitor launch — _Ana_');
    expect(text.indexOf('*old_section* (1)')).toBeGreaterThan(text.indexOf('Threats'));
  });

  it('escapes the title', () => {
    const [message] = presentReveal({ retroTitle: '<script>&', template: 'four_ls', items: [] });
    const text = blockTexts(message?.blocks ?? []).join('\n');
    expect(text).toContain('*Feedback for &lt;script&gt;&amp;*');
    expect(text).not.toContain('<script>');
    expect(message?.text).not.toContain('<script>');
    assertMessageLimits(message ?? { text: '', blocks: [] });
  });
});

describe('presentTopItems', () => {
  it('lists the top items with votes and no authors', () => {
    const summary = composeSummary({
      title: 'Q3 <launch>',
      kind: 'launch',
      template: 'start_stop_continue',
      closedAt: new Date('2026-11-23T14:05:00Z'),
      kpis: [],
      items: [
        { id: 's1', section: 'start', text: 'Brief sales earlier', anonymous: false, authorId: 'U_ANA' },
        { id: 's2', section: 'start', text: 'Customer quotes', anonymous: true, authorId: null },
      ],
      votes: new Map([
        ['s1', 1],
        ['s2', 4],
      ]),
      participantCount: 2,
      rootCauses: [],
      actions: [],
    });
    const messages = presentTopItems({ retroTitle: summary.title, sections: summary.sections });
    expect(messages).toHaveLength(1);
    const text = blockTexts(messages[0]?.blocks ?? []).join('\n');
    expect(text).toContain('Voting is over for *Q3 &lt;launch&gt;*. Top items:');
    expect(text).toContain('*🌱 Start*\n1. Customer quotes (4 votes)\n2. Brief sales earlier (1 vote)');
    expect(text).toContain('*🛑 Stop*\n_No items._');
    expect(text).not.toContain('U_ANA');
    for (const m of messages) assertMessageLimits(m);
  });

  it('stays within the limits with 300 items', () => {
    const items = sampleItems(300);
    const summary = composeSummary(
      {
        title: 'Big',
        kind: 'quarter',
        template: 'start_stop_continue',
        closedAt: new Date('2026-11-23T14:05:00Z'),
        kpis: [],
        items: items.map((i) => ({
          id: i.id,
          section: i.section,
          text: i.body,
          anonymous: false,
          authorId: 'U1',
        })),
        votes: new Map(items.map((i, n) => [i.id, n % 5])),
        participantCount: 40,
        rootCauses: [],
        actions: [],
      },
      300,
    );
    const messages = presentTopItems({ retroTitle: 'Big', sections: summary.sections });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) assertMessageLimits(m);
  });
});

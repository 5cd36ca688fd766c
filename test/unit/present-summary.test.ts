import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/slack/mrkdwn.js';
import { presentSummary } from '../../src/summary/present-summary.js';
import { composeSummary } from '../../src/summary/summary.js';
import { summaryInput } from '../fixtures/summary-input.js';
import { assertMessageLimits, blockTexts, sampleItems } from './block-kit-limits.js';

const input = summaryInput;

const textOf = (messages: { blocks: unknown[] }[]) =>
  messages.map((m) => blockTexts(m.blocks).join('\n')).join('\n');

describe('presentSummary', () => {
  const messages = presentSummary(composeSummary(input()));
  const text = textOf(messages);

  it('says what it covers and links the retro thread, or says it was held in this channel', () => {
    const startedAt = new Date('2026-11-02T09:00:00Z');
    const threadUrl = 'https://acme.slack.com/archives/C1/p1796126400000100';
    const linked = textOf(presentSummary(composeSummary(input({ startedAt, threadUrl }))));
    expect(linked).toContain(
      'Launch review · Start / Stop / Continue · Held <!date^1793610000^{date_short}|2026-11-02> – <!date^1795442700^{date_short}|2026-11-23>',
    );
    expect(linked).toContain(`<${threadUrl}|Open the retro thread>`);
    const unlinked = textOf(presentSummary(composeSummary(input({ startedAt, threadUrl: null }))));
    expect(unlinked).toContain('<!date^1795442700^{date_short}|2026-11-23> in this channel');
    expect(unlinked).not.toContain('Open the retro thread');
  });

  it('fits a normal retro in one message within the limits', () => {
    expect(messages).toHaveLength(1);
    for (const m of messages) assertMessageLimits(m);
    expect(messages[0]?.blocks[0]).toEqual({
      type: 'header',
      text: expect.objectContaining({ type: 'plain_text', text: 'Retro summary: Q3 launch' }),
    });
    expect(messages[0]?.text).toBe('Retro summary: Q3 launch — 3 action items');
  });

  it('opens with three lines: how the KPIs did and the worst miss, the top pick, the open actions', () => {
    expect(text).toContain(
      [
        '*KPIs:* 1 of 2 measured met their target, 1 not measured yet. Worst miss: *Cost per lead*, missed, $10 worse than target (+25.0%).',
        '*Top-voted:* Brief sales earlier (4 votes, 🌱 Start)',
        '*Actions:* 1 open item, owned by <@U_ANA>; the first is due <!date^1796126400^{date_short}|2026-12-01>.',
      ].join('\n'),
    );
    expect(text.indexOf('*KPIs:*')).toBeLessThan(text.indexOf('*KPI scorecard*'));
    const quiet = textOf(presentSummary(composeSummary(input({ kpis: [], votes: new Map(), actions: [] }))));
    expect(quiet).toContain('*KPIs:* none were set.\n*Top-voted:* nobody voted.\n*Actions:* none open.');
  });

  it('shows the KPI scorecard with actual against target and the verdict in words', () => {
    expect(text).toContain(
      [
        '*KPI scorecard*',
        '✅ *Signups*: 2,250 signups vs target 2,000 signups · met, 250 signups better than target (+12.5%)',
        '⚠️ *Cost per lead*: $50 vs target $40 · missed, $10 worse than target (+25.0%)',
        '⏳ *Press mentions*: not measured yet (target 15)',
      ].join('\n'),
    );
  });

  it('leads with the top items across sections, then each section’s voted items, with no authors', () => {
    expect(text).toContain(
      '*Top items*\n1. Brief sales earlier (4 votes) · 🌱 Start\n2. A/B test the landing page (2 votes) · 🌱 Start\n3. Beta list outreach (2 votes) · 🌱 Start',
    );
    expect(text.indexOf('*Top items*')).toBeLessThan(text.indexOf('*By section*'));
    expect(text).toContain(
      '*🌱 Start* (5 items · 9 votes)\n1. Brief sales earlier (4 votes)\n2. A/B test the landing page (2 votes)\n3. Beta list outreach (2 votes)',
    );
    expect(text).toContain('*🔁 Continue* (0 items)\n_No items._');
    expect(text).not.toContain('Zero votes here');
  });

  it('says a section nobody voted on ranks nothing, and never shows an item with 0 votes', () => {
    expect(text).toContain(
      '*🛑 Stop* (2 items · no votes)\n_Nobody voted in this section, so nothing is ranked._\n• Approving copy in DMs\n• Late creative reviews',
    );
    expect(text).not.toMatch(/\b0 votes/);
  });

  it('puts the most voted item first even when it is in the last section', () => {
    const swot = textOf(
      presentSummary(
        composeSummary(
          input({
            template: 'swot',
            items: [
              { id: 'a', section: 'strengths', text: 'Fast launch', anonymous: true, authorId: null },
              { id: 'd', section: 'threats', text: 'Competitor price cut', anonymous: true, authorId: null },
            ],
            votes: new Map([['d', 6]]),
          }),
        ),
      ),
    );
    expect(swot).toContain('*Top items*\n1. Competitor price cut (6 votes) · ⚡ Threats');
    expect(swot).toContain('*💪 Strengths* (1 item · no votes)\n_Nobody voted in this section');
  });

  it('says when nobody voted at all, and while votes are hidden lists items without ranking them', () => {
    const none = textOf(presentSummary(composeSummary(input({ votes: new Map() }))));
    expect(none).toContain('*Top items*\n_Nobody voted, so no item is ranked._');
    expect(none).not.toMatch(/\d+ votes?\)/);
    const hidden = textOf(presentSummary(composeSummary(input({ votes: new Map(), votesHidden: true }))));
    expect(hidden).toContain('*Top items*\n_Voting is still open: vote totals are shown once it ends._');
    expect(hidden).toContain('*🌱 Start* (5 items)\n• A/B test the landing page');
    expect(hidden).not.toMatch(/\d+ votes?\b|no votes|Nobody voted/);
  });

  it('lists a few items of an unvoted section and counts the rest', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({
      id: `i${i}`,
      section: 'stop',
      text: `Item ${i}`,
      anonymous: true,
      authorId: null,
    }));
    const many = textOf(presentSummary(composeSummary(input({ items, votes: new Map() }))));
    expect(many).toContain('• Item 4\n_…and 3 more items._');
    expect(many).not.toContain('Item 5');
  });

  it('lists root causes and action items with owners, due date tokens and status', () => {
    expect(text).toContain(
      '*Root causes*\n• Creative was late\n     ↳ _Root cause:_ No owner for final sign-off',
    );
    expect(text).toContain(
      '• Name a sign-off owner — <@U_ANA>, due <!date^1796126400^{date_short}|2026-12-01> · open',
    );
    expect(text).toContain(
      '• Book sales briefing — <@U_BEN>, due <!date^1796040000^{date_short}|2026-11-30> · ✅ done',
    );
    expect(text).toContain('• ~Redo the deck~ — <@U_CY>');
    expect(text).toContain('5 people · 7 items · 71% anonymous');
  });

  it('uses the given names for owners', () => {
    const named = textOf(presentSummary(composeSummary(input()), (id) => `@${id.toLowerCase()}`));
    expect(named).toContain('Name a sign-off owner — @u_ana,');
    expect(named).not.toContain('<@U_ANA>');
  });

  it('says when there are no KPIs, root causes or action items', () => {
    const empty = presentSummary(
      composeSummary(input({ kpis: [], items: [], rootCauses: [], actions: [], participantCount: 1 })),
    );
    const t = textOf(empty);
    expect(t).toContain('_No KPIs were set for this retro._');
    expect(t).toContain('*Root causes*\n_No Five Whys were run._');
    expect(t).toContain('*Action items*\n_No action items yet._');
    expect(t).toContain('1 person · 0 items · 0% anonymous');
    for (const m of empty) assertMessageLimits(m);
  });

  it('carries no buttons in the channel, and says where each action came from', () => {
    const [message] = presentSummary(
      composeSummary(
        input({
          actions: [
            {
              id: 'a-1',
              title: 'Open one',
              ownerId: 'U1',
              dueDate: '2030-01-01',
              status: 'open',
              source: 'root cause: x',
            },
            { id: 'a-2', title: 'Done one', ownerId: 'U2', dueDate: '2030-01-01', status: 'done' },
          ],
        }),
      ),
    );
    expect((message?.blocks ?? []).filter((b) => b.type === 'actions')).toEqual([]);
    expect(textOf([message ?? { blocks: [] }])).toContain('From root cause: x');
  });

  it('escapes user text in mrkdwn and in the fallback', () => {
    const messages = presentSummary(
      composeSummary(
        input({
          title: '<script>&',
          rootCauses: [{ problem: '<!channel> ping', rootCause: 'a & b' }],
          actions: [{ title: '<b>bold</b>', ownerId: 'U1', dueDate: 'soon', status: 'open' }],
        }),
      ),
    );
    // The header is plain_text, which Slack shows literally; everything else is mrkdwn.
    expect((messages[0]?.blocks[0] as any)?.text.text).toBe('Retro summary: <script>&');
    const t = textOf(messages.map((m) => ({ blocks: m.blocks.filter((b) => b.type !== 'header') })));
    expect(t).toContain('&lt;!channel&gt; ping');
    expect(t).toContain('a &amp; b');
    expect(t).toContain('• &lt;b&gt;bold&lt;/b&gt; — <@U1>, due soon · open');
    expect(t).not.toContain('<!channel>');
    expect(t).not.toContain('<script>');
    expect(messages[0]?.text).toBe('Retro summary: &lt;script&gt;&amp; — 1 action item');
  });

  it('splits a huge retro (300 items, long actions and root causes) into messages within the limits', () => {
    const items = sampleItems(300);
    const summary = composeSummary(
      input({
        title: 'T'.repeat(300),
        kpis: Array.from({ length: 20 }, (_, i) => ({
          metric: `Metric ${i} ${'m'.repeat(60)}`,
          target: 1000 * i,
          actual: i % 3 === 0 ? null : 900 * i,
          unit: 'USD',
          higherIsBetter: i % 2 === 0,
        })),
        items: items.map((i) => ({
          id: i.id,
          section: i.section,
          text: i.body,
          anonymous: i.authorName === null,
          authorId: i.authorName === null ? null : 'U1',
        })),
        votes: new Map(items.map((i, n) => [i.id, (n * 7) % 9])),
        rootCauses: Array.from({ length: 60 }, (_, i) => ({
          problem: `Problem ${i} ${'p'.repeat(400)}`,
          rootCause: `Cause ${i} ${'c'.repeat(400)}`,
        })),
        actions: Array.from({ length: 120 }, (_, i) => ({
          title: `Action ${i} ${'a'.repeat(200)}`,
          ownerId: `U${i}`,
          dueDate: '2026-12-01',
          status: 'open' as const,
        })),
      }),
      300,
    );
    const big = presentSummary(summary);
    expect(big.length).toBeGreaterThan(1);
    for (const m of big) assertMessageLimits(m);
    expect(big[0]?.blocks[0]?.type).toBe('header');
    expect(big[1]?.text).toBe(`Retro summary: ${'T'.repeat(300)}, continued (part 2 of ${big.length})`);
    const all = textOf(big);
    for (let i = 0; i < 120; i++) expect(all).toContain(`Action ${i} `);
    for (let i = 0; i < 60; i++) expect(all).toContain(`Cause ${i} `);
    const top = summary.sections.flatMap((s) => s.top);
    expect(top.length).toBeGreaterThan(200);
    for (const item of top) {
      expect(all).toContain(`${escapeMrkdwn(item.text)} (${item.votes} vote${item.votes === 1 ? '' : 's'})`);
    }
  });
});

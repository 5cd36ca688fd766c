import { describe, expect, it } from 'vitest';
import { composeSummary, summaryToMarkdown } from '../../src/summary/summary.js';
import { summaryInput } from '../fixtures/summary-input.js';

const input = summaryInput;

describe('composeSummary', () => {
  it('builds the scorecard with variance and status', () => {
    const { scorecard } = composeSummary(input());
    expect(
      scorecard.map(({ kpi, status, variance, variancePct }) => [kpi.metric, status, variance, variancePct]),
    ).toEqual([
      ['Signups', 'met', 250, 12.5],
      ['Cost per lead', 'missed', 10, 25],
      ['Press mentions', 'pending', null, null],
    ]);
  });

  it('lists the top voted items per section, ties broken by text, leaving out unvoted items', () => {
    const start = composeSummary(input()).sections.find((s) => s.id === 'start');
    expect(start).toEqual({
      id: 'start',
      label: 'Start',
      emoji: expect.any(String),
      total: 5,
      top: [
        { text: 'Brief sales earlier', votes: 4, authorId: null },
        { text: 'A/B test the landing page', votes: 2, authorId: 'U_ANA' },
        { text: 'Beta list outreach', votes: 2, authorId: null },
      ],
    });
  });

  it('respects topPerSection and never pads with unvoted items when some have votes', () => {
    const start = composeSummary(input(), 10).sections.find((s) => s.id === 'start');
    expect(start?.top.map((i) => i.text)).toEqual([
      'Brief sales earlier',
      'A/B test the landing page',
      'Beta list outreach',
      'Customer quotes',
    ]);
  });

  it('lists unvoted items by text when nobody voted in a section', () => {
    const stop = composeSummary(input()).sections.find((s) => s.id === 'stop');
    expect(stop?.top).toEqual([
      { text: 'Approving copy in DMs', votes: 0, authorId: 'U_BEN' },
      { text: 'Late creative reviews', votes: 0, authorId: null },
    ]);
  });

  it('keeps every template section in order, even empty ones, and appends unknown sections', () => {
    const items = [
      ...input().items,
      { id: 'x1', section: 'legacy', text: 'Old item', anonymous: true, authorId: null },
    ];
    const { sections } = composeSummary(input({ items }));
    expect(sections.map((s) => [s.id, s.total])).toEqual([
      ['start', 5],
      ['stop', 2],
      ['continue', 0],
      ['legacy', 1],
    ]);
    expect(sections.find((s) => s.id === 'continue')?.top).toEqual([]);
  });

  it('never carries an author for an anonymous item, even if one is passed in', () => {
    const items = [{ id: 'a', section: 'start', text: 'Secret', anonymous: true, authorId: 'U_LEAK' }];
    const summary = composeSummary(input({ items }));
    expect(summary.sections[0]?.top).toEqual([{ text: 'Secret', votes: 0, authorId: null }]);
    expect(JSON.stringify(summary)).not.toContain('U_LEAK');
    expect(summaryToMarkdown(summary)).not.toContain('U_LEAK');
  });

  it('computes participation', () => {
    expect(composeSummary(input()).participation).toEqual({ people: 5, items: 7, anonymousShare: 5 / 7 });
    expect(composeSummary(input({ items: [], participantCount: 0 })).participation).toEqual({
      people: 0,
      items: 0,
      anonymousShare: 0,
    });
  });

  it('passes root causes and actions through', () => {
    const summary = composeSummary(input());
    expect(summary.rootCauses).toEqual(input().rootCauses);
    expect(summary.actions).toEqual(input().actions);
  });
});

describe('summaryToMarkdown', () => {
  const names = (id: string): string => ({ U_ANA: 'Ana', U_BEN: 'Ben', U_CY: 'Cy' })[id] ?? id;

  it('renders the whole document', () => {
    expect(summaryToMarkdown(composeSummary(input()), names)).toBe(
      [
        '# Q3 launch',
        '',
        '**Reviewing:** Launch · **Template:** Start / Stop / Continue · **Closed:** 2026-11-23 14:05 UTC',
        '',
        '## KPI scorecard',
        '',
        '| Metric | Target | Actual | Variance | Status |',
        '| --- | ---: | ---: | ---: | --- |',
        '| Signups | 2,000 signups | 2,250 signups | +12.5% | ✅ Met |',
        '| Cost per lead | $40 | $50 | +25.0% | ⚠️ Missed |',
        '| Press mentions | 15 | — | — | ⏳ Pending |',
        '',
        '## Top items',
        '',
        '### 🌱 Start (5 items)',
        '',
        '1. Brief sales earlier — 4 votes',
        '2. A/B test the landing page — 2 votes · Ana',
        '3. Beta list outreach — 2 votes',
        '',
        '### 🛑 Stop (2 items)',
        '',
        '1. Approving copy in DMs — 0 votes · Ben',
        '2. Late creative reviews — 0 votes',
        '',
        '### 🔁 Continue (0 items)',
        '',
        '_No items._',
        '',
        '## Root causes',
        '',
        '- **Problem:** Creative was late',
        '  **Root cause:** No owner for final sign-off',
        '',
        '## Action items',
        '',
        '- [ ] Name a sign-off owner — Ana, due 2026-12-01 (open)',
        '- [x] Book sales briefing — Ben, due 2026-11-30 (done)',
        '- [ ] ~~Redo the deck~~ — Cy, due 2026-12-05 (cancelled)',
        '',
        '## Participation',
        '',
        '- People: 5',
        '- Items: 7',
        '- Anonymous: 71%',
        '',
      ].join('\n'),
    );
  });

  it('uses Slack mentions when no names are given and says when nothing was recorded', () => {
    const markdown = summaryToMarkdown(
      composeSummary(
        input({
          kpis: [],
          rootCauses: [],
          actions: [],
          items: [{ id: 'a', section: 'start', text: 'Mine', anonymous: false, authorId: 'U_ANA' }],
        }),
      ),
    );
    expect(markdown).toContain('_No KPIs were set for this retro._');
    expect(markdown).toContain('## Root causes\n\n_None recorded yet._');
    expect(markdown).toContain('## Action items\n\n_None yet._');
    expect(markdown).toContain('1. Mine — 0 votes · <@U_ANA>');
  });

  it('keeps user text on one line and escapes pipes in the scorecard', () => {
    const markdown = summaryToMarkdown(
      composeSummary(
        input({
          title: 'Q3\nlaunch',
          kpis: [{ metric: 'A|B', target: 1, actual: 1, unit: '', higherIsBetter: true }],
          items: [{ id: 'a', section: 'start', text: 'line one\nline two', anonymous: true, authorId: null }],
        }),
      ),
    );
    expect(markdown.startsWith('# Q3 launch\n')).toBe(true);
    expect(markdown).toContain('| A\\|B | 1 | 1 | 0.0% | ✅ Met |');
    expect(markdown).toContain('1. line one line two — 0 votes');
  });
});

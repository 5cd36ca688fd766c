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

  it('ranks each section’s voted items, ties broken by text, and keeps its unvoted items apart', () => {
    const start = composeSummary(input()).sections.find((s) => s.id === 'start');
    expect(start).toEqual({
      id: 'start',
      label: 'Start',
      emoji: expect.any(String),
      total: 5,
      votes: 9,
      top: [
        { text: 'Brief sales earlier', votes: 4, authorId: null },
        { text: 'A/B test the landing page', votes: 2, authorId: 'U_ANA' },
        { text: 'Beta list outreach', votes: 2, authorId: null },
      ],
      unvoted: [{ text: 'Zero votes here', votes: 0, authorId: null }],
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

  it('ranks nothing in a section nobody voted on', () => {
    const stop = composeSummary(input()).sections.find((s) => s.id === 'stop');
    expect(stop?.top).toEqual([]);
    expect(stop?.votes).toBe(0);
    expect(stop?.unvoted).toEqual([
      { text: 'Approving copy in DMs', votes: 0, authorId: 'U_BEN' },
      { text: 'Late creative reviews', votes: 0, authorId: null },
    ]);
  });

  it('leads with the team’s picks across sections, even when the most voted item is in the last one', () => {
    const summary = composeSummary(
      input({
        template: 'swot',
        items: [
          { id: 'a', section: 'strengths', text: 'Fast launch', anonymous: true, authorId: null },
          { id: 'b', section: 'strengths', text: 'Good copy', anonymous: true, authorId: null },
          { id: 'c', section: 'weaknesses', text: 'Thin budget', anonymous: true, authorId: null },
          { id: 'd', section: 'threats', text: 'Competitor price cut', anonymous: true, authorId: null },
          { id: 'e', section: 'opportunities', text: 'Partner webinar', anonymous: true, authorId: null },
        ],
        votes: new Map([
          ['d', 6],
          ['c', 2],
          ['e', 2],
        ]),
      }),
    );
    expect(summary.topItems).toEqual([
      {
        text: 'Competitor price cut',
        votes: 6,
        authorId: null,
        sectionLabel: 'Threats',
        emoji: expect.any(String),
      },
      {
        text: 'Partner webinar',
        votes: 2,
        authorId: null,
        sectionLabel: 'Opportunities',
        emoji: expect.any(String),
      },
      {
        text: 'Thin budget',
        votes: 2,
        authorId: null,
        sectionLabel: 'Weaknesses',
        emoji: expect.any(String),
      },
    ]);
    expect(summary.sections.find((s) => s.id === 'strengths')?.top).toEqual([]);
  });

  it('has no top items when nobody voted', () => {
    expect(composeSummary(input({ votes: new Map() })).topItems).toEqual([]);
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
    expect(summary.sections[0]?.unvoted).toEqual([{ text: 'Secret', votes: 0, authorId: null }]);
    expect(JSON.stringify(summary)).not.toContain('U_LEAK');
    expect(summaryToMarkdown(summary, asId)).not.toContain('U_LEAK');
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

const EXPORTED = new Date('2026-11-24T15:00:00Z');
const asId = { names: (id: string) => id, exportedAt: EXPORTED };

describe('summaryToMarkdown', () => {
  const names = (id: string): string => ({ U_ANA: 'Ana', U_BEN: 'Ben', U_CY: 'Cy' })[id] ?? id;

  it('renders the whole document', () => {
    const summary = composeSummary(
      input({
        startedAt: new Date('2026-11-20T09:00:00Z'),
        threadUrl: 'https://acme.slack.com/archives/C1/p1',
      }),
    );
    expect(summaryToMarkdown(summary, { names, exportedAt: EXPORTED, zone: 'America/Chicago' })).toBe(
      [
        '# Q3 launch',
        '',
        '**Reviewing:** Launch · **Template:** Start / Stop / Continue · **Held:** 2026-11-20 – 2026-11-23',
        '',
        '**Status:** Closed 2026-11-23 08:05 (America/Chicago) · exported 2026-11-24 09:00 (America/Chicago)',
        '',
        '**Retro thread:** https://acme.slack.com/archives/C1/p1',
        '',
        '## KPI scorecard',
        '',
        '| Metric | Actual | Target | Result |',
        '| --- | ---: | ---: | --- |',
        '| Signups | 2,250 signups | 2,000 signups | ✅ Met, 250 signups better than target (+12.5%) |',
        '| Cost per lead | $50 | $40 | ⚠️ Missed, $10 worse than target (+25.0%) |',
        '| Press mentions | — | 15 | ⏳ Not measured yet |',
        '',
        '## Top items',
        '',
        '1. Brief sales earlier — 4 votes · 🌱 Start',
        '2. A/B test the landing page — 2 votes · 🌱 Start',
        '3. Beta list outreach — 2 votes · 🌱 Start',
        '',
        '## By section',
        '',
        '### 🌱 Start (5 items, 9 votes)',
        '',
        '1. Brief sales earlier — 4 votes',
        '2. A/B test the landing page — 2 votes · Ana',
        '3. Beta list outreach — 2 votes',
        '',
        '_Also raised, without votes:_',
        '',
        '- Zero votes here',
        '',
        '### 🛑 Stop (2 items, no votes)',
        '',
        '_Nobody voted in this section, so nothing is ranked._',
        '',
        '- Approving copy in DMs · Ben',
        '- Late creative reviews',
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

  it('names people as the export was given them and says when nothing was recorded', () => {
    const markdown = summaryToMarkdown(
      composeSummary(
        input({
          kpis: [],
          rootCauses: [],
          actions: [],
          items: [{ id: 'a', section: 'start', text: 'Mine', anonymous: false, authorId: 'U_ANA' }],
        }),
      ),
      { names, exportedAt: EXPORTED },
    );
    expect(markdown).toContain('_No KPIs were set for this retro._');
    expect(markdown).toContain('## Root causes\n\n_None recorded yet._');
    expect(markdown).toContain('## Action items\n\n_None yet._');
    expect(markdown).toContain('- Mine · Ana');
    expect(markdown).not.toContain('<@');
    expect(markdown).toContain('_Nobody voted, so no item is ranked._');
    expect(markdown).not.toContain('0 votes');
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
      asId,
    );
    expect(markdown.startsWith('# Q3 launch\n')).toBe(true);
    expect(markdown).toContain('| A\\|B | 1 | 1 | ✅ Met, on target |');
    expect(markdown).toContain('- line one line two');
  });
});

describe('summaryToMarkdown while voting runs', () => {
  it('lists the items without totals or rankings', () => {
    const markdown = summaryToMarkdown(
      composeSummary(input({ votes: new Map(), votesHidden: true, phase: 'voting' })),
      asId,
    );
    expect(markdown).toContain('**Status:** Voting · exported 2026-11-24 15:00 UTC');
    expect(markdown).not.toContain('Closed');
    expect(markdown).toContain('## Top items\n\n_Voting is still open: vote totals are shown once it ends._');
    expect(markdown).toContain('### 🌱 Start (5 items)\n\n- A/B test the landing page');
    expect(markdown).not.toMatch(/\d+ votes?|no votes|Nobody voted/);
  });
});

describe('summaryToMarkdown reads like a document', () => {
  it.each([
    ['a link', 'See https://example.com/brief', 'See https://example.com/brief'],
    ['a tilde and an ampersand', 'About ~200 leads & 3 demos', 'About ~200 leads & 3 demos'],
    ['emphasis typed on purpose', 'Ship *earlier* next_time', 'Ship *earlier* next_time'],
    ['a disguised link', '[our brief](https://evil.example)', '\\[our brief](https://evil.example)'],
    ['a tag or a mention token', '<script> and <!channel>', '\\<script> and \\<!channel>'],
    ['a comparison', 'CAC < $200 > plan', 'CAC < $200 > plan'],
  ])('shows %s as typed', (_name, typed, shown) => {
    const markdown = summaryToMarkdown(
      composeSummary(
        input({ items: [{ id: 'a', section: 'start', text: typed, anonymous: true, authorId: null }] }),
      ),
      asId,
    );
    expect(markdown).toContain(`- ${shown}\n`);
  });
});

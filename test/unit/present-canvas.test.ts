import { describe, expect, it } from 'vitest';
import { actionStateOf, CANVAS_LIMITS, type CanvasRetro } from '../../src/canvas/canvas-record.js';
import { escapeCanvasText, presentCanvas, presentCanvasRefused } from '../../src/canvas/present-canvas.js';

function retro(title: string, overrides: Partial<CanvasRetro> = {}): CanvasRetro {
  return {
    title,
    startedAt: new Date('2026-11-24T15:00:00Z'),
    closedAt: new Date('2026-11-27T10:00:00Z'),
    kpis: [],
    topItems: [],
    chains: [],
    actions: [],
    ...overrides,
  };
}

describe('the channel canvas Markdown', () => {
  it('escapes user text so it never becomes markup, a link, a mention or a second line', () => {
    expect(escapeCanvasText('# *Big* _win_ [x](http://evil) ![](@U1) <!here> `code` | ~x~\nnext')).toBe(
      '\\# \\*Big\\* \\_win\\_ \\[x\\]\\(http://evil\\) \\!\\[\\]\\(@U1\\) \\<\\!here\\> \\`code\\` \\| \\~x\\~ next',
    );
    const markdown = presentCanvas([
      retro('Q1 *launch*', {
        topItems: [{ text: 'Legal [review](x) came late', votes: 3, sectionLabel: 'Stop' }],
        actions: [{ title: '## Fix it', ownerId: 'U1', dueDate: '2026-12-01', state: 'open' }],
      }),
    ]);
    expect(markdown).toContain('## Q1 \\*launch\\*');
    expect(markdown).toContain('- Legal \\[review\\]\\(x\\) came late (Stop, 3 votes)');
    expect(markdown).toContain('- [ ] \\#\\# Fix it: ![](@U1), due 2026-12-01, ⏳ open');
    expect(markdown).not.toMatch(/^## Fix/m);
  });

  it('shows each KPI against its target with its earlier values, and the chains and action states', () => {
    const markdown = presentCanvas([
      retro('Q2', {
        kpis: [
          {
            metric: 'Pipeline',
            target: 100,
            actual: 80,
            unit: 'k$',
            higherIsBetter: true,
            status: 'missed',
            earlier: [{ retroTitle: 'Q1', at: new Date('2026-08-01T00:00:00Z'), value: 90, unit: 'k$' }],
          },
          {
            metric: 'CAC',
            target: 200,
            actual: null,
            unit: 'USD',
            higherIsBetter: false,
            status: 'pending',
            earlier: [],
          },
        ],
        chains: [{ problem: 'Launch slipped', whys: ['Legal late', 'No owner'], rootCause: 'No legal SLA' }],
        actions: (['done', 'open', 'carried', 'dropped'] as const).map((state, i) => ({
          title: `Action ${i}`,
          ownerId: 'U2',
          dueDate: '2026-12-01',
          state,
        })),
      }),
    ]);
    expect(markdown).toContain(
      '- **Pipeline**: 80 k$ against a target of 100 k$ (higher is better), ⚠️ missed; earlier: 90 k$ (Q1)',
    );
    expect(markdown).toContain(
      '- **CAC**: no actual against a target of $200 (lower is better), ⏳ no actual yet',
    );
    expect(markdown).toContain('- Launch slipped → Legal late → No owner ⇒ root cause: **No legal SLA**');
    expect(markdown).toContain('- [x] Action 0: ![](@U2), due 2026-12-01, ✅ done');
    expect(markdown).toContain('Action 2: ![](@U2), due 2026-12-01, ↪️ carried over');
    expect(markdown).toContain('Action 3: ![](@U2), due 2026-12-01, 🚫 dropped');
    expect(markdown).toContain('_2026-11-24 to 2026-11-27_');
  });

  it('keeps to the last retros and a bounded number of lines per retro', () => {
    const many = Array.from({ length: 15 }, (_, i) =>
      retro(`Retro ${i}`, {
        actions: Array.from({ length: 30 }, (_, j) => ({
          title: `Task ${j}`,
          ownerId: 'U3',
          dueDate: '2026-12-01',
          state: 'open' as const,
        })),
        topItems: Array.from({ length: 8 }, (_, j) => ({
          text: `Item ${j}`,
          votes: 8 - j,
          sectionLabel: 'Start',
        })),
      }),
    );
    const markdown = presentCanvas(many);
    expect(markdown.match(/^## /gm)).toHaveLength(CANVAS_LIMITS.retros);
    expect(markdown).toContain('## Retro 9');
    expect(markdown).not.toContain('## Retro 10');
    expect(markdown.match(/Task /g)).toHaveLength(CANVAS_LIMITS.retros * CANVAS_LIMITS.actions);
    expect(markdown).toContain(`- … and ${30 - CANVAS_LIMITS.actions} more`);
    expect(markdown.match(/Item /g)).toHaveLength(CANVAS_LIMITS.retros * CANVAS_LIMITS.topItems);
  });

  it('says when a retro recorded nothing', () => {
    expect(presentCanvas([retro('Quiet')])).toContain(
      'No KPIs, voted items, Five Whys or action items were recorded.',
    );
  });

  it('reads an action item as done, open, carried over or dropped', () => {
    expect(actionStateOf('done', 'R2')).toBe('done');
    expect(actionStateOf('cancelled', null)).toBe('dropped');
    expect(actionStateOf('open', 'R2')).toBe('carried');
    expect(actionStateOf('open', null)).toBe('open');
  });

  it('tells the facilitator why, and escapes an unknown reason', () => {
    expect(presentCanvasRefused('C1', 'canvas_disabled').text).toContain('canvases are turned off');
    expect(presentCanvasRefused('C1', '<weird>').text).toContain('&lt;weird&gt;');
  });
});

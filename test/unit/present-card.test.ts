import { describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { ACTIONS } from '../../src/retro/card.ids.js';
import type { Phase } from '../../src/retro/phases.js';
import { presentCard } from '../../src/retro/present-card.js';
import { presentKpiLine } from '../../src/retro/present-kpi-line.js';
import type { CardModel, Retro, RetroKpi } from '../../src/retro/retro.js';
import { sampleRetro } from '../fixtures/retro.js';
import { assertMessageLimits, blockTexts } from './block-kit-limits.js';

const retro = sampleRetro;

const KPIS: RetroKpi[] = [
  {
    id: 'k2',
    position: 1,
    metric: 'Cost per lead',
    target: 40,
    actual: 50,
    unit: 'USD',
    higherIsBetter: false,
  },
  {
    id: 'k1',
    position: 0,
    metric: 'Signups',
    target: 2000,
    actual: 2250,
    unit: 'signups',
    higherIsBetter: true,
  },
  {
    id: 'k3',
    position: 2,
    metric: 'Press mentions',
    target: 15,
    actual: null,
    unit: '',
    higherIsBetter: true,
  },
];

function model(overrides: Partial<CardModel> = {}, retroOverrides: Partial<Retro> = {}): CardModel {
  return {
    retro: retro(retroOverrides),
    kpis: [],
    contributors: 4,
    items: 17,
    voters: 2,
    previousActions: null,
    ...overrides,
  };
}

/** Buttons by action id; the facilitator menu's options as `menu:` and the button each stands for. */
function actionIds(blocks: unknown[]): string[] {
  return (blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      b.elements.flatMap((e: any) =>
        e.type === 'overflow'
          ? e.options.map(
              (o: any) =>
                `menu:${
                  String(o.value)
                    .replace(/^button:/, '')
                    .split('|')[0]
                }`,
            )
          : [e.action_id],
      ),
    );
}

const menu = (id: string) => `menu:${id}`;

function allText(card: { blocks: unknown[] }): string {
  return blockTexts(card.blocks).join('\n');
}

describe('presentCard', () => {
  it.each<[Phase, string[]]>([
    [
      'collecting',
      [
        ACTIONS.addFeedback,
        ACTIONS.myFeedback,
        menu(ACTIONS.startVoting),
        menu(ACTIONS.editKpis),
        menu(ACTIONS.confirmPhase),
      ],
    ],
    [
      'voting',
      [
        ACTIONS.vote,
        FIVE_WHYS_IDS.actions.start,
        menu(ACTIONS.startDiscussion),
        menu(ACTIONS.editKpis),
        menu(ACTIONS.confirmPhase),
        menu(ACTIONS.confirmPhase),
      ],
    ],
    [
      'discussing',
      [
        FIVE_WHYS_IDS.actions.start,
        ACTION_ITEM_IDS.actions.add,
        menu(ACTIONS.confirmPhase),
        menu(ACTIONS.editKpis),
        menu(ACTIONS.confirmPhase),
      ],
    ],
    ['closed', []],
    ['cancelled', []],
  ])('in %s shows everyone their buttons and the facilitators one menu', (phase, expected) => {
    const card = presentCard(model({}, { phase }));
    expect(actionIds(card.blocks)).toEqual(expected);
    const row = (card.blocks as any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements);
    // Three elements at most, so the row reads on a phone.
    expect(row.length).toBeLessThanOrEqual(3);
    // Five Whys and Add action item start from the retro itself (a source reference); the rest carry its id.
    for (const b of row.filter((e: any) => e.type === 'button'))
      expect(b.value).toMatch(/^(retro:)?retro-1$/);
    // Close and Cancel in the menu ask first (a modal): their values say which.
    const values = row
      .filter((e: any) => e.type === 'overflow')
      .flatMap((e: any) => e.options.map((o: any) => String(o.value).split('|')[1]));
    for (const v of values) expect(v).toMatch(/^((closed|cancelled):)?retro-1$/);
    assertMessageLimits(card);
  });

  it('marks the main button of each phase', () => {
    const styles = (phase: Phase) =>
      (presentCard(model({}, { phase })).blocks as any[])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => b.elements.map((e: any) => `${e.action_id}:${e.style ?? ''}`));
    expect(styles('collecting')).toContain(`${ACTIONS.addFeedback}:primary`);
    expect(styles('voting')).toContain(`${ACTIONS.vote}:primary`);
    expect(styles('collecting').some((s) => s.endsWith(':danger'))).toBe(false);
  });

  it('has no buttons when asked not to, but still names the facilitators', () => {
    const card = presentCard(model(), { withButtons: false });
    expect(actionIds(card.blocks)).toEqual([]);
    expect(allText(card)).toContain('Facilitators: <@U_ANA>, <@U_BEN>');
  });

  it('lists the creator first and each facilitator once', () => {
    const card = presentCard(model({}, { facilitatorIds: ['U_CY', 'U_ANA', 'U_CY'] }));
    expect(allText(card)).toContain('Facilitators: <@U_ANA>, <@U_CY>');
    const solo = presentCard(model({}, { facilitatorIds: [] }));
    expect(allText(solo)).toContain('Facilitator: <@U_ANA>');
  });

  it('shows the title, kind, template and phase', () => {
    const card = presentCard(model({}, { phase: 'voting' }));
    expect(card.blocks[0]).toEqual({ type: 'header', text: expect.objectContaining({ text: 'Q3 launch' }) });
    expect(allText(card)).toContain('Launch · Start / Stop / Continue · *Voting*');
    expect(card.text).toBe('Retro: Q3 launch — Voting');
  });

  it('shows the deadline as a date token while collecting only', () => {
    const token = '<!date^1795626000^{date_short_pretty} at {time}|2026-11-25 17:00 UTC>';
    expect(allText(presentCard(model()))).toContain(`Feedback closes ${token}`);
    expect(allText(presentCard(model({}, { phase: 'voting' })))).not.toContain('<!date^');
    expect(allText(presentCard(model({}, { deadlineAt: null })))).not.toContain('<!date^');
  });

  it('counts contributors and items, and voters while voting', () => {
    expect(allText(presentCard(model()))).toContain('👥 4 contributors · 📝 17 items');
    expect(allText(presentCard(model()))).not.toContain('voted');
    expect(allText(presentCard(model({ contributors: 1, items: 1 })))).toContain(
      '👥 1 contributor · 📝 1 item',
    );
    expect(allText(presentCard(model({}, { phase: 'voting' })))).toContain('🗳 2 voted');
  });

  it('closes the loop on the previous retro’s action items', () => {
    const text = (previousActions: CardModel['previousActions']) =>
      allText(presentCard(model({ previousActions })));
    expect(text({ done: 4, open: 2 })).toContain('Last retro: 4 of 6 actions done, 2 still open.');
    expect(text({ done: 6, open: 0 })).toContain('Last retro: all 6 actions done.');
    expect(text({ done: 0, open: 3 })).toContain('Last retro: 0 of 3 actions done, 3 still open.');
    expect(text({ done: 1, open: 0 })).toContain('Last retro: its one action is done.');
    expect(text(null)).not.toContain('Last retro');
    expect(text({ done: 0, open: 0 })).not.toContain('Last retro');
    const listed = text({
      done: 1,
      open: 1,
      openItems: [{ text: 'Ping <!channel> about *pricing*', ownerId: 'U7', dueDate: '2026-12-01' }],
    });
    expect(listed).toContain('Last retro: 1 of 2 actions done, 1 still open.');
    expect(listed).toContain('<@U7>');
    expect(listed).not.toContain('<!channel>');
  });

  it('shows a KPI scorecard in position order', () => {
    const text = allText(presentCard(model({ kpis: KPIS })));
    const lines = text.split('\n');
    const start = lines.indexOf('*KPIs*');
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '✅ *Signups*: 2,250 signups vs target 2,000 signups · met, 250 signups better than target (+12.5%)',
      '⚠️ *Cost per lead*: $50 vs target $40 · missed, $10 worse than target (+25.0%)',
      '⏳ *Press mentions*: not measured yet (target 15)',
    ]);
  });

  it('formats percentage KPIs and escapes metric names', () => {
    expect(
      presentKpiLine({ metric: 'CTR <web>', target: 2.5, actual: 2, unit: '%', higherIsBetter: true }),
    ).toBe(
      '⚠️ *CTR &lt;web&gt;*: 2% vs target 2.5% · missed, 0.5 percentage points worse than target (−20.0% relative)',
    );
  });

  it('splits a long scorecard over several sections', () => {
    const many: RetroKpi[] = Array.from({ length: 60 }, (_, i) => ({
      id: `k${i}`,
      position: i,
      metric: `${'Very long metric name '.repeat(3)}${i}`.slice(0, 80),
      target: 1000 + i,
      actual: i % 2 ? null : 900 + i,
      unit: 'leads',
      higherIsBetter: true,
    }));
    const card = presentCard(model({ kpis: many }));
    assertMessageLimits(card);
    expect(allText(card)).toContain('*KPIs* (continued)');
  });

  it('explains each phase', () => {
    const explain = (phase: Phase) => allText(presentCard(model({}, { phase })));
    expect(explain('collecting')).toContain('Feedback stays private until a facilitator reveals it.');
    expect(explain('voting')).toContain('Each person has 3 votes; totals stay hidden until voting ends.');
    expect(explain('discussing')).toContain('the top items are in the thread');
    expect(explain('closed')).toContain('Closed — the summary was posted in the channel.');
    expect(explain('cancelled')).toContain('Cancelled.');
  });

  it('escapes user text in titles', () => {
    const card = presentCard(model({}, { title: '<script>&' }));
    // Plain-text header: Slack shows it literally.
    expect((card.blocks[0] as any).text.text).toBe('<script>&');
    expect(card.text).toBe('Retro: &lt;script&gt;&amp; — Collecting feedback');
    assertMessageLimits(card);
  });

  it('keeps a very long title within the header limit', () => {
    const card = presentCard(model({}, { title: 'T'.repeat(400) }));
    assertMessageLimits(card);
    expect((card.blocks[0] as any).text.text.length).toBe(150);
  });
});

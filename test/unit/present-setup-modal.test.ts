import { describe, expect, it } from 'vitest';
import { KPI_LINE_FORMAT } from '../../src/retro/kpi.js';
import { ANONYMOUS } from '../../src/retro/retro.ids.js';
import { SUGGESTED_KPIS } from '../../src/retro/templates.js';
import { defaultDeadline, presentKpiHint, presentSetupModal } from '../../src/setup/present-setup-modal.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { INPUT } from '../../src/slack/ids.js';
import { assertModalLimits } from './block-kit-limits.js';

const now = new Date('2026-11-22T20:30:00Z');
const byId = (view: { blocks: unknown[] }, id: string): any =>
  (view.blocks as any[]).find((b) => b.block_id === id);

describe('defaultDeadline', () => {
  it('is three days later at 17:00 UTC', () => {
    expect(defaultDeadline(now).toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(defaultDeadline(new Date('2026-12-30T01:00:00Z')).toISOString()).toBe('2027-01-02T17:00:00.000Z');
  });

  it('is at 17:00 on the facilitator’s own clock, three days on in their zone', () => {
    // 2026-11-25 15:30 in New York (UTC−5): 17:00 there is 22:00 UTC.
    expect(defaultDeadline(now, 'America/New_York').toISOString()).toBe('2026-11-25T22:00:00.000Z');
    // Already 2026-11-26 05:30 in Tokyo (UTC+9) three days on: 17:00 there is 08:00 UTC.
    expect(defaultDeadline(now, 'Asia/Tokyo').toISOString()).toBe('2026-11-26T08:00:00.000Z');
    // Summer time in Berlin (UTC+2).
    expect(defaultDeadline(new Date('2026-07-01T10:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-07-04T15:00:00.000Z',
    );
    // Across the change to summer time in New York (2026-03-08): 17:00 EDT is 21:00 UTC.
    expect(defaultDeadline(new Date('2026-03-06T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-09T21:00:00.000Z',
    );
    // Half-hour zones too: already 2026-11-26 02:00 in India (UTC+5:30).
    expect(defaultDeadline(now, 'Asia/Kolkata').toISOString()).toBe('2026-11-26T11:30:00.000Z');
  });

  it('falls back to 17:00 UTC when the zone is missing or unknown', () => {
    expect(defaultDeadline(now, undefined).toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(defaultDeadline(now, 'Mars/Olympus_Mons').toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });
});

describe('presentSetupModal', () => {
  const view = presentSetupModal({ title: 'Q3 launch', kind: 'launch', now, metadata: '{"c":"C1"}' });

  it('is the setup modal with the right buttons and metadata, within the limits', () => {
    assertModalLimits(view);
    expect(view.callback_id).toBe(SETUP_IDS.view);
    expect([view.title.text, view.submit?.text, view.close?.text]).toEqual([
      'Start a retro',
      'Start retro',
      'Cancel',
    ]);
    expect(view.private_metadata).toBe('{"c":"C1"}');
    expect((view.blocks as any[]).map((b) => b.block_id)).toEqual([
      SETUP_IDS.blocks.title,
      SETUP_IDS.blocks.kind,
      SETUP_IDS.blocks.template,
      SETUP_IDS.blocks.kpis,
      SETUP_IDS.blocks.deadline,
      ANONYMOUS.block,
      SETUP_IDS.blocks.voteBudget,
      SETUP_IDS.blocks.votingLength,
      SETUP_IDS.blocks.facilitators,
    ]);
  });

  it('uses INPUT as action id everywhere except the kind select, which dispatches', () => {
    for (const block of view.blocks as any[]) {
      expect(block.element.action_id).toBe(
        block.block_id === SETUP_IDS.blocks.kind ? SETUP_IDS.kindSelect : INPUT,
      );
    }
    expect(byId(view, SETUP_IDS.blocks.kind).dispatch_action).toBe(true);
    expect(byId(view, SETUP_IDS.blocks.kind).element.initial_option.value).toBe('launch');
    expect(byId(view, SETUP_IDS.blocks.kind).element.options.map((o: any) => o.value)).toEqual([
      'campaign',
      'launch',
      'quarter',
      'other',
    ]);
  });

  it('pre-fills the title only when given', () => {
    const title = byId(view, SETUP_IDS.blocks.title).element;
    expect(title.initial_value).toBe('Q3 launch');
    expect(title.max_length).toBe(150);
    expect(title.placeholder.text).toBe('e.g. Q3 launch retro');
    const empty = presentSetupModal({ title: '  ', kind: 'other', now, metadata: '' });
    expect('initial_value' in byId(empty, SETUP_IDS.blocks.title).element).toBe(false);
    const long = presentSetupModal({ title: 'x'.repeat(300), kind: 'other', now, metadata: '' });
    expect(byId(long, SETUP_IDS.blocks.title).element.initial_value.length).toBe(150);
    assertModalLimits(long);
  });

  it('offers the templates with their sections, Start/Stop/Continue first', () => {
    const el = byId(view, SETUP_IDS.blocks.template).element;
    expect(el.type).toBe('radio_buttons');
    expect(el.initial_option.value).toBe('start_stop_continue');
    expect(el.options.map((o: any) => [o.value, o.description.text])).toEqual([
      ['start_stop_continue', 'Start · Stop · Continue'],
      ['swot', 'Strengths · Weaknesses · Opportunities · Threats'],
      ['four_ls', 'Liked · Learned · Lacked · Longed for'],
    ]);
  });

  it('explains the KPI format, with examples for the kind', () => {
    const kpis = byId(view, SETUP_IDS.blocks.kpis);
    expect(kpis.optional).toBe(true);
    expect(kpis.label.text).toBe('KPIs to review');
    expect(kpis.element.multiline).toBe(true);
    expect(kpis.hint.text).toBe(presentKpiHint('launch'));
    expect(kpis.hint.text).toContain(KPI_LINE_FORMAT);
    expect(kpis.element.placeholder.text).toBe(SUGGESTED_KPIS.launch.slice(0, 2).join('\n'));
    expect(presentKpiHint('launch')).toContain(
      'Ideas for a launch: Signups, Activation rate, Press mentions.',
    );
    expect(presentKpiHint('campaign')).toContain('MQLs');
    expect(presentKpiHint('campaign')).not.toBe(presentKpiHint('quarter'));
    const campaign = presentSetupModal({ title: '', kind: 'campaign', now, metadata: '' });
    expect(byId(campaign, SETUP_IDS.blocks.kpis).element.placeholder.text).toContain('MQLs');
  });

  it('defaults the deadline to three days later at 17:00 UTC', () => {
    const deadline = byId(view, SETUP_IDS.blocks.deadline);
    expect(deadline.element.type).toBe('datetimepicker');
    expect(deadline.element.initial_date_time).toBe(Date.UTC(2026, 10, 25, 17) / 1000);
    expect(deadline.label.text).toBe('Feedback deadline');
    expect(deadline.hint.text).toBe('Collecting moves to voting by itself at this time.');
  });

  it('checks anonymous by default and explains it', () => {
    const anon = byId(view, ANONYMOUS.block);
    expect(anon.optional).toBe(true);
    expect(anon.element.options).toHaveLength(1);
    expect(anon.element.options[0].value).toBe('anonymous');
    expect(anon.element.options[0].text.text).toBe('Anonymous feedback by default');
    expect(anon.element.initial_options).toEqual(anon.element.options);
    expect(`${anon.element.options[0].description.text} ${anon.hint.text}`).toMatch(
      /each submission.*without any author/,
    );
  });

  it('offers 1..10 votes per person with 3 preselected, and optional co-facilitators', () => {
    const budget = byId(view, SETUP_IDS.blocks.voteBudget);
    expect(budget.label.text).toBe('Votes per person');
    expect(budget.element.options.map((o: any) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(budget.element.initial_option.value).toBe('3');
    const facilitators = byId(view, SETUP_IDS.blocks.facilitators);
    expect(facilitators.optional).toBe(true);
    expect(facilitators.element.type).toBe('multi_users_select');
    expect(facilitators.label.text).toBe('Co-facilitators');
    expect(facilitators.hint.text).toBe('They can reveal, run voting and close the retro with you.');
  });
});

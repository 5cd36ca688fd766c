import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../src/retro/retro.ids.js';
import { presentKpiHint } from '../../src/setup/present-setup-modal.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { parseSetupForm } from '../../src/setup/setup-form.js';

const now = new Date('2026-11-22T10:00:00Z');

/** The setup modal as submitted, with `kpis` typed in the KPI field. */
function submitted(kpis: string) {
  const { blocks } = SETUP_IDS;
  return {
    [blocks.title]: { input: { type: 'plain_text_input', value: 'Q3 launch' } },
    [blocks.kind]: {
      [SETUP_IDS.kindSelect]: { type: 'static_select', selected_option: { value: 'launch' } },
    },
    [blocks.template]: {
      input: { type: 'radio_buttons', selected_option: { value: 'start_stop_continue' } },
    },
    [blocks.kpis]: { input: { type: 'plain_text_input', value: kpis } },
    [blocks.deadline]: {
      input: { type: 'datetimepicker', selected_date_time: Date.UTC(2026, 10, 25, 17) / 1000 },
    },
    [blocks.voteBudget]: { input: { type: 'static_select', selected_option: { value: '3' } } },
    [blocks.facilitators]: { input: { type: 'multi_users_select', selected_users: [] } },
    [ANONYMOUS.block]: { input: { type: 'checkboxes', selected_options: [] } },
  };
}

describe('the setup modal’s KPI field', () => {
  it('accepts the lines people type: three columns, a blank unit with a direction, thousands separators', () => {
    const form = parseSetupForm(
      submitted(
        ['Win rate | 22% | 19%', 'CAC | $180 | $212 | | lower', 'Pipeline | 1,200 | 1,050'].join('\n'),
      ),
      now,
      'UFAC',
    );
    expect(form.ok && form.values.kpis).toEqual([
      { metric: 'Win rate', target: 22, actual: 19, unit: '%', higherIsBetter: true },
      { metric: 'CAC', target: 180, actual: 212, unit: 'USD', higherIsBetter: false },
      { metric: 'Pipeline', target: 1200, actual: 1050, unit: '', higherIsBetter: true },
    ]);
  });

  it('keeps the full five-column line', () => {
    const form = parseSetupForm(submitted('MQLs | 500 | 450 | leads | higher'), now, 'UFAC');
    expect(form.ok && form.values.kpis).toEqual([
      { metric: 'MQLs', target: 500, actual: 450, unit: 'leads', higherIsBetter: true },
    ]);
  });

  it('shows a bad line’s problem on the field', () => {
    const form = parseSetupForm(submitted('Win rate | 22%'), now, 'UFAC');
    expect(form.ok).toBe(false);
    expect(!form.ok && form.errors[SETUP_IDS.blocks.kpis]).toContain(
      'Line 1: expected "Metric | target | actual"',
    );
  });

  it('says in its help what is accepted', () => {
    const hint = presentKpiHint('quarter');
    expect(hint).toContain('Unit and direction may be left off');
    expect(hint).toContain('"Win rate | 22% | 19%"');
    expect(hint).toContain('"CAC | $180 | $212 | | lower"');
    expect(hint).toContain('1,200');
    expect(hint).toContain('higher is better');
    expect(hint.length).toBeLessThanOrEqual(2000);
  });
});

describe('the setup modal’s voting length', () => {
  const withLength = (value: string | null) => ({
    ...submitted(''),
    [SETUP_IDS.blocks.votingLength]: {
      input: { type: 'static_select', selected_option: value === null ? null : { value } },
    },
  });

  it.each([
    ['4', 4],
    ['24', 24],
    ['72', 72],
    ['manual', null],
  ])('reads %s as %s hours', (value, hours) => {
    const form = parseSetupForm(withLength(value), now, 'UFAC');
    expect(form.ok && form.values.votingHours).toBe(hours);
  });

  it('lasts a day when nothing was chosen (a modal opened before the field existed)', () => {
    const form = parseSetupForm(submitted(''), now, 'UFAC');
    expect(form.ok && form.values.votingHours).toBe(24);
  });

  it('refuses a length it does not offer', () => {
    const form = parseSetupForm(withLength('5000'), now, 'UFAC');
    expect(!form.ok && form.errors[SETUP_IDS.blocks.votingLength]).toBe('Choose how long voting lasts.');
  });
});

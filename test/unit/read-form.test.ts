import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsedBy, picked, readForm, text } from '../../src/slack/read-form.js';

const state = {
  title: { value: { type: 'plain_text_input', value: '  Q3 launch ' } },
  empty: { value: { type: 'plain_text_input', value: null } },
  kind: { value: { type: 'static_select', selected_option: { value: 'launch' } } },
  anon: { value: { type: 'checkboxes', selected_options: [{ value: 'anonymous' }] } },
  when: { value: { type: 'datetimepicker', selected_date_time: 1_800_000_000 } },
};

describe('readForm', () => {
  it('reads each block by its schema into typed values', () => {
    const form = readForm(state, {
      title: text().pipe(z.string().trim().min(1)),
      empty: text(),
      kind: z.enum(['campaign', 'launch']),
      anon: picked(),
      when: z.number(),
      missing: picked(),
    });
    expect(form).toEqual({
      ok: true,
      values: {
        title: 'Q3 launch',
        empty: '',
        kind: 'launch',
        anon: ['anonymous'],
        when: 1_800_000_000,
        missing: [],
      },
    });
  });

  it("answers Slack's errors map, the first problem of each block under its id", () => {
    const form = readForm(state, {
      empty: text().pipe(z.string().min(1, 'Give it a title.')),
      kind: z.enum(['campaign'], { error: 'Choose a kind.' }),
      title: parsedBy(text(), (raw) =>
        raw.includes('Q3') ? { ok: false, error: 'No quarters.' } : { ok: true, value: raw },
      ),
    });
    expect(form).toEqual({
      ok: false,
      errors: { empty: 'Give it a title.', kind: 'Choose a kind.', title: 'No quarters.' },
    });
  });

  it('treats a block whose state is not an element as missing', () => {
    const form = readForm({ title: { value: 'not an element' } }, { title: text() });
    expect(form).toEqual({ ok: true, values: { title: '' } });
  });
});

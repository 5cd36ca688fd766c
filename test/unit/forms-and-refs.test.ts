import { describe, expect, it } from 'vitest';
import { readActionForm } from '../../src/action-items/action-form.js';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { FIVE_WHYS_IDS } from '../../src/five-whys/five-whys.ids.js';
import { readWhysForm } from '../../src/five-whys/whys-form.js';
import { readSourceRef, sourceRefValue } from '../../src/shared/source-ref.js';
import { INPUT } from '../../src/slack/ids.js';

const UUID = '00000000-0000-4000-8000-000000000001';

describe('reading the modals', () => {
  it('reads the action, the picked owner and the picked day', () => {
    const B = ACTION_ITEM_IDS.blocks;
    const values = {
      [B.text]: { [INPUT]: { type: 'plain_text_input', value: 'Ship it' } },
      [B.owner]: { [INPUT]: { type: 'users_select', selected_user: 'U1' } },
      [B.due]: { [INPUT]: { type: 'datepicker', selected_date: '2026-12-01' } },
    };
    expect(readActionForm(values)).toEqual({ text: 'Ship it', ownerId: 'U1', dueDate: '2026-12-01' });
  });

  it('treats missing or malformed fields as empty', () => {
    const B = ACTION_ITEM_IDS.blocks;
    const values = {
      [B.owner]: { [INPUT]: { selected_user: 42 } },
      [B.due]: { [INPUT]: { selected_date: null } },
    };
    expect(readActionForm(values)).toEqual({ text: '', ownerId: undefined, dueDate: undefined });
  });

  it('reads all five whys, empty ones included', () => {
    const B = FIVE_WHYS_IDS.blocks;
    const values = {
      [B.problem]: { [INPUT]: { value: 'p' } },
      [B.why(1)]: { [INPUT]: { value: 'one' } },
      [B.why(3)]: { [INPUT]: { value: 'three' } },
      [B.rootCause]: { [INPUT]: { value: 'r' } },
    };
    expect(readWhysForm(values)).toEqual({
      problem: 'p',
      whys: ['one', '', 'three', '', ''],
      rootCause: 'r',
    });
  });
});

describe('source references in button values', () => {
  it('round-trip', () => {
    for (const type of ['item', 'kpi', 'root_cause', 'retro'] as const) {
      expect(readSourceRef(sourceRefValue({ type, id: UUID }))).toEqual({ type, id: UUID });
    }
  });

  it.each([undefined, '', 'item', `user:${UUID}`, 'item:not-a-uuid', `item:${UUID}x`])(
    'refuse %j',
    (value) => {
      expect(readSourceRef(value)).toBeNull();
    },
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeActionDueDate,
  createActionItem,
  findActionItem,
  listOpenByOwner,
  listOpenInChannel,
  markActionDone,
  type NewActionItem,
  reassignActionItem,
  setActionDmLocation,
  snoozeActionItem,
} from '../../src/action-items/action-item-changes.repository.js';
import {
  createFiveWhys,
  findFiveWhys,
  type NewFiveWhys,
  setFiveWhysMessage,
  updateFiveWhys,
} from '../../src/five-whys/five-whys.repository.js';
import type { Retro } from '../../src/retro/retro.js';
import { createRetro } from '../../src/setup/setup.service.js';
import { createTestDatabase, type TestDatabase } from '../harness/test-db.js';

const T = 'T_REPO';
const OTHER_TEAM = 'T_ELSEWHERE';
const NOW = new Date('2026-11-23T10:00:00Z');
const LATER = new Date('2026-11-24T09:30:00Z');

let database: TestDatabase;
let retro: Retro;
let otherRetro: Retro;

async function newRetro(teamId: string, channelId: string): Promise<Retro> {
  const created = await createRetro(database.db, {
    teamId,
    channelId,
    title: 'Q3 launch',
    kind: 'launch',
    template: 'start_stop_continue',
    deadlineAt: new Date('2026-11-30T17:00:00Z'),
    anonymousDefault: true,
    voteBudget: 3,
    createdBy: 'U_ANA',
    facilitatorIds: ['U_BEN'],
    kpis: [],
    createdAt: NOW,
  });
  if (!created.ok) throw new Error('retro not created');
  return created.retro;
}

function item(overrides: Partial<NewActionItem> = {}): NewActionItem {
  return {
    teamId: T,
    retroId: retro.id,
    channelId: retro.channelId,
    text: 'Update the launch checklist',
    ownerId: 'U_OWN',
    dueDate: '2026-12-01',
    sourceType: 'root_cause',
    sourceId: null,
    sourceLabel: 'No legal review step',
    createdBy: 'U_ANA',
    now: NOW,
    ...overrides,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  retro = await newRetro(T, 'C_RETRO');
  otherRetro = await newRetro(T, 'C_OTHER');
});

afterAll(async () => {
  await database?.drop();
});

describe(`action items in the database (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('stores an item with its retro, source and dates, and finds it only in its workspace', async () => {
    const created = await createActionItem(database.db, item());
    expect(created).toMatchObject({
      teamId: T,
      channelId: 'C_RETRO',
      text: 'Update the launch checklist',
      ownerId: 'U_OWN',
      dueDate: '2026-12-01',
      status: 'open',
      sourceType: 'root_cause',
      sourceLabel: 'No legal review step',
      createdBy: 'U_ANA',
      snoozedUntil: null,
      doneAt: null,
      doneBy: null,
      dmChannelId: null,
      dmTs: null,
      retro: {
        id: retro.id,
        title: 'Q3 launch',
        channelId: 'C_RETRO',
        createdBy: 'U_ANA',
        facilitatorIds: ['U_BEN'],
      },
    });
    expect(created.createdAt.getTime()).toBe(NOW.getTime());
    expect(await findActionItem(database.db, T, created.id)).toEqual(created);
    expect(await findActionItem(database.db, OTHER_TEAM, created.id)).toBeNull();
    expect(await findActionItem(database.db, T, 'not-a-uuid')).toBeNull();
    expect(await findActionItem(database.db, T, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('an item made outside a retro has no retro', async () => {
    const created = await createActionItem(
      database.db,
      item({ retroId: null, channelId: 'C_ANY', sourceType: 'manual' }),
    );
    expect(created.retro).toBeNull();
  });

  it('marks done once, recording who and when; a second press changes nothing', async () => {
    const created = await createActionItem(database.db, item());
    const done = await markActionDone(database.db, T, created.id, 'U_BEN', LATER);
    expect(done).toMatchObject({ status: 'done', doneBy: 'U_BEN' });
    expect(done?.doneAt?.getTime()).toBe(LATER.getTime());
    expect(done?.updatedAt.getTime()).toBe(LATER.getTime());
    expect(await markActionDone(database.db, T, created.id, 'U_OWN', new Date())).toBeNull();
    expect((await findActionItem(database.db, T, created.id))?.doneBy).toBe('U_BEN');
    expect(await snoozeActionItem(database.db, T, created.id, '2026-12-01', LATER)).toBeNull();
  });

  it('does not change an item of another workspace', async () => {
    const created = await createActionItem(database.db, item());
    expect(await markActionDone(database.db, OTHER_TEAM, created.id, 'U_X', LATER)).toBeNull();
    expect(await reassignActionItem(database.db, OTHER_TEAM, created.id, 'U_X', LATER)).toBeNull();
    expect(await changeActionDueDate(database.db, OTHER_TEAM, created.id, '2027-01-01', LATER)).toBeNull();
    expect((await findActionItem(database.db, T, created.id))?.status).toBe('open');
  });

  it('snoozes the reminder without moving the due date', async () => {
    const created = await createActionItem(database.db, item());
    const snoozed = await snoozeActionItem(database.db, T, created.id, '2026-11-30', LATER);
    expect(snoozed).toMatchObject({ snoozedUntil: '2026-11-30', dueDate: '2026-12-01' });
  });

  it('reassigns: new owner, and the old snooze and DM location are gone', async () => {
    const created = await createActionItem(database.db, item());
    await setActionDmLocation(database.db, T, created.id, { channelId: 'D_OWN', ts: '1700000000.000200' });
    await snoozeActionItem(database.db, T, created.id, '2026-11-30', LATER);
    expect(await findActionItem(database.db, T, created.id)).toMatchObject({
      dmChannelId: 'D_OWN',
      dmTs: '1700000000.000200',
    });
    const moved = await reassignActionItem(database.db, T, created.id, 'U_NEW', LATER);
    expect(moved).toMatchObject({ ownerId: 'U_NEW', snoozedUntil: null, dmChannelId: null, dmTs: null });
  });

  it('changes the due date', async () => {
    const created = await createActionItem(database.db, item());
    expect(await changeActionDueDate(database.db, T, created.id, '2027-01-15', LATER)).toMatchObject({
      dueDate: '2027-01-15',
    });
  });

  it('lists a person’s open items soonest due first, with the total past the page', async () => {
    for (const [i, due] of ['2026-12-05', '2026-11-01', '2026-12-01', '2026-11-20'].entries()) {
      await createActionItem(database.db, item({ ownerId: 'U_LIST', text: `item ${i}`, dueDate: due }));
    }
    const doneOne = await createActionItem(database.db, item({ ownerId: 'U_LIST', text: 'finished' }));
    await markActionDone(database.db, T, doneOne.id, 'U_LIST', LATER);

    const page = await listOpenByOwner(database.db, T, 'U_LIST', 3);
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.dueDate)).toEqual(['2026-11-01', '2026-11-20', '2026-12-01']);
    expect(await listOpenByOwner(database.db, OTHER_TEAM, 'U_LIST')).toEqual({ items: [], total: 0 });
    expect(await listOpenByOwner(database.db, T, 'U_NOBODY')).toEqual({ items: [], total: 0 });
  });

  it('lists the open items made in a channel', async () => {
    const a = await createActionItem(
      database.db,
      item({ retroId: otherRetro.id, channelId: 'C_OTHER', text: 'a' }),
    );
    await createActionItem(database.db, item({ retroId: otherRetro.id, channelId: 'C_OTHER', text: 'b' }));
    await createActionItem(database.db, item({ retroId: otherRetro.id, channelId: 'C_OTHER', text: 'c' }));
    await createActionItem(
      database.db,
      item({ retroId: null, channelId: 'C_OTHER', text: 'loose', sourceType: 'manual' }),
    );
    await markActionDone(database.db, T, a.id, 'U_OWN', LATER);

    const page = await listOpenInChannel(database.db, T, 'C_OTHER');
    expect(page.items.map((i) => i.text).sort()).toEqual(['b', 'c', 'loose']);
    expect(page.total).toBe(3);
  });

  it('refuses half a DM location and a text longer than the column allows', async () => {
    const created = await createActionItem(database.db, item());
    await expect(
      database.db
        .updateTable('action_items')
        .set({ dm_channel_id: 'D1' })
        .where('id', '=', created.id)
        .execute(),
    ).rejects.toThrow();
    await expect(createActionItem(database.db, item({ text: 'x'.repeat(501) }))).rejects.toThrow();
  });
});

describe('Five Whys in the database', () => {
  const chain = {
    problem: 'The launch slipped',
    whys: ['Legal was late', 'No review step'],
    rootCause: 'No checklist step',
  };
  const newChain = (overrides: Partial<NewFiveWhys> = {}): NewFiveWhys => ({
    teamId: T,
    retroId: retro.id,
    channelId: retro.channelId,
    sourceType: 'manual',
    sourceId: null,
    sourceLabel: null,
    chain,
    createdBy: 'U_AUTHOR',
    now: NOW,
    ...overrides,
  });

  it('stores, updates, posts and lists chains per retro, within the workspace', async () => {
    const first = await createFiveWhys(database.db, newChain());
    expect(first).toMatchObject({
      ...chain,
      retroId: retro.id,
      channelId: 'C_RETRO',
      createdBy: 'U_AUTHOR',
      messageTs: null,
    });
    const second = await createFiveWhys(
      database.db,
      newChain({
        sourceType: 'kpi',
        sourceLabel: 'MQLs: 120 of 200',
        chain: { ...chain, whys: ['one'] },
        createdBy: 'U_BEN',
        now: LATER,
      }),
    );

    await setFiveWhysMessage(database.db, T, first.id, '1700000000.000300');
    const edited = await updateFiveWhys(
      database.db,
      T,
      first.id,
      { ...chain, whys: ['a', 'b', 'c', 'd', 'e'] },
      LATER,
    );
    expect(edited).toMatchObject({ whys: ['a', 'b', 'c', 'd', 'e'], messageTs: '1700000000.000300' });
    expect(edited?.updatedAt.getTime()).toBe(LATER.getTime());
    expect(edited?.createdAt.getTime()).toBe(NOW.getTime());

    expect(await updateFiveWhys(database.db, OTHER_TEAM, first.id, chain, LATER)).toBeNull();
    expect(await findFiveWhys(database.db, OTHER_TEAM, first.id)).toBeNull();
    expect(await findFiveWhys(database.db, T, 'forged')).toBeNull();
    expect((await findFiveWhys(database.db, T, second.id))?.sourceLabel).toBe('MQLs: 120 of 200');
  });

  it('refuses more than five whys', async () => {
    await expect(
      createFiveWhys(database.db, newChain({ chain: { ...chain, whys: ['1', '2', '3', '4', '5', '6'] } })),
    ).rejects.toThrow();
  });
});

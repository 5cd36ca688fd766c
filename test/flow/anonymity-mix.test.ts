import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixDueRetros } from '../../src/feedback/mixing.service.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { addFeedback, expectFeedbackSaved, type StartedRetro, startRetro } from './retro-helpers.js';

/** Five people, four anonymous items each, submitted one after the other. */
const PEOPLE = ['UANA', 'UBEN', 'UCAT', 'UDAN', 'UEVE'];
const itemsOf = (person: string) => [1, 2, 3, 4].map((n) => `${person} says thing ${n}`);
const submissionOf = (body: string) => body.split(' ')[0];

interface PhysicalItem {
  body: string;
  xmin: string;
  ctid: string;
}

/** Items in physical order, with the transaction that wrote each. */
async function physicalItems(t: TestApp, retroId: string): Promise<PhysicalItem[]> {
  const rows = await sql<PhysicalItem>`
    select body, xmin::text as xmin, ctid::text as ctid from feedback_items
    where retro_id = ${retroId} order by ctid`.execute(t.database.db);
  return rows.rows;
}

/** True when every submission's items stand together in physical order. */
function groupedBySubmission(items: readonly PhysicalItem[]): boolean {
  const runs = items.map((i) => submissionOf(i.body)).filter((s, n, all) => n === 0 || all[n - 1] !== s);
  return new Set(runs).size === runs.length;
}

describe('anonymous even to whoever can read every table', () => {
  let t: TestApp;
  let retro: StartedRetro;

  beforeAll(async () => {
    t = await startTestApp();
    retro = await startRetro(t, t.user('UFAC'), 'Brand refresh');
    for (const person of PEOPLE) {
      const reply = await addFeedback(t, t.user(person), retro, { stop: itemsOf(person).join('\n\n') }, true);
      expectFeedbackSaved(reply);
    }
  });
  afterAll(() => t?.close());

  it('before the mix, items sit with their submission (which is why the mix exists)', async () => {
    const items = await physicalItems(t, retro.id);
    expect(items).toHaveLength(20);
    expect(new Set(items.map((i) => i.xmin)).size).toBe(PEOPLE.length);
  });

  it('after the mix, no xmin, ctid, id or time orders submissions or groups their items', async () => {
    expect(await mixDueRetros(t.database.db, t.clock.now())).toBe(1);
    const items = await physicalItems(t, retro.id);
    expect(items).toHaveLength(20);
    // One transaction wrote them all.
    expect(new Set(items.map((i) => i.xmin)).size).toBe(1);
    // Physical order is a shuffle: the chance that all five submissions still stand together is ~1e-9.
    expect(groupedBySubmission(items)).toBe(false);
    // Ids are random and items carry no time: nothing else to sort by.
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = 'feedback_items'`.execute(t.database.db);
    expect(columns.rows.filter((c) => /time|date|serial|int/.test(c.data_type))).toEqual([]);
    // Nothing is left to mix until new items arrive.
    expect(await mixDueRetros(t.database.db, t.clock.now())).toBe(0);
  });

  it('keeps who took part in one sorted row that points at no single submission', async () => {
    const rows = await sql<{ user_ids: string[]; xmin: string }>`
      select user_ids, xmin::text as xmin from retro_participation where retro_id = ${retro.id}`.execute(
      t.database.db,
    );
    expect(rows.rows.map((r) => r.user_ids)).toEqual([[...PEOPLE].sort()]);
    const itemTx = new Set((await physicalItems(t, retro.id)).map((i) => i.xmin));
    expect(itemTx.has(rows.rows[0]?.xmin ?? '')).toBe(false);
  });

  it('leaves no dead row version behind that kept the old order or the old participant lists', async () => {
    if (t.database.engine !== 'postgres') {
      // The embedded database has no pageinspect; the live rows above are what it keeps.
      expect(t.database.engine).toBe('pglite');
      return;
    }
    await sql`create extension if not exists pageinspect schema public`.execute(t.database.db);
    /** Row versions kept in the table's pages beyond the rows a query can see: dead ones. */
    const deadVersions = async (table: string) => {
      const pages = await sql<{ n: number }>`
        select (pg_relation_size(${table}::regclass) / current_setting('block_size')::int)::int as n`.execute(
        t.database.db,
      );
      let stored = 0;
      for (let page = 0; page < (pages.rows[0]?.n ?? 0); page++) {
        const rows = await sql<{ n: number }>`
          select count(*)::int as n from public.heap_page_items(public.get_raw_page(${table}, ${page}))
          where lp_flags = 1`.execute(t.database.db);
        stored += rows.rows[0]?.n ?? 0;
      }
      const live = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        t.database.db,
      );
      return stored - (live.rows[0]?.n ?? 0);
    };
    // VACUUM cannot remove versions an older transaction elsewhere may still see: wait for those to end.
    await waitFor(
      async () => {
        await sql`vacuum feedback_items, retro_participation`.execute(t.database.db);
        return (
          (await deadVersions('feedback_items')) === 0 && (await deadVersions('retro_participation')) === 0
        );
      },
      'no dead row versions',
      20_000,
    );
  });
});

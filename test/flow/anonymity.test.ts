import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import {
  addFeedback,
  expectFeedbackSaved,
  messageText,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

const WHISTLEBLOWER = 'UWHISTLE9';
const SECRETS = ['The VP ignored the launch data', 'Our pricing page misleads buyers'];

async function everyRow(t: TestApp): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.database.db);
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(
      t.database.db,
    );
    dump[table_name] = rows.rows;
  }
  return dump;
}

describe('anonymous feedback is really anonymous', () => {
  let t: TestApp;
  let retro: StartedRetro;
  let anonymousIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    t.slack.addUser({ id: WHISTLEBLOWER, name: 'Nina Whistle' });
    t.slack.addUser({ id: 'U1', name: 'Ann' });
    t.slack.addUser({ id: 'UFAC', name: 'Fran' });
    retro = await startRetro(t, t.user('UFAC'), 'Launch retro');
    // The anonymous submitter goes first, so any order that follows submission time would point at them.
    const reply = await addFeedback(t, t.user(WHISTLEBLOWER), retro, { stop: SECRETS.join('\n\n') }, true);
    expectFeedbackSaved(reply);
    await addFeedback(t, t.user('U1'), retro, { start: 'Ann says start case studies' }, false);
    await addFeedback(t, t.user('U2'), retro, { continue: 'Someone says keep the webinars' }, true);
    const rows = await t.database.db
      .selectFrom('feedback_items')
      .select('id')
      .where('body', 'in', SECRETS)
      .execute();
    anonymousIds = rows.map((r) => r.id);
    expect(anonymousIds).toHaveLength(2);
  });
  afterAll(() => t.close());

  it('stores anonymous items with no author, and the submitter only in the participant list', async () => {
    const dump = await everyRow(t);
    const mentioning = Object.entries(dump).flatMap(([table, rows]) =>
      rows.filter((r) => JSON.stringify(r).includes(WHISTLEBLOWER)).map((r) => ({ table, row: r })),
    );
    expect(mentioning.map((m) => m.table)).toEqual(['retro_participation']);
    expect(Object.keys(mentioning[0]?.row ?? {}).sort()).toEqual(['retro_id', 'team_id', 'user_ids']);
    for (const item of dump.feedback_items?.filter((r) => SECRETS.includes(String(r.body))) ?? []) {
      expect(item.author_id).toBeNull();
    }
    for (const rows of Object.values(dump)) {
      for (const row of rows) {
        const text = JSON.stringify(row);
        if (anonymousIds.some((id) => text.includes(id))) expect(text).not.toContain(WHISTLEBLOWER);
      }
    }
  });

  it('keeps no time, sequence or author-derived column on items or participants', async () => {
    const columns = await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      column_default: string | null;
    }>`
      select table_name, column_name, data_type, column_default from information_schema.columns
      where table_schema = current_schema() and table_name in ('feedback_items', 'retro_participation')`.execute(
      t.database.db,
    );
    expect(
      columns.rows.filter(
        (c) => /time|date|serial/.test(c.data_type) || /nextval|now\(\)/.test(c.column_default ?? ''),
      ),
    ).toEqual([]);
    expect(
      columns.rows
        .filter((c) => c.table_name === 'feedback_items')
        .map((c) => c.column_name)
        .sort(),
    ).toEqual(['author_id', 'body', 'id', 'retro_id', 'section', 'team_id']);
  });

  it('does not let row order or the writing transaction line participants up with submissions', async () => {
    const participants = await sql<{ user_ids: string[]; tx: string }>`
      select user_ids, xmin::text as tx from retro_participation where retro_id = ${retro.id}`.execute(
      t.database.db,
    );
    // One row, in user-id order, not the order people submitted in (whistleblower first).
    expect(participants.rows.map((p) => p.user_ids)).toEqual([['U1', 'U2', WHISTLEBLOWER]]);
    // Rewritten whole by the latest submission, so it does not carry the whistleblower's transaction.
    const secretTx = await sql<{ tx: string }>`
      select xmin::text as tx from feedback_items where id = ${anonymousIds[0] ?? ''}`.execute(t.database.db);
    expect(participants.rows[0]?.tx).not.toBe(secretTx.rows[0]?.tx);
  });

  it('never logs the submitter together with anything of the submission', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    const lines = t.logs.filter((l) => l.includes(WHISTLEBLOWER));
    expect(lines).toEqual([]);
    expect(
      t.logs.filter((l) => SECRETS.some((s) => l.includes(s)) || anonymousIds.some((id) => l.includes(id))),
    ).toEqual([]);
  });

  it('reveals and summarizes anonymous items without a name, and never counts per person', async () => {
    const before = t.slack.calls.length;
    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall('chat.postMessage', (c) => c.body.thread_ts === retro.cardTs, before);
    await t.user('UFAC').press(ACTIONS.close, retro.id, { messageTs: retro.cardTs });
    await t.slack.waitForCall(
      'chat.postMessage',
      (c) => !c.body.thread_ts && /summary/i.test(String(c.body.text)),
      before,
    );
    await t.rearview.features.outbox.flush();
    const posted = t.slack.calls
      .slice(before)
      .filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method))
      .map((c) => messageText(c.body))
      .join('\n');
    for (const secret of SECRETS) expect(posted).toContain(secret);
    expect(posted).not.toContain('Nina');
    expect(posted).not.toContain(WHISTLEBLOWER);
    expect(posted).toContain('Ann');
    expect(t.logs.filter((l) => l.includes(WHISTLEBLOWER))).toEqual([]);
  });
});

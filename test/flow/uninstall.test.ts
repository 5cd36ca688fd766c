import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/outbox/outbox.repository.js';
import { channelPost } from '../../src/outbox/outbox-message.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { cardCatchesUp } from './card-helpers.js';
import { addFeedback, expectFeedbackSaved, insertActionItems, startRetro } from './retro-helpers.js';

const GONE = 'T0GONE';
const STAYS = 'T0STAYS';

/** Requests from the fake Slack carry its team id: it is switched for the work of one workspace. */
async function asTeam<T>(t: TestApp, teamId: string, work: () => Promise<T>): Promise<T> {
  const slack = t.slack as { teamId: string };
  const before = slack.teamId;
  slack.teamId = teamId;
  try {
    return await work();
  } finally {
    slack.teamId = before;
  }
}

/** A retro with feedback, an action item and a user's settings, all in `teamId`. */
async function fill(t: TestApp, teamId: string): Promise<void> {
  await asTeam(t, teamId, async () => {
    const retro = await startRetro(t, t.user('UFAC'), `Retro of ${teamId}`);
    expectFeedbackSaved(await addFeedback(t, t.user('U1'), retro, { start: 'start demos' }, false));
    expectFeedbackSaved(await addFeedback(t, t.user('U2'), retro, { stop: 'stop late briefs' }, true));
    await insertActionItems(t, [
      { teamId, title: 'Write the brief', ownerId: 'U1', dueDate: '2026-12-01', retroId: retro.id },
    ]);
    // The tick's own work for this workspace (the card's counts, the owner's zone) is done before counting.
    await cardCatchesUp(t, retro);
  });
}

/** Every table with a team_id column, read from the database so a table added later is covered. */
async function countsOf(t: TestApp, teamId: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'team_id' and t.table_type = 'BASE TABLE'
      and c.table_name <> 'workspace_removals'
    order by c.table_name`.execute(t.database.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    const { rows: n } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}
      where team_id = ${teamId}`.execute(t.database.db);
    counts[table_name] = Number(n[0]?.n ?? 0);
  }
  return counts;
}

/** Bolt answers an event before its listener runs: the removal is waited for in the database. */
async function removalNoted(t: TestApp): Promise<void> {
  await waitFor(async () => {
    const { rows } = await sql`select 1 from workspace_removals
      where team_id = ${GONE} and finished_at is null`.execute(t.database.db);
    return rows.length > 0 || undefined;
  }, 'the removal to be noted');
}

async function uninstalled(t: TestApp) {
  const reply = await asTeam(t, GONE, () => t.sender.event({ type: 'app_uninstalled' }));
  await removalNoted(t);
  return reply;
}

async function revoked(t: TestApp, tokens: { oauth?: string[]; bot?: string[] }) {
  const reply = await asTeam(t, GONE, () => t.sender.event({ type: 'tokens_revoked', tokens }));
  if (tokens.bot?.length) await removalNoted(t);
  return reply;
}

describe('a workspace that removes the app', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await fill(t, GONE);
    await fill(t, STAYS);
  });
  afterEach(async () => {
    await t.close();
  });

  async function expectGoneAndOtherKept(kept: Record<string, number>): Promise<void> {
    const gone = await countsOf(t, GONE);
    expect(Object.keys(gone).length).toBeGreaterThan(5);
    expect(Object.entries(gone).filter(([, n]) => n > 0)).toEqual([]);
    expect(await countsOf(t, STAYS)).toEqual(kept);
  }

  it('loses all its rows, twice told, and the other workspace keeps every row', async () => {
    const before = await countsOf(t, GONE);
    for (const table of ['retros', 'feedback_items', 'action_items', 'retro_participation']) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    const kept = await countsOf(t, STAYS);

    expect((await uninstalled(t)).status).toBe(200);
    expect((await uninstalled(t)).status).toBe(200);
    await t.rearview.scheduler?.tick();
    await expectGoneAndOtherKept(kept);
    expect(t.logs.some((l) => l.includes('deleted the data of a workspace'))).toBe(true);
    // Nothing of a feedback text is logged with the counts.
    expect(t.logs.some((l) => l.includes('deleted the data') && l.includes('start demos'))).toBe(false);

    // Told once more after the deletion: nothing left to delete, nothing of the other touched.
    expect((await uninstalled(t)).status).toBe(200);
    await t.rearview.scheduler?.tick();
    await expectGoneAndOtherKept(kept);
  });

  it('sends nothing more to it, even what was queued before the news or after it', async () => {
    const now = t.clock.now();
    await enqueue(t.database.db, channelPost(GONE, 'C0RETRO', { text: 'queued before' }), now);
    expect((await revoked(t, { bot: ['UBOT'] })).status).toBe(200);
    // A job that queues between the news and the deletion: the row waits, unsent, and is deleted.
    await enqueue(t.database.db, channelPost(GONE, 'C0RETRO', { text: 'queued after' }), now);
    await enqueue(t.database.db, channelPost(STAYS, 'C0RETRO', { text: 'for the other' }), now);
    await t.rearview.features.outbox.flush();
    const texts = t.slack.callsOf('chat.postMessage').map((c) => String(c.body.text));
    expect(texts).not.toContain('queued before');
    expect(texts).not.toContain('queued after');
    expect(texts).toContain('for the other');

    const kept = await countsOf(t, STAYS);
    expect((await uninstalled(t)).status).toBe(200);
    await t.rearview.scheduler?.tick();
    await t.rearview.features.outbox.flush();
    await expectGoneAndOtherKept(kept);
    expect(t.slack.callsOf('chat.postMessage').map((c) => String(c.body.text))).not.toContain('queued after');
  });

  it('keeps its data when only a user token is revoked', async () => {
    const data = ['retros', 'feedback_items', 'action_items', 'view_submissions', 'retro_participation'];
    const pick = (counts: Record<string, number>) => data.map((table) => counts[table]);
    const before = pick(await countsOf(t, GONE));
    expect((await revoked(t, { oauth: ['UFAC'] })).status).toBe(200);
    await t.rearview.scheduler?.tick();
    expect(pick(await countsOf(t, GONE))).toEqual(before);
    await enqueue(t.database.db, channelPost(GONE, 'C0RETRO', { text: 'still here' }), t.clock.now());
    await t.rearview.features.outbox.flush();
    expect(t.slack.callsOf('chat.postMessage').map((c) => String(c.body.text))).toContain('still here');
  });
});

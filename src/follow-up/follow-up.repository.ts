import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { DeliveryRecord } from './follow-up.js';

/**
 * Records the weekly deliveries about to be queued; returns the keys of those recorded now (a row another
 * copy recorded first is left out, so its message is queued once).
 */
export async function recordDeliveries(
  trx: DbOrTrx,
  deliveries: readonly DeliveryRecord[],
  now: Date,
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const batch = deliveries.map((d) => ({
    team_id: d.teamId,
    kind: d.kind,
    subject_id: d.subjectId,
    week: d.week,
  }));
  const { rows } = await sql<{ team_id: string; kind: string; subject_id: string; week: string }>`
    insert into follow_up_deliveries (team_id, kind, subject_id, week, queued_at)
    select d.team_id, d.kind, d.subject_id, d.week, ${now}
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
      as d(team_id text, kind text, subject_id text, week text)
    on conflict do nothing
    returning team_id, kind, subject_id, week`.execute(trx);
  const recorded = new Set(rows.map((r) => `${r.kind}:${r.team_id}:${r.subject_id}:${r.week}`));
  return new Set(deliveries.filter((d) => recorded.has(d.key)).map((d) => d.key));
}

/** Records of weeks long past: the selection only ever asks about the current week. */
export async function pruneDeliveries(db: DbOrTrx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('follow_up_deliveries')
    .where('queued_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

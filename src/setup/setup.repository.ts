import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { type Kpi, seriesKeyOf } from '../retro/kpi.js';
import { OPEN_PHASES } from '../retro/phases.js';
import { type Retro, toRetro } from '../retro/retro.js';
import type { RetroKind, TemplateId } from '../retro/templates.js';

export interface NewRetro {
  teamId: string;
  channelId: string;
  title: string;
  kind: RetroKind;
  template: TemplateId;
  deadlineAt: Date;
  anonymousDefault: boolean;
  voteBudget: number;
  /** Omitted: voting lasts until a facilitator ends it. */
  votingHours?: number | null;
  createdBy: string;
  facilitatorIds: string[];
  /** `seriesKey`: the series a KPI continues, when not its own metric's (a renamed KPI linked to it). */
  kpis: (Kpi & { seriesKey?: string })[];
  createdAt: Date;
  /** Started by a schedule: which one, for which occurrence. */
  scheduleId?: string;
  scheduledFor?: Date;
}

/** Inserts the retro and its KPIs; null when the channel already has an open retro. */
export async function insertRetro(trx: DbOrTrx, input: NewRetro): Promise<Retro | null> {
  const row = await trx
    .insertInto('retros')
    .values({
      id: randomUUID(),
      team_id: input.teamId,
      channel_id: input.channelId,
      title: input.title,
      kind: input.kind,
      template: input.template,
      phase: 'collecting',
      deadline_at: input.deadlineAt,
      anonymous_default: input.anonymousDefault,
      vote_budget: input.voteBudget,
      voting_hours: input.votingHours ?? null,
      created_by: input.createdBy,
      facilitator_ids: input.facilitatorIds,
      card_ts: null,
      reminder_sent_at: null,
      revealed_at: null,
      closed_at: null,
      created_at: input.createdAt,
      schedule_id: input.scheduleId ?? null,
      scheduled_for: input.scheduledFor ?? null,
    })
    // The partial unique index allows one open retro per channel, even against concurrent starts.
    .onConflict((oc) =>
      // Literal predicate: Postgres matches it against the partial index when planning.
      oc
        .columns(['team_id', 'channel_id'])
        .where(sql<boolean>`phase in (${sql.join(OPEN_PHASES.map((p) => sql.lit(p)))})`)
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  if (input.kpis.length) {
    await trx
      .insertInto('retro_kpis')
      .values(
        input.kpis.map((kpi, position) => ({
          id: randomUUID(),
          team_id: input.teamId,
          retro_id: row.id,
          position,
          metric: kpi.metric,
          target: kpi.target,
          actual: kpi.actual,
          unit: kpi.unit,
          higher_is_better: kpi.higherIsBetter,
          series_key: kpi.seriesKey ?? seriesKeyOf(kpi.metric),
        })),
      )
      .execute();
  }
  return toRetro(row);
}

export async function setCardTs(db: DbOrTrx, retroId: string, cardTs: string): Promise<void> {
  await db.updateTable('retros').set({ card_ts: cardTs }).where('id', '=', retroId).execute();
}

/** Cancels a retro whose card could not be posted, unless it has moved on in the meantime. */
export async function cancelUnstartedRetro(db: DbOrTrx, retroId: string, now: Date): Promise<void> {
  await db
    .updateTable('retros')
    .set({ phase: 'cancelled', closed_at: now })
    .where('id', '=', retroId)
    .where('phase', '=', 'collecting')
    .execute();
}

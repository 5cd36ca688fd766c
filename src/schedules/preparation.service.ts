import { listOpenInChannel } from '../action-items/action-items.service.js';
import type { FeatureContext } from '../context.js';
import type { Db } from '../db/database.js';
import { directMessage } from '../outbox/index.js';
import { type Kpi, seriesKeyOf } from '../retro/kpi.js';
import { presentPreparationDm } from './present-schedule-notice.js';
import {
  facilitatesSchedule,
  type PreparedActuals,
  readPrepared,
  type Schedule,
  scheduleFacilitators,
  withPreparedActuals,
} from './schedule.js';
import {
  claimDuePreparation,
  findOccurrenceRetro,
  findScheduleRowById,
  updateScheduleRow,
} from './schedules.repository.js';
import { kpisFor, loadSchedule, toSchedule } from './schedules.service.js';

/** Open action items of the channel listed in a preparation DM. */
const OPEN_ACTIONS_SHOWN = 10;
/** Preparation DMs queued in one run of the job; the rest wait a minute. */
const PREPARATIONS_PER_RUN = 50;

/**
 * Asks each facilitator to prepare, once per occurrence: the schedule's row is locked and its
 * `prepared_for` set in the transaction that queues the DMs, each with its own job key besides.
 */
export async function sendPreparations(ctx: FeatureContext, now: Date): Promise<number> {
  let done = 0;
  for (let i = 0; i < PREPARATIONS_PER_RUN; i++) {
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const row = await claimDuePreparation(trx, now);
      if (!row?.next_start_at) return null;
      const occurrence = row.next_start_at;
      await updateScheduleRow(trx, row.team_id, row.id, { prepared_for: occurrence });
      const schedule = toSchedule(row);
      if (!schedule) return 0;
      const kpis = await kpisFor(trx, schedule);
      const open = await listOpenInChannel(trx, schedule.teamId, schedule.channelId, OPEN_ACTIONS_SHOWN);
      const content = presentPreparationDm({
        scheduleId: schedule.id,
        title: schedule.title,
        channelId: schedule.channelId,
        occurrence,
        kpis: withPreparedActuals(kpis, schedule.prepared, occurrence),
        openActions: open.items,
        openTotal: open.total,
      });
      await ctx.outbox.enqueue(
        trx,
        scheduleFacilitators(schedule).map((userId) =>
          directMessage(
            schedule.teamId,
            userId,
            { ...content },
            {
              jobKey: `prepare:${schedule.id}:${occurrence.toISOString()}:${userId}`,
            },
          ),
        ),
      );
      return 1;
    });
    if (sent === null) break;
    ctx.outbox.kick();
    done += sent;
  }
  return done;
}

export type Preparation =
  | { ok: true; schedule: Schedule; occurrence: Date; kpis: Kpi[] }
  | { ok: false; reason: 'gone' | 'not_facilitator' | 'passed' }
  | { ok: false; reason: 'started'; channelId: string; cardTs: string | null };

/** What the *Fill in KPI actuals* button of a preparation DM opens, for this person and occurrence. */
export async function preparationOf(
  db: Db,
  teamId: string,
  scheduleId: string,
  occurrence: Date,
  userId: string,
): Promise<Preparation> {
  const schedule = await loadSchedule(db, teamId, scheduleId);
  if (!schedule) return { ok: false, reason: 'gone' };
  if (!facilitatesSchedule(schedule, userId)) return { ok: false, reason: 'not_facilitator' };
  if (schedule.nextStartAt?.getTime() !== occurrence.getTime()) {
    const started = await findOccurrenceRetro(db, teamId, scheduleId, occurrence);
    return started
      ? { ok: false, reason: 'started', channelId: started.channel_id, cardTs: started.card_ts }
      : { ok: false, reason: 'passed' };
  }
  const kpis = withPreparedActuals(await kpisFor(db, schedule), schedule.prepared, occurrence);
  return { ok: true, schedule, occurrence, kpis };
}

/**
 * Keeps the actuals typed before an occurrence (by KPI series), applied when it starts; refused once the
 * occurrence has started or passed (the row is locked, so the start sees them or this sees the start).
 */
export async function savePreparedActuals(
  db: Db,
  teamId: string,
  scheduleId: string,
  occurrence: Date,
  actuals: ReadonlyMap<string, number | null>,
): Promise<{ ok: true } | { ok: false; reason: 'gone' | 'passed' }> {
  return db.transaction().execute(async (trx) => {
    const row = await findScheduleRowById(trx, teamId, scheduleId, { lock: true });
    if (!row) return { ok: false, reason: 'gone' } as const;
    if (row.next_start_at?.getTime() !== occurrence.getTime())
      return { ok: false, reason: 'passed' } as const;
    const before = readPrepared(row.prepared_kpis);
    const kept = before && new Date(before.for).getTime() === occurrence.getTime() ? before.actuals : {};
    const prepared: PreparedActuals = {
      for: occurrence.toISOString(),
      actuals: {
        ...kept,
        ...Object.fromEntries([...actuals].map(([metric, v]) => [seriesKeyOf(metric), v])),
      },
    };
    await updateScheduleRow(trx, teamId, scheduleId, { prepared_kpis: JSON.stringify(prepared) });
    return { ok: true } as const;
  });
}

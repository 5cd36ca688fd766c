import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { FeatureContext } from '../context.js';
import { todayIn } from '../shared/dates.js';
import { type ActionArgs, actionValue, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { timeZoneOf } from '../slack/users.js';
import { safeZone } from './cadence.js';
import { newScheduleDraft, presentScheduleModal, type ScheduleDraft } from './present-schedule-modal.js';
import {
  NOT_A_CHANNEL_FOR_SCHEDULE,
  presentDeleteConfirm,
  presentScheduleOverview,
  SCHEDULE_DELETED,
  SCHEDULE_EXISTS,
  SCHEDULE_FORGED,
  SCHEDULE_GONE,
  SCHEDULE_NOT_YOURS,
  SCHEDULE_PAUSED,
  SCHEDULE_RESUMED,
  SCHEDULE_SAVED,
  scheduledText,
} from './present-schedule-overview.js';
import type { Schedule } from './schedule.js';
import { draftFromState, FREQUENCIES, parseScheduleForm } from './schedule-form.js';
import { SCHEDULE_IDS } from './schedules.ids.js';
import {
  channelCarriedKpis,
  createSchedule,
  deleteSchedule,
  editSchedule,
  loadChannelSchedule,
  loadSchedule,
  mayChangeSchedule,
  pauseSchedule,
  resumeSchedule,
} from './schedules.service.js';

/** The schedule modal's sealed metadata: the channel, the zone its time is read in, the schedule edited. */
const FormMetadata = z.object({
  channelId: z.string().regex(/^[CG][A-Z0-9]+$/),
  zone: z.string().min(1),
  scheduleId: z.uuid().optional(),
});
const ScheduleMetadata = z.object({ scheduleId: z.uuid() });
function seal(ctx: FeatureContext, data: Record<string, unknown>): string {
  return sealMetadata(metadataKey(ctx.config), data);
}

async function carriedNames(ctx: FeatureContext, teamId: string, channelId: string): Promise<string[]> {
  return (await channelCarriedKpis(ctx.db, teamId, channelId)).map((k) => k.metric);
}

function draftOf(schedule: Schedule): ScheduleDraft {
  return {
    title: schedule.title,
    frequency: schedule.cadence.every,
    cadence: schedule.cadence,
    startTime: schedule.startTime,
    template: schedule.template,
    kpiLines: schedule.kpiLines,
    facilitatorIds: schedule.facilitatorIds,
    collectHours: schedule.collectHours,
    votingHours: schedule.votingHours,
    prepareHours: schedule.prepareHours,
  };
}

async function overview(
  ctx: FeatureContext,
  client: webApi.WebClient,
  schedule: Schedule,
  userId: string,
  notice?: string,
  /** Already known (a change was just allowed): Slack is not asked again before the answer. */
  known?: boolean,
) {
  return presentScheduleOverview({
    schedule,
    mayChange: known ?? (await mayChangeSchedule(client, schedule, userId)),
    metadata: seal(ctx, { scheduleId: schedule.id }),
    ...(notice ? { notice } : {}),
  });
}

/** `/retro schedule`: the schedule modal when the channel has none; otherwise the schedule itself. */
export function scheduleCommand(ctx: FeatureContext): SubcommandHandler {
  return async ({ ack, command, client, respond }: CommandArgs) => {
    await ack();
    const channelId = command.channel_id;
    if (!/^[CG]/.test(channelId)) {
      await respond({ response_type: 'ephemeral', text: NOT_A_CHANNEL_FOR_SCHEDULE });
      return;
    }
    const teamId = command.team_id;
    const schedule = await loadChannelSchedule(ctx.db, teamId, channelId);
    if (schedule) {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: await overview(ctx, client, schedule, command.user_id),
      });
      return;
    }
    const [zone, carried] = await Promise.all([
      timeZoneOf(client, command.user_id).then(safeZone),
      carriedNames(ctx, teamId, channelId),
    ]);
    await client.views.open({
      trigger_id: command.trigger_id,
      view: presentScheduleModal({
        draft: newScheduleDraft(command.user_id),
        zone,
        carried,
        editing: false,
        metadata: seal(ctx, { channelId, zone }),
      }),
    });
  };
}

/** A new frequency offers other days: the modal is drawn again, keeping what was typed. */
export function frequencyChanged(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const view = body.view;
    const meta = openMetadata(metadataKey(ctx.config), view?.private_metadata, FormMetadata);
    if (!view || !meta) return;
    const teamId = teamOf(body);
    const edited = meta.scheduleId ? await loadSchedule(ctx.db, teamId, meta.scheduleId) : null;
    const base = edited ? draftOf(edited) : newScheduleDraft(body.user.id);
    const state = draftFromState(view.state.values, base);
    const chosen = FREQUENCIES.find((f) => f === actionValue(args));
    const draft = chosen ? { ...state, frequency: chosen } : state;
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: presentScheduleModal({
        draft: draft.frequency === base.frequency ? draft : { ...draft, cadence: null },
        zone: meta.zone,
        carried: await carriedNames(ctx, teamId, meta.channelId),
        editing: edited !== null,
        metadata: view.private_metadata,
      }),
    });
  };
}

/** The schedule modal's submission: a new schedule, or changes to one, then the schedule as it now is. */
export function scheduleSubmitted(ctx: FeatureContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, FormMetadata);
    if (!meta) {
      await ack({
        response_action: 'update',
        view: presentNoticeModal('Schedule not saved', SCHEDULE_FORGED),
      });
      return;
    }
    const now = ctx.clock.now();
    const userId = body.user.id;
    const teamId = teamOf(body);
    const form = parseScheduleForm(view.state.values, todayIn(meta.zone, now));
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    if (meta.scheduleId) {
      const schedule = await loadSchedule(ctx.db, teamId, meta.scheduleId);
      if (!schedule) {
        await ack({
          response_action: 'update',
          view: presentNoticeModal('Schedule not saved', SCHEDULE_GONE),
        });
        return;
      }
      if (!(await mayChangeSchedule(client, schedule, userId))) {
        await ack({
          response_action: 'update',
          view: await overview(ctx, client, schedule, userId, SCHEDULE_NOT_YOURS, false),
        });
        return;
      }
      const saved = (await editSchedule(ctx.db, schedule, form.values, now)) ?? schedule;
      await ack({
        response_action: 'update',
        view: await overview(ctx, client, saved, userId, SCHEDULE_SAVED, true),
      });
      return;
    }
    const created = await createSchedule(
      ctx.db,
      { ...form.values, teamId, channelId: meta.channelId, createdBy: userId, timeZone: meta.zone },
      now,
    );
    if (!created.ok) {
      await ack({ response_action: 'errors', errors: { [SCHEDULE_IDS.blocks.title]: SCHEDULE_EXISTS } });
      return;
    }
    await ack({
      response_action: 'update',
      // Its creator facilitates it.
      view: await overview(ctx, client, created.schedule, userId, scheduledText(created.schedule), true),
    });
  };
}

/** The schedule a button of the overview names, if the presser may change it; otherwise they are told. */
async function guardChange(ctx: FeatureContext, args: ActionArgs): Promise<Schedule | null> {
  await args.ack();
  const { body, client } = args;
  const schedule = z.uuid().safeParse(actionValue(args)).success
    ? await loadSchedule(ctx.db, teamOf(body), actionValue(args))
    : null;
  const viewId = body.view?.id;
  if (!schedule) {
    if (viewId)
      await client.views.update({
        view_id: viewId,
        view: presentNoticeModal('Scheduled retros', SCHEDULE_GONE),
      });
    return null;
  }
  if (await mayChangeSchedule(client, schedule, body.user.id)) return schedule;
  if (viewId) {
    await client.views.update({
      view_id: viewId,
      view: await overview(ctx, client, schedule, body.user.id, SCHEDULE_NOT_YOURS, false),
    });
  }
  return null;
}

export function editPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    const schedule = await guardChange(ctx, args);
    const viewId = args.body.view?.id;
    if (!schedule || !viewId) return;
    await args.client.views.update({
      view_id: viewId,
      view: presentScheduleModal({
        draft: draftOf(schedule),
        zone: schedule.timeZone,
        carried: await carriedNames(ctx, schedule.teamId, schedule.channelId),
        editing: true,
        metadata: seal(ctx, {
          channelId: schedule.channelId,
          zone: schedule.timeZone,
          scheduleId: schedule.id,
        }),
      }),
    });
  };
}

export function pauseOrResumePressed(ctx: FeatureContext, change: 'pause' | 'resume') {
  return async (args: ActionArgs) => {
    const schedule = await guardChange(ctx, args);
    const viewId = args.body.view?.id;
    if (!schedule || !viewId) return;
    const now = ctx.clock.now();
    const changed =
      (change === 'pause'
        ? await pauseSchedule(ctx.db, schedule, now)
        : await resumeSchedule(ctx.db, schedule, now)) ?? schedule;
    await args.client.views.update({
      view_id: viewId,
      view: await overview(
        ctx,
        args.client,
        changed,
        args.body.user.id,
        change === 'pause' ? SCHEDULE_PAUSED : SCHEDULE_RESUMED,
        true,
      ),
    });
  };
}

/** Delete asks first, in a modal pushed over the schedule. */
export function deletePressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    const schedule = await guardChange(ctx, args);
    if (!schedule) return;
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: presentDeleteConfirm(schedule, seal(ctx, { scheduleId: schedule.id })),
    });
  };
}

export function deleteConfirmed(ctx: FeatureContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, ScheduleMetadata);
    const schedule = meta ? await loadSchedule(ctx.db, teamOf(body), meta.scheduleId) : null;
    if (!schedule) {
      await ack({ response_action: 'update', view: presentNoticeModal('Scheduled retros', SCHEDULE_GONE) });
      return;
    }
    if (!(await mayChangeSchedule(client, schedule, body.user.id))) {
      await ack({
        response_action: 'update',
        view: presentNoticeModal('Scheduled retros', SCHEDULE_NOT_YOURS),
      });
      return;
    }
    await deleteSchedule(ctx.db, schedule);
    await ack({ response_action: 'clear' });
    await tellUser(client, { channelId: schedule.channelId, userId: body.user.id }, SCHEDULE_DELETED);
  };
}

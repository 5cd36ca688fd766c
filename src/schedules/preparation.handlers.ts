import { z } from 'zod';
import type { FeatureContext } from '../context.js';
import { parseKpiActual } from '../retro/kpi.js';
import { type ActionArgs, actionValue, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { messageLink } from '../slack/permalink.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { parsedBy, readForm, text } from '../slack/read-form.js';
import { preparationOf, savePreparedActuals } from './preparation.service.js';
import {
  PREPARATION_GONE,
  PREPARATION_NOT_YOURS,
  PREPARATION_PASSED,
  PREPARE_TITLE,
  PREPARED_SAVED,
  preparationStartedText,
} from './present-schedule-notice.js';
import { prepareBlockId, presentPrepareModal } from './present-schedule-overview.js';

const PrepareMetadata = z.object({
  scheduleId: z.uuid(),
  occurrence: z.iso.datetime(),
  metrics: z.array(z.string()),
});

const REFUSALS = {
  gone: PREPARATION_GONE,
  not_facilitator: PREPARATION_NOT_YOURS,
  passed: PREPARATION_PASSED,
} as const;

const PrepareValue = z
  .string()
  .transform((value) => value.split('|'))
  .pipe(z.tuple([z.uuid(), z.iso.datetime()]));

/** *Fill in KPI actuals* in a preparation DM: the modal, or why there is none (with the card once started). */
export function preparePressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { body, client } = args;
    const value = PrepareValue.safeParse(actionValue(args));
    const open = (text: string) =>
      client.views.open({ trigger_id: body.trigger_id, view: presentNoticeModal(PREPARE_TITLE, text) });
    if (!value.success) {
      await open(PREPARATION_GONE);
      return;
    }
    const [scheduleId, iso] = value.data;
    const found = await preparationOf(ctx.db, teamOf(body), scheduleId, new Date(iso), body.user.id);
    if (!found.ok) {
      if (found.reason === 'started') {
        await open(preparationStartedText(await messageLink(client, found.channelId, found.cardTs)));
      } else {
        await open(REFUSALS[found.reason]);
      }
      return;
    }
    if (found.kpis.length === 0) {
      await open('This retro has no KPIs to fill in.');
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: presentPrepareModal({
        title: found.schedule.title,
        occurrence: found.occurrence,
        kpis: found.kpis,
        metadata: sealMetadata(metadataKey(ctx.config), {
          scheduleId,
          occurrence: found.occurrence.toISOString(),
          metrics: found.kpis.map((k) => k.metric),
        }),
      }),
    });
  };
}

export function prepareSubmitted(ctx: FeatureContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const notice = (text: string) =>
      ack({ response_action: 'update', view: presentNoticeModal(PREPARE_TITLE, text) });
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, PrepareMetadata);
    if (!meta) {
      await notice(PREPARATION_GONE);
      return;
    }
    const form = readForm(
      view.state.values,
      Object.fromEntries(meta.metrics.map((_, i) => [prepareBlockId(i), parsedBy(text(), parseKpiActual)])),
    );
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const teamId = teamOf(body);
    const occurrence = new Date(meta.occurrence);
    const check = await preparationOf(ctx.db, teamId, meta.scheduleId, occurrence, body.user.id);
    if (!check.ok && check.reason !== 'started') {
      await notice(REFUSALS[check.reason]);
      return;
    }
    const actuals = new Map(meta.metrics.map((m, i) => [m, form.values[prepareBlockId(i)] as number | null]));
    const saved = check.ok
      ? await savePreparedActuals(ctx.db, teamId, meta.scheduleId, occurrence, actuals)
      : null;
    if (saved?.ok) {
      await notice(PREPARED_SAVED);
      return;
    }
    const now = await preparationOf(ctx.db, teamId, meta.scheduleId, occurrence, body.user.id);
    await notice(
      !now.ok && now.reason === 'started'
        ? preparationStartedText(await messageLink(client, now.channelId, now.cardTs))
        : PREPARATION_PASSED,
    );
  };
}

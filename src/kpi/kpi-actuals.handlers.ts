import { z } from 'zod';
import type { AppContext, FeatureContext } from '../context.js';
import { parseKpiActual } from '../retro/kpi.js';
import { OPEN_PHASES } from '../retro/phases.js';
import { guardRetroButton, guardRetroView, type RetroRule, sealRetroMetadata } from '../retro/retro.guard.js';
import type { RetroKpi } from '../retro/retro.js';
import { listEarlierSeries, listKpis } from '../retro/retro.service.js';
import type { ActionArgs, ViewArgs } from '../slack/handler-types.js';
import { parsedBy, readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { saveKpiActuals } from './kpi.service.js';
import { kpiBlockId, kpiSeriesBlockId, presentKpiActualsModal } from './present-kpi-modal.js';
import { kpiRefusalText, presentKpisNotSavedModal } from './present-kpi-notice.js';
import { checkSeriesLinks } from './series-links.js';

/** Facilitators, until the retro is closed. */
const KPI_EDITORS: RetroRule = { facilitatorsOnly: true, phases: OPEN_PHASES };

/** *Update KPI actuals* on the card. */
export function editKpisPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, KPI_EDITORS, kpiRefusalText);
    if (!found) return;
    const { retro } = found;
    const [kpis, earlierSeries] = await Promise.all([
      listKpis(ctx.db, retro.id),
      listEarlierSeries(ctx.db, retro),
    ]);
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentKpiActualsModal({
        retro,
        kpis,
        earlierSeries,
        metadata: sealRetroMetadata(ctx, retro.id),
      }),
    });
  };
}

export function kpiActualsSubmitted(ctx: FeatureContext) {
  return async ({ ack, body, view }: ViewArgs) => {
    const guarded = await guardRetroView(ctx, { body, view }, KPI_EDITORS);
    if (!guarded.ok) {
      await ack({ response_action: 'update', view: presentKpisNotSavedModal() });
      return;
    }
    const { retro } = guarded;
    const [kpis, earlierSeries] = await Promise.all([
      listKpis(ctx.db, retro.id),
      listEarlierSeries(ctx.db, retro),
    ]);
    const form = readForm(
      view.state.values,
      Object.fromEntries(kpis.map((kpi) => [kpiBlockId(kpi.id), parsedBy(text(), parseKpiActual)])),
    );
    const links = checkSeriesLinks(kpis, earlierSeries, pickedSeries(view.state.values, kpis));
    if (!form.ok || !links.ok) {
      const linkErrors = links.ok ? [] : [...links.problems].map(([id, p]) => [kpiSeriesBlockId(id), p]);
      const errors = { ...(form.ok ? {} : form.errors), ...Object.fromEntries(linkErrors) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const actuals = new Map(kpis.map((kpi) => [kpi.id, form.values[kpiBlockId(kpi.id)] as number | null]));
    await saveKpiActuals(ctx, retro, actuals, links.links);
    await ack();
  };
}

const Picked = z.string().optional();

/** The earlier series picked for each KPI (a select's value; any block may be sent, forged or not). */
function pickedSeries(values: ViewStateValues, kpis: readonly RetroKpi[]): Map<string, string> {
  const form = readForm(values, Object.fromEntries(kpis.map((kpi) => [kpiSeriesBlockId(kpi.id), Picked])));
  const picked = new Map<string, string>();
  for (const kpi of kpis) {
    const value = form.ok ? form.values[kpiSeriesBlockId(kpi.id)] : undefined;
    if (typeof value === 'string') picked.set(kpi.id, value);
  }
  return picked;
}

import type { AppContext, FeatureContext } from '../context.js';
import { parseKpiActual } from '../retro/kpi.js';
import { OPEN_PHASES } from '../retro/phases.js';
import { guardRetroButton, guardRetroView, type RetroRule, sealRetroMetadata } from '../retro/retro.guard.js';
import { listKpis } from '../retro/retro.service.js';
import type { ActionArgs, ViewArgs } from '../slack/handler-types.js';
import { parsedBy, readForm, text } from '../slack/read-form.js';
import { saveKpiActuals } from './kpi.service.js';
import { kpiBlockId, presentKpiActualsModal } from './present-kpi-modal.js';
import { kpiRefusalText, presentKpisNotSavedModal } from './present-kpi-notice.js';

/** Facilitators, until the retro is closed. */
const KPI_EDITORS: RetroRule = { facilitatorsOnly: true, phases: OPEN_PHASES };

/** *Update KPI actuals* on the card. */
export function editKpisPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, KPI_EDITORS, kpiRefusalText);
    if (!found) return;
    const { retro } = found;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentKpiActualsModal({
        retro,
        kpis: await listKpis(ctx.db, retro.id),
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
    const kpis = await listKpis(ctx.db, retro.id);
    const form = readForm(
      view.state.values,
      Object.fromEntries(kpis.map((kpi) => [kpiBlockId(kpi.id), parsedBy(text(), parseKpiActual)])),
    );
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const actuals = new Map(kpis.map((kpi) => [kpi.id, form.values[kpiBlockId(kpi.id)] as number | null]));
    await saveKpiActuals(ctx, retro, actuals);
    await ack();
  };
}

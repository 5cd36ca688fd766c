import type { AppContext } from '../context.js';
import { parseKpiActual } from '../kpi/kpi.js';
import { childLogger } from '../logger.js';
import type { ActionArgs, ViewArgs } from '../slack/handler-types.js';
import { bold } from '../slack/limits.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { textOf } from '../slack/view-state.js';
import { refreshCard } from './card.js';
import { retroForButton, retroForView, sealRetroMetadata } from './lookup.js';
import { isFacilitator, onlyFacilitatorsMessage } from './permissions.js';
import { isOpenPhase } from './phases.js';
import { kpiBlockId, presentKpiActualsModal } from './present-kpi-modal.js';
import { listKpis, updateKpiActuals } from './retro.repository.js';

/** *Update KPI actuals* on the card (facilitators, until the retro is closed). */
export function editKpisPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await retroForButton(ctx, args);
    if (!found) return;
    const { retro, who } = found;
    const { body, client } = args;
    if (!isFacilitator(retro, body.user.id))
      return tellUser(client, who, onlyFacilitatorsMessage(retro.title, 'update the KPI actuals'));
    if (!isOpenPhase(retro.phase))
      return tellUser(client, who, `${bold(retro.title)} is closed; its KPIs can no longer change.`);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: presentKpiActualsModal({
        retro,
        kpis: await listKpis(ctx.db, retro.id),
        metadata: sealRetroMetadata(ctx, retro.id),
      }),
    });
  };
}

export function kpiActualsSubmitted(ctx: AppContext) {
  const log = childLogger(ctx.logger, 'retro');
  return async ({ ack, body, view, client }: ViewArgs) => {
    const retro = await retroForView(ctx, body, view);
    if (!retro || !isFacilitator(retro, body.user.id) || !isOpenPhase(retro.phase)) {
      await ack({
        response_action: 'update',
        view: presentNoticeModal(
          'Not saved',
          'Only the facilitators of an open retro can update its KPI actuals.',
        ),
      });
      return;
    }
    const kpis = await listKpis(ctx.db, retro.id);
    const actuals = new Map<string, number | null>();
    const errors: Record<string, string> = {};
    for (const kpi of kpis) {
      const parsed = parseKpiActual(textOf(view.state.values, kpiBlockId(kpi.id)));
      if (parsed.ok) actuals.set(kpi.id, parsed.value);
      else errors[kpiBlockId(kpi.id)] = parsed.error;
    }
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await updateKpiActuals(ctx.db, retro.id, actuals);
    await ack();
    await refreshCard(ctx.db, client, retro, log);
  };
}

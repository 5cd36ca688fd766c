import { openActionModal } from '../action-items/index.js';
import type { FeatureContext } from '../context.js';
import type { Retro } from '../retro/retro.js';
import { readSourceRef } from '../shared/source-ref.js';
import {
  type ActionArgs,
  actionChannel,
  actionValue,
  teamOf,
  type ViewArgs,
} from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { inlineText } from '../slack/mrkdwn.js';
import { tellUser } from '../slack/tell-user.js';
import { FIVE_WHYS_IDS } from './five-whys.ids.js';
import {
  chainKpiSeries,
  findChain,
  type ResolvedSource,
  resolveSource,
  saveChain,
} from './five-whys.service.js';
import { presentFiveWhysModal, presentRootCauseSource } from './present-five-whys.js';
import { canEditWhys, fiveWhysAllowedIn, validateWhys } from './whys.js';
import { FiveWhysMetadata, readWhysForm } from './whys-form.js';

const GONE = 'That no longer exists, so there is nothing to open.';
const NO_ACTIONS_YET = 'Action items start once the discussion does: the facilitator ends the voting first.';

function who(args: ActionArgs) {
  return { channelId: actionChannel(args), userId: args.body.user.id };
}

async function source(ctx: FeatureContext, args: ActionArgs, value: string): Promise<ResolvedSource | null> {
  const ref = readSourceRef(value);
  const found = ref ? await resolveSource(ctx.db, teamOf(args.body), ref) : null;
  if (!found) await tellUser(args.client, who(args), GONE);
  return found;
}

async function openWhys(ctx: FeatureContext, args: ActionArgs, found: ResolvedSource): Promise<void> {
  const allowed = fiveWhysAllowedIn(found.retro.phase);
  if (!allowed.ok) return void (await tellUser(args.client, who(args), allowed.reason));
  const meta: FiveWhysMetadata = {
    retroId: found.retro.id,
    sourceType: found.sourceType,
    sourceId: found.sourceId,
    sourceLabel: found.sourceLabel?.slice(0, 1000) ?? null,
  };
  await args.client.views.open({
    trigger_id: args.body.trigger_id,
    view: presentFiveWhysModal({
      problem: found.problem,
      source: found.sourceLabel ? `From ${inlineText(found.sourceLabel)}` : null,
      metadata: sealMetadata(metadataKey(ctx.config), meta),
    }),
  });
}

/** Action items come from the discussion on: not while feedback is still being collected. */
function takesActions(retro: Retro): boolean {
  return retro.phase !== 'collecting' && retro.phase !== 'cancelled';
}

async function openAction(
  ctx: FeatureContext,
  args: ActionArgs,
  retro: Retro,
  from: {
    sourceType: 'item' | 'kpi' | 'manual' | 'root_cause';
    sourceId: string | null;
    label: string | null;
    /** mrkdwn shown in the modal; by default where the item comes from. */
    source?: string;
    /** The KPI series the item is meant to move, when it comes from a KPI. */
    kpiSeriesKey?: string | null;
  },
): Promise<void> {
  if (!takesActions(retro)) return void (await tellUser(args.client, who(args), NO_ACTIONS_YET));
  await openActionModal(ctx, args.client, args.body.trigger_id, {
    meta: {
      channelId: retro.channelId,
      retroId: retro.id,
      sourceType: from.sourceType,
      sourceId: from.sourceId,
      sourceLabel: from.label?.slice(0, 1000) ?? null,
      kpiSeriesKey: from.kpiSeriesKey ?? null,
    },
    draft: { text: '', ownerId: null, dueDate: null },
    source: from.source ?? (from.label ? `From ${inlineText(from.label)}` : null),
  });
}

/** *Five Whys* on the card, a missed KPI or a revealed item. */
export function startPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const found = await source(ctx, args, actionValue(args));
    if (found) await openWhys(ctx, args, found);
  };
}

async function addActionFrom(ctx: FeatureContext, args: ActionArgs, value: string): Promise<void> {
  const found = await source(ctx, args, value);
  if (!found) return;
  await openAction(ctx, args, found.retro, {
    sourceType: found.sourceType,
    sourceId: found.sourceId,
    label: found.sourceLabel,
    kpiSeriesKey: found.kpiSeriesKey,
  });
}

/** *Add action item* on the card, a missed KPI or a revealed item. */
export function addActionPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    await addActionFrom(ctx, args, actionValue(args));
  };
}

/** The overflow on a revealed item: Five Whys or an action item from it. */
export function itemMenuPicked(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const [what, value = ''] = actionValue(args).split('/', 2);
    if (what === 'action') return addActionFrom(ctx, args, value);
    const found = await source(ctx, args, value);
    if (found) await openWhys(ctx, args, found);
  };
}

/** *Edit* under a chain: its author or a facilitator, until the retro closes. */
export function editPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const found = await findChain(ctx.db, teamOf(args.body), actionValue(args));
    if (!found) return void (await tellUser(args.client, who(args), GONE));
    const may = canEditWhys(found.chain, found.retro, args.body.user.id);
    if (!may.ok) return void (await tellUser(args.client, who(args), may.reason));
    const { chain } = found;
    const meta: FiveWhysMetadata = {
      retroId: chain.retroId,
      sourceType: chain.sourceType,
      sourceId: chain.sourceId,
      sourceLabel: chain.sourceLabel,
      chainId: chain.id,
    };
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentFiveWhysModal({
        problem: chain.problem,
        chain,
        metadata: sealMetadata(metadataKey(ctx.config), meta),
      }),
    });
  };
}

/** *Turn root cause into an action item*. */
export function toActionPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const found = await findChain(ctx.db, teamOf(args.body), actionValue(args));
    if (!found) return void (await tellUser(args.client, who(args), GONE));
    const { chain, retro } = found;
    await openAction(ctx, args, retro, {
      sourceType: 'root_cause',
      sourceId: chain.id,
      label: chain.rootCause,
      source: presentRootCauseSource(chain.rootCause),
      kpiSeriesKey: await chainKpiSeries(ctx.db, teamOf(args.body), chain),
    });
  };
}

/** The Five Whys modal: checked field by field, then stored and posted (or its post updated). */
export function whysSubmitted(ctx: FeatureContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, FiveWhysMetadata);
    const problemBlock = FIVE_WHYS_IDS.blocks.problem;
    if (!meta) {
      await ack({
        response_action: 'errors',
        errors: { [problemBlock]: 'This form expired: open it again.' },
      });
      return;
    }
    const valid = validateWhys(readWhysForm(view.state.values));
    if (!valid.ok) {
      await ack({ response_action: 'errors', errors: valid.errors });
      return;
    }
    const userId = body.user.id;
    const saved = await saveChain(ctx, { teamId: teamOf(body), userId, meta, chain: valid.chain });
    await ack();
    if (!saved.ok) await tellUser(client, { channelId: undefined, userId }, saved.reason);
  };
}

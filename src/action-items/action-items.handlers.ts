import type { webApi } from '@slack/bolt';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { FeatureContext } from '../context.js';
import { retroById } from '../retro/retro.guard.js';
import { findOpenRetroInChannel, listKpis } from '../retro/retro.service.js';
import { todayIn } from '../shared/dates.js';
import {
  type ActionArgs,
  actionChannel,
  actionValue,
  teamOf,
  type ViewArgs,
} from '../slack/handler-types.js';
import { INPUT } from '../slack/ids.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import type { ViewStateValues } from '../slack/read-form.js';
import { tellUser } from '../slack/tell-user.js';
import { isBotUser, timeZoneOf } from '../slack/users.js';
import { parseActionCommand } from './action-command.js';
import { ActionItemMetadata, ActionModalMetadata, readActionForm } from './action-form.js';
import type { ActionItem } from './action-item.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import {
  type ActionChange,
  changeAction,
  checkAction,
  createAction,
  listOpenByOwner,
  listOpenInChannel,
} from './action-items.service.js';
import type { ActionVerb } from './action-rules.js';
import { validateActionForm, validateReassign, validateRedate } from './action-rules.js';
import { kpiChoicesOf, kpiLinkOf } from './kpi-choice.js';
import {
  changedNotice,
  presentActionCreated,
  presentActionModal,
  presentActionSaved,
  presentReassignModal,
  presentRedateModal,
  refusalText,
} from './present-action-item.js';
import { type ActionListScope, presentActionList } from './present-open-actions.js';
import { listScopeOf, type PressedIn, pressedMessage } from './pressed-message.js';

/** Re-publishes the App Home of the people an item change concerns (wired in app.ts). */
export type RefreshHomes = (teamId: string, userIds: readonly string[]) => Promise<void>;

const BLOCKS = ACTION_ITEM_IDS.blocks;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

async function todayOf(ctx: FeatureContext, client: webApi.WebClient, userId: string): Promise<string> {
  return todayIn(await timeZoneOf(client, userId), ctx.clock.now());
}

/** Opens the create modal for a draft, sealed with where the item comes from. */
export async function openActionModal(
  ctx: FeatureContext,
  client: webApi.WebClient,
  triggerId: string,
  input: {
    meta: ActionModalMetadata;
    draft: { text: string; ownerId: string | null; dueDate: string | null };
    hints?: Record<string, string>;
    source: string | null;
  },
): Promise<void> {
  const kpis = input.meta.retroId ? kpiChoicesOf(await listKpis(ctx.db, input.meta.retroId)) : [];
  await client.views.open({
    trigger_id: triggerId,
    view: presentActionModal({
      draft: input.draft,
      ...(input.hints ? { hints: input.hints } : {}),
      source: input.source,
      kpis: { choices: kpis, picked: input.meta.kpiSeriesKey ?? null },
      metadata: sealMetadata(metadataKey(ctx.config), input.meta),
    }),
  });
}

/** `/retro action <text> [@owner] [due …]`: complete → stored at once; otherwise the modal, pre-filled. */
export function actionCommand(ctx: FeatureContext, refreshHomes: RefreshHomes): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs, rest: string) => {
    const today = await todayOf(ctx, client, command.user_id);
    const parsed = parseActionCommand(rest, today);
    const retro = await findOpenRetroInChannel(ctx.db, command.team_id, command.channel_id);
    const meta: ActionModalMetadata = {
      channelId: command.channel_id,
      retroId: retro?.id ?? null,
      sourceType: 'manual',
      sourceId: null,
      sourceLabel: null,
    };
    const hints = parsed.complete ? {} : { ...parsed.hints };
    if (parsed.complete && (await isBotUser(client, parsed.draft.ownerId))) {
      hints[BLOCKS.owner] = 'A bot cannot own an action item: pick a person.';
    }
    if (!parsed.complete || Object.keys(hints).length > 0) {
      await ack();
      const draft = parsed.complete ? { ...parsed.draft, ownerId: null } : parsed.draft;
      await openActionModal(ctx, client, command.trigger_id, { meta, draft, hints, source: null });
      return;
    }
    const item = await createAction(
      ctx,
      { ...meta, teamId: command.team_id, draft: parsed.draft, createdBy: command.user_id },
      today,
    );
    await ack({ response_type: 'ephemeral', ...confirmation(item, command.user_id) });
    await refreshHomes(command.team_id, [item.ownerId]);
  };
}

function confirmation(item: ActionItem, creatorId: string) {
  return item.ownerId === creatorId ? presentActionSaved(item) : presentActionCreated(item);
}

/** The create modal, from any source. */
export function actionSubmitted(ctx: FeatureContext, refreshHomes: RefreshHomes) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, ActionModalMetadata);
    const retro = meta?.retroId ? await retroById(ctx.db, teamId, meta.retroId) : null;
    if (!meta || (meta.retroId && !retro)) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCKS.text]: 'This form expired: open it again.' },
      });
      return;
    }
    const form = readActionForm(view.state.values);
    const [today, ownerIsBot, kpis] = await Promise.all([
      todayOf(ctx, client, userId),
      form.ownerId ? isBotUser(client, form.ownerId) : false,
      retro ? listKpis(ctx.db, retro.id) : [],
    ]);
    const kpi = kpiLinkOf(form.kpi, kpiChoicesOf(kpis), meta.kpiSeriesKey);
    const valid = validateActionForm({
      ...form,
      ownerId: form.ownerId,
      dueDate: form.dueDate,
      ownerIsBot,
      today,
    });
    if (!valid.ok || !kpi.ok) {
      const errors = { ...(valid.ok ? {} : valid.errors), ...(kpi.ok ? {} : { [BLOCKS.kpi]: kpi.error }) };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const item = await createAction(
      ctx,
      { ...meta, kpiSeriesKey: kpi.seriesKey, teamId, draft: valid.draft, createdBy: userId },
      today,
    );
    await tellUser(client, { channelId: meta.channelId, userId }, confirmation(item, userId));
    await refreshHomes(teamId, [item.ownerId]);
  };
}

/** The message a button was pressed in (Slack's payload names it), to be redrawn in place. */
function pressedIn(args: ActionArgs): PressedIn | undefined {
  const body = args.body as {
    container?: { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    channel?: { id?: string };
    message?: { ts?: string; blocks?: { block_id?: unknown }[] };
  };
  if (body.container?.type !== 'message') return undefined;
  return pressedMessage({
    channel: body.container.channel_id ?? body.channel?.id,
    ts: body.container.message_ts ?? body.message?.ts,
    ephemeral: body.container.is_ephemeral === true,
    blockIds: (body.message?.blocks ?? []).flatMap((b) =>
      typeof b.block_id === 'string' ? [b.block_id] : [],
    ),
  });
}

/** Done and Snooze a week: applied at once, and shown in the message the button was pressed in. */
export function changePressed(ctx: FeatureContext, refreshHomes: RefreshHomes, verb: 'done' | 'snooze') {
  return async (args: ActionArgs) => {
    await args.ack();
    const who = { channelId: actionChannel(args), userId: args.body.user.id };
    const teamId = teamOf(args.body);
    const today = await todayOf(ctx, args.client, who.userId);
    const result = await changeAction(
      ctx,
      teamId,
      actionValue(args),
      who.userId,
      { verb },
      today,
      pressedIn(args),
    );
    if (!result.ok) {
      await tellUser(args.client, who, refusalText(result.refusal));
      return;
    }
    await refreshHomes(teamId, result.concerned);
    // A `/retro actions` list is ephemeral: Slack lets it be replaced through the press's response URL only.
    const scope = listScopeOf((args.action as { block_id?: string }).block_id);
    if (scope && pressedIn(args) === undefined) {
      const page = await listFor(ctx, teamId, scope, who.userId);
      const notice = changedNotice(result.item, result.nudgeWeekday);
      await args.respond({ replace_original: true, ...presentActionList({ scope, ...page, today, notice }) });
    }
  };
}

/** Reassign and Change due date: a modal, opened only for someone who may. */
export function modalPressed(ctx: FeatureContext, verb: Extract<ActionVerb, 'reassign' | 'redate'>) {
  return async (args: ActionArgs) => {
    await args.ack();
    const who = { channelId: actionChannel(args), userId: args.body.user.id };
    const check = await checkAction(ctx.db, teamOf(args.body), actionValue(args), who.userId, verb);
    if (!check.ok) {
      await tellUser(args.client, who, refusalText(check));
      return;
    }
    const where = pressedIn(args);
    const metadata = sealMetadata(metadataKey(ctx.config), {
      itemId: check.item.id,
      ...(where ? { pressedIn: where } : {}),
    } satisfies ActionItemMetadata);
    const present = verb === 'reassign' ? presentReassignModal : presentRedateModal;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: present({ item: check.item, metadata }),
    });
  };
}

function picked(values: ViewStateValues, blockId: string, key: 'selected_user' | 'selected_date') {
  const value = (values[blockId]?.[INPUT] as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** The reassign and change-due-date modals. */
export function modalSubmitted(
  ctx: FeatureContext,
  refreshHomes: RefreshHomes,
  verb: Extract<ActionVerb, 'reassign' | 'redate'>,
) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, ActionItemMetadata);
    const check = meta ? await checkAction(ctx.db, teamId, meta.itemId, userId, verb) : null;
    if (!meta || !check?.ok) {
      await ack();
      await tellUser(
        client,
        { channelId: undefined, userId },
        refusalText(check && !check.ok ? check : { code: 'not_found' }),
      );
      return;
    }
    const today = await todayOf(ctx, client, userId);
    let change: ActionChange;
    if (verb === 'reassign') {
      const ownerId = picked(view.state.values, BLOCKS.owner, 'selected_user');
      const valid = validateReassign(check.item, ownerId, ownerId ? await isBotUser(client, ownerId) : false);
      if (!valid.ok) return void (await ack({ response_action: 'errors', errors: valid.errors }));
      change = { verb, ownerId: valid.ownerId };
    } else {
      const valid = validateRedate(picked(view.state.values, BLOCKS.due, 'selected_date'), today);
      if (!valid.ok) return void (await ack({ response_action: 'errors', errors: valid.errors }));
      change = { verb, dueDate: valid.dueDate };
    }
    await ack();
    const result = await changeAction(ctx, teamId, meta.itemId, userId, change, today, meta.pressedIn);
    if (!result.ok) {
      await tellUser(client, { channelId: undefined, userId }, refusalText(result.refusal));
      return;
    }
    await refreshHomes(teamId, result.concerned);
  };
}

function scopeOf(rest: string, command: CommandArgs['command']): ActionListScope | null {
  const word = rest.trim();
  if (word === '') return { kind: 'mine' };
  if (word.toLowerCase() === 'all') return { kind: 'channel', channelId: command.channel_id };
  const mention = MENTION.exec(word)?.[1];
  return mention ? { kind: 'person', userId: mention } : null;
}

const ACTIONS_USAGE =
  'Mention one person to see their open action items, e.g. `/retro actions @maria` — `/retro actions all` for this channel, or just `/retro actions` for yours.';

/** `/retro actions [@user | all]`: open items, overdue first, each with its buttons. */
export function actionsCommand(ctx: FeatureContext): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs, rest: string) => {
    const scope = scopeOf(rest, command);
    if (!scope) {
      await ack({ response_type: 'ephemeral', text: ACTIONS_USAGE });
      return;
    }
    const [page, today] = await Promise.all([
      listFor(ctx, command.team_id, scope, command.user_id),
      todayOf(ctx, client, command.user_id),
    ]);
    await ack({ response_type: 'ephemeral', ...presentActionList({ scope, ...page, today }) });
  };
}

/** The open items a list shows, as `userId` asked for them. */
function listFor(ctx: FeatureContext, teamId: string, scope: ActionListScope, userId: string) {
  return scope.kind === 'channel'
    ? listOpenInChannel(ctx.db, teamId, scope.channelId)
    : listOpenByOwner(ctx.db, teamId, scope.kind === 'person' ? scope.userId : userId);
}

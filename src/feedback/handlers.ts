import { z } from 'zod';
import type { AppContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { refreshCard } from '../retro/card.js';
import { retroById, retroForButton, retroForView, sealRetroMetadata } from '../retro/lookup.js';
import type { Retro } from '../retro/retro.js';
import { sectionLabel, sectionsOf } from '../retro/templates.js';
import { type ActionArgs, actionValue, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { ANONYMOUS_OPTION, BLOCKS } from '../slack/ids.js';
import { bold } from '../slack/limits.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { selectedManyOf, textOf } from '../slack/view-state.js';
import { changeMyItem, findMyItem, listMyItems, submitFeedback } from './feedback.repository.js';
import { parseSingleItem, parseSubmission } from './feedback-lines.js';
import {
  presentEditFeedbackModal,
  presentFeedbackModal,
  presentFeedbackReceipt,
  presentMyFeedbackModal,
} from './present-feedback-modal.js';

const ItemMetadata = z.object({ retroId: z.uuid(), itemId: z.uuid() });

// Inline modal errors are plain text, so this one has no formatting.
const COLLECTION_ENDED =
  'Feedback collection has ended for this retro, so this was not saved. Your text is still here to copy.';
const NOT_COLLECTING = (retro: Retro) =>
  `Feedback for ${bold(retro.title)} is closed: the retro has moved on to ${retro.phase === 'voting' ? 'voting' : 'the next step'}.`;
const FORGED = presentNoticeModal(
  'Not saved',
  'This form could not be verified, so nothing was saved. Open it again from the retro card.',
);

/** *Add feedback* on the card. */
export function addFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await retroForButton(ctx, args);
    if (!found) return;
    const { retro, who } = found;
    if (retro.phase !== 'collecting') return tellUser(args.client, who, NOT_COLLECTING(retro));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentFeedbackModal({ retro, metadata: sealRetroMetadata(ctx, retro.id) }),
    });
  };
}

/**
 * The feedback modal's submission. Items are stored before the modal closes; when that fails the
 * modal stays open with the text in it. Nothing here logs who submitted.
 */
export function feedbackSubmitted(ctx: AppContext) {
  const log = childLogger(ctx.logger, 'retro');
  return async ({ ack, body, view, client }: ViewArgs) => {
    const retro = await retroForView(ctx, body, view);
    if (!retro) {
      await ack({ response_action: 'update', view: FORGED });
      return;
    }
    const sectionIds = sectionsOf(retro.template).map((section) => section.id);
    const firstBlock = BLOCKS.section(sectionIds[0] ?? '');
    const parsed = parseSubmission(sectionIds, (id) => textOf(view.state.values, BLOCKS.section(id)));
    if (!parsed.ok) {
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([id, error]) => [BLOCKS.section(id), error]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    const { items } = parsed;
    const anonymous = selectedManyOf(view.state.values, BLOCKS.anonymous).includes(ANONYMOUS_OPTION);
    let stored: Awaited<ReturnType<typeof submitFeedback>>;
    try {
      stored = await submitFeedback(ctx.db, {
        teamId: retro.teamId,
        retroId: retro.id,
        userId: body.user.id,
        anonymous,
        items,
      });
    } catch (error) {
      log.error({ err: safeError(error), retro: retro.id }, 'could not store feedback');
      await ack({
        response_action: 'errors',
        errors: {
          [firstBlock]:
            'Sorry, we could not save your feedback just now. Your text is still here: press Submit again.',
        },
      });
      return;
    }
    if (!stored.ok) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: COLLECTION_ENDED } });
      return;
    }
    await ack();
    log.info({ retro: retro.id }, 'feedback stored');
    const receipt = presentFeedbackReceipt({
      retroTitle: retro.title,
      anonymous,
      items: items.map((i) => ({ sectionLabel: sectionLabel(retro.template, i.section), body: i.body })),
    });
    await tellUser(client, { channelId: retro.channelId, userId: body.user.id }, receipt);
    await refreshCard(ctx.db, client, retro, log);
  };
}

/** *My feedback* on the card: the person's own attributed items, to edit or withdraw. */
export function myFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await retroForButton(ctx, args);
    if (!found) return;
    const { retro, who: where } = found;
    const { body, client } = args;
    if (retro.phase !== 'collecting') {
      return tellUser(
        client,
        where,
        `${NOT_COLLECTING(retro)} Items can only be changed while feedback is being collected.`,
      );
    }
    const items = await listMyItems(ctx.db, retro.id, body.user.id);
    await client.views.open({ trigger_id: body.trigger_id, view: presentMyFeedbackModal({ retro, items }) });
  };
}

/** *Edit* next to one of my items: pushes a one-field modal. */
export function editFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const item = await findMyItem(ctx.db, teamOf(body), actionValue(args), body.user.id);
    const retro = item && (await retroById(ctx.db, teamOf(body), item.retroId));
    if (!item || !retro || retro.phase !== 'collecting') {
      await client.views.push({
        trigger_id: body.trigger_id,
        view: presentNoticeModal(
          'Cannot edit',
          'This item can no longer be edited: it was withdrawn or the retro has moved on.',
        ),
      });
      return;
    }
    await client.views.push({
      trigger_id: body.trigger_id,
      view: presentEditFeedbackModal({
        body: item.body,
        sectionLabel: sectionLabel(retro.template, item.section),
        metadata: sealMetadata(metadataKey(ctx.config), { retroId: retro.id, itemId: item.id }),
      }),
    });
  };
}

export function editFeedbackSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, ItemMetadata);
    if (!meta) {
      await ack({ response_action: 'update', view: FORGED });
      return;
    }
    const parsed = parseSingleItem(textOf(view.state.values, BLOCKS.feedbackText));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: { [BLOCKS.feedbackText]: parsed.error } });
      return;
    }
    const teamId = teamOf(body);
    const changed = await changeMyItem(ctx.db, {
      teamId,
      retroId: meta.retroId,
      itemId: meta.itemId,
      userId: body.user.id,
      change: { body: parsed.body },
    });
    if (!changed) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCKS.feedbackText]: 'This item can no longer be edited: the retro has moved on.' },
      });
      return;
    }
    await ack();
    await refreshMyFeedback(
      ctx,
      client,
      teamId,
      meta.retroId,
      body.user.id,
      view.previous_view_id ?? view.root_view_id,
    );
  };
}

/** *Withdraw* next to one of my items (the button asks for confirmation first). */
export function withdrawFeedbackPressed(ctx: AppContext) {
  const log = childLogger(ctx.logger, 'retro');
  return async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const teamId = teamOf(body);
    const item = await findMyItem(ctx.db, teamId, actionValue(args), body.user.id);
    if (!item) return;
    const changed = await changeMyItem(ctx.db, {
      teamId,
      retroId: item.retroId,
      itemId: item.id,
      userId: body.user.id,
      change: 'withdraw',
    });
    // Also when refused (the retro moved on): the re-rendered list says why and drops the buttons.
    await refreshMyFeedback(ctx, client, teamId, item.retroId, body.user.id, body.view?.id);
    if (changed) await refreshCard(ctx.db, client, { id: item.retroId, teamId }, log);
  };
}

async function refreshMyFeedback(
  ctx: AppContext,
  client: ActionArgs['client'],
  teamId: string,
  retroId: string,
  userId: string,
  viewId: string | null | undefined,
): Promise<void> {
  const retro = await retroById(ctx.db, teamId, retroId);
  if (!retro || !viewId) return;
  const items = await listMyItems(ctx.db, retro.id, userId);
  await client.views.update({ view_id: viewId, view: presentMyFeedbackModal({ retro, items }) });
}

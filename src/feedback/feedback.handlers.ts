import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import type { CardPacer } from '../retro/card-pace.service.js';
import {
  checkRetroRule,
  guardRetroButton,
  retroById,
  type SubmissionGuard,
  sealRetroMetadata,
  TAKES_FEEDBACK,
} from '../retro/retro.guard.js';
import { sectionLabel } from '../retro/templates.js';
import { ackStillOpen } from '../slack/answer-in-time.js';
import { type ActionArgs, actionValue, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { readForm, text } from '../slack/read-form.js';
import { FEEDBACK_IDS } from './feedback.ids.js';
import { findMyItem, listMyItems } from './feedback.repository.js';
import { changeMyItem, type FeedbackWriter, type SubmitOutcome } from './feedback.service.js';
import { createFeedbackFormReader, firstSectionBlock } from './feedback-form.js';
import { parseSingleItem } from './feedback-lines.js';
import {
  presentEditFeedbackModal,
  presentFeedbackModal,
  presentFeedbackSavedModal,
  presentMyFeedbackModal,
} from './present-feedback-modal.js';
import {
  COLLECTION_ENDED,
  ITEM_MOVED_ON,
  NOT_SAVED_TRY_AGAIN,
  notChangeableText,
  notCollectingText,
  presentCannotEditModal,
  presentForgedFeedbackModal,
} from './present-feedback-notice.js';

const ItemMetadata = z.object({ retroId: z.uuid(), itemId: z.uuid() });

/** *Add feedback* on the card. */
export function addFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, TAKES_FEEDBACK, notCollectingText);
    if (!found) return;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: presentFeedbackModal({ retro: found.retro, metadata: sealRetroMetadata(ctx, found.retro.id) }),
    });
  };
}

/**
 * The feedback modal's submission. Items are stored before the modal closes; when that fails the
 * modal stays open with the text in it. Nothing here logs who submitted.
 */
export function feedbackSubmitted(
  ctx: AppContext,
  deps: { writer: FeedbackWriter; cards: CardPacer; guard: SubmissionGuard },
) {
  const { writer, cards, guard } = deps;
  const log = childLogger(ctx.logger, 'retro');
  const readFeedback = createFeedbackFormReader();
  return async ({ ack, body, view, context }: ViewArgs) => {
    const retro = await guard({ body, view });
    if (!retro) {
      await ack({ response_action: 'update', view: presentForgedFeedbackModal() });
      return;
    }
    const firstBlock = firstSectionBlock(retro.template);
    const parsed = readFeedback(view.state.values, retro.template);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const { items, anonymous } = parsed;
    let stored: SubmitOutcome;
    try {
      stored = await writer.submit({
        teamId: retro.teamId,
        retroId: retro.id,
        userId: body.user.id,
        // Slack always sends the view's id; without one, the submission is simply not deduplicated.
        viewId: view.id || randomUUID(),
        stillOpen: () => ackStillOpen(context),
        anonymous,
        items,
      });
    } catch (error) {
      log.error({ err: safeError(error), retro: retro.id }, 'could not store feedback');
      await ack({ response_action: 'errors', errors: { [firstBlock]: NOT_SAVED_TRY_AGAIN } });
      return;
    }
    if (!stored.ok && stored.reason === 'answered_already') return;
    if (!stored.ok) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: COLLECTION_ENDED } });
      return;
    }
    const saved = presentFeedbackSavedModal({
      retroTitle: retro.title,
      anonymous,
      items: items.map((i) => ({ sectionLabel: sectionLabel(retro.template, i.section) })),
    });
    await ack({ response_action: 'update', view: saved });
    // The same submission delivered again: it was stored and counted the first time.
    if (stored.duplicate) return;
    log.debug({ retro: retro.id }, 'feedback stored');
    cards.request(retro);
  };
}

/** *My feedback* on the card: the person's own attributed items, to edit or withdraw. */
export function myFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const found = await guardRetroButton(ctx, args, TAKES_FEEDBACK, notChangeableText);
    if (!found) return;
    const { body, client } = args;
    const items = await listMyItems(ctx.db, found.retro.id, body.user.id);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: presentMyFeedbackModal({ retro: found.retro, items }),
    });
  };
}

/** *Edit* next to one of my items: pushes a one-field modal. */
export function editFeedbackPressed(ctx: AppContext) {
  return async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const item = await findMyItem(ctx.db, teamOf(body), actionValue(args), body.user.id);
    const retro = item && (await retroById(ctx.db, teamOf(body), item.retroId));
    if (!item || !retro || checkRetroRule(retro, body.user.id, TAKES_FEEDBACK)) {
      await client.views.push({ trigger_id: body.trigger_id, view: presentCannotEditModal() });
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

const EditForm = {
  [FEEDBACK_IDS.blocks.text]: text().transform((raw, c) => {
    const parsed = parseSingleItem(raw);
    if (parsed.ok) return parsed.body;
    c.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }),
};

export function editFeedbackSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, ItemMetadata);
    if (!meta) {
      await ack({ response_action: 'update', view: presentForgedFeedbackModal() });
      return;
    }
    const form = readForm(view.state.values, EditForm);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const teamId = teamOf(body);
    const changed = await changeMyItem(ctx.db, {
      teamId,
      retroId: meta.retroId,
      itemId: meta.itemId,
      userId: body.user.id,
      change: { body: form.values[FEEDBACK_IDS.blocks.text] },
    });
    if (!changed.ok) {
      await ack({ response_action: 'errors', errors: { [FEEDBACK_IDS.blocks.text]: ITEM_MOVED_ON } });
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
export function withdrawFeedbackPressed(ctx: AppContext, cards: CardPacer) {
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
    if (changed.ok) cards.request({ id: item.retroId, teamId });
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

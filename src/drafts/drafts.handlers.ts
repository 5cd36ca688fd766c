import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FeatureContext } from '../context.js';
import { createFeedbackFormReader, firstSectionBlock } from '../feedback/feedback-form.js';
import { presentFeedbackModal, presentFeedbackSavedModal } from '../feedback/present-feedback-modal.js';
import { NOT_SAVED_TRY_AGAIN, presentForgedFeedbackModal } from '../feedback/present-feedback-notice.js';
import { childLogger, safeError } from '../logger.js';
import { retroById, sealRetroMetadata } from '../retro/retro.guard.js';
import { sectionLabel } from '../retro/templates.js';
import { formatDayIn } from '../shared/dates.js';
import { ackStillOpen } from '../slack/answer-in-time.js';
import {
  type ActionArgs,
  actionChannel,
  actionValue,
  type ShortcutArgs,
  teamOf,
  type ViewArgs,
} from '../slack/handler-types.js';
import type { Message } from '../slack/messages.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { messageLink } from '../slack/permalink.js';
import { tellUser } from '../slack/tell-user.js';
import { timeZoneOf } from '../slack/users.js';
import { DRAFT_IDS } from './drafts.ids.js';
import { discardDraft, draftsDmNow, draftToSubmit, saveForNextRetro, submitDraft } from './drafts.service.js';
import {
  presentDraftGoneModal,
  presentDraftKeptModal,
  presentDraftSavedModal,
  presentNoRetroHereModal,
  presentNoTextModal,
} from './present-drafts.js';

/** Sealed into the feedback modal opened from a saved message; `dm` is where to redraw the DM after. */
const DraftMetadata = z.object({ retroId: z.uuid(), draftId: z.uuid(), dm: z.url().optional() });

/** The message a shortcut was used on: its text, its channel, and a trigger for the answer's modal. */
export function shortcutMessage(args: ShortcutArgs) {
  const { shortcut } = args;
  return {
    teamId: teamOf(shortcut),
    channelId: shortcut.channel.id,
    userId: shortcut.user.id,
    ts: shortcut.message.ts,
    text: shortcut.message.text ?? '',
    triggerId: shortcut.trigger_id,
  };
}

/** *Add to next retro* on a message. */
export function addToNextRetro(ctx: FeatureContext) {
  return async (args: ShortcutArgs) => {
    await args.ack();
    const { client } = args;
    const message = shortcutMessage(args);
    // Side by side with the rest: the modal must open within the trigger's 3 s, and a saved message's
    // modal says the next start on the saver's clock (asked for at most 1 s).
    const zone = timeZoneOf(client, message.userId);
    const open = (view: Parameters<typeof client.views.open>[0]['view']) =>
      client.views.open({ trigger_id: message.triggerId, view });
    if (message.text.trim() === '') return void (await open(presentNoTextModal()));
    const saved = await saveForNextRetro(ctx, message, () =>
      messageLink(client, message.channelId, message.ts),
    );
    switch (saved.kind) {
      case 'collecting':
        // Straight into the feedback modal: nothing is stored until the person submits it as usual.
        return void (await open(
          presentFeedbackModal({
            retro: saved.retro,
            metadata: sealRetroMetadata(ctx, saved.retro.id),
            prefill: message.text,
          }),
        ));
      case 'no_retro':
        return void (await open(presentNoRetroHereModal(message.channelId)));
      case 'saved': {
        const startsOn = saved.nextStartAt
          ? formatDayIn(saved.nextStartAt, await zone, { time: true })
          : undefined;
        await open(
          presentDraftSavedModal({ channelId: message.channelId, ...(startsOn ? { startsOn } : {}) }),
        );
      }
    }
  };
}

/** *Add to the retro…* beside a saved message in the DM: the feedback modal, pre-filled with it. */
export function submitDraftPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { body, client } = args;
    const found = await draftToSubmit(ctx.db, {
      teamId: teamOf(body),
      userId: body.user.id,
      draftId: actionValue(args),
    });
    if (!found.ok) {
      const view = found.reason === 'gone' ? presentDraftGoneModal() : presentDraftKeptModal(found.channelId);
      await client.views.open({ trigger_id: body.trigger_id, view });
      return;
    }
    const dm = (body as { response_url?: string }).response_url;
    const metadata = sealMetadata(metadataKey(ctx.config), {
      retroId: found.retro.id,
      draftId: found.draft.id,
      ...(dm ? { dm } : {}),
    });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: presentFeedbackModal({
        retro: found.retro,
        metadata,
        prefill: found.draft.text,
        callbackId: DRAFT_IDS.views.feedback,
      }),
    });
  };
}

const KEPT_FOR_NEXT =
  'Feedback collection has ended for this retro, so this was not saved. Your saved message stays for the next retro.';

/**
 * The feedback modal opened from a saved message: its items are stored and the draft deleted together
 * (drafts.service.ts). Nothing here logs who submitted.
 */
export function draftFeedbackSubmitted(ctx: FeatureContext) {
  const log = childLogger(ctx.logger, 'retro');
  const readFeedback = createFeedbackFormReader();
  return async ({ ack, body, view, context }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, DraftMetadata);
    const teamId = teamOf(body);
    const retro = meta ? await retroById(ctx.db, teamId, meta.retroId) : null;
    if (!meta || !retro) {
      await ack({ response_action: 'update', view: presentForgedFeedbackModal() });
      return;
    }
    const firstBlock = firstSectionBlock(retro.template);
    const parsed = readFeedback(view.state.values, retro.template);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const { anonymous } = parsed;
    // Told "not saved" already (Slack's 3 s ran out): nothing may be stored now.
    if (!ackStillOpen(context)) return;
    let stored: Awaited<ReturnType<typeof submitDraft>>;
    try {
      stored = await submitDraft(ctx, {
        teamId,
        userId: body.user.id,
        draftId: meta.draftId,
        retroId: retro.id,
        viewId: view.id || randomUUID(),
        anonymous,
        items: parsed.items,
      });
    } catch (error) {
      log.error({ err: safeError(error), retro: retro.id }, 'could not store a saved message as feedback');
      await ack({ response_action: 'errors', errors: { [firstBlock]: NOT_SAVED_TRY_AGAIN } });
      return;
    }
    if (!stored.ok && stored.reason === 'gone') {
      await ack({ response_action: 'update', view: presentDraftGoneModal() });
      return;
    }
    if (!stored.ok) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: KEPT_FOR_NEXT } });
      return;
    }
    await ack({
      response_action: 'update',
      view: presentFeedbackSavedModal({
        retroTitle: retro.title,
        anonymous,
        items: parsed.items.map((i) => ({ sectionLabel: sectionLabel(retro.template, i.section) })),
      }),
    });
    if (stored.duplicate) return;
    ctx.cards.request(retro);
    if (meta.dm) {
      const dm = await draftsDmNow(ctx.db, { teamId, userId: body.user.id, channelId: retro.channelId });
      await replaceMessage(meta.dm, dm).catch((error: unknown) =>
        log.warn({ err: safeError(error) }, 'could not redraw the saved messages DM'),
      );
    }
  };
}

/**
 * Redraws the DM a button was pressed in through its response URL, which Slack gave with the press: an
 * answer to the person who acted, so nothing is queued, and no row names them beside what they submitted.
 */
async function replaceMessage(responseUrl: string, message: Message): Promise<void> {
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ replace_original: true, ...message }),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** *Discard* beside a saved message in the DM: deleted, and the DM redrawn without it. */
export function discardDraftPressed(ctx: FeatureContext) {
  return async (args: ActionArgs) => {
    await args.ack();
    const { body } = args;
    const teamId = teamOf(body);
    const discarded = await discardDraft(ctx.db, {
      teamId,
      userId: body.user.id,
      draftId: actionValue(args),
    });
    if (!discarded) {
      await tellUser(
        args.client,
        { channelId: actionChannel(args), userId: body.user.id },
        'This saved message was already added to the retro or discarded.',
      );
      return;
    }
    const dm = await draftsDmNow(ctx.db, { teamId, userId: body.user.id, channelId: discarded.channelId });
    await args.respond({ replace_original: true, ...dm });
  };
}

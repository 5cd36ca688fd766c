import type { FeatureContext } from '../context.js';
import type { Db } from '../db/database.js';
import { submitInTransaction } from '../feedback/feedback.service.js';
import { directMessage, dmQueue, messageEdit, type RenderedEdit } from '../outbox/index.js';
import { ACCEPTS_FEEDBACK } from '../retro/phases.js';
import type { Retro } from '../retro/retro.js';
import { findLatestRetroInChannel, findOpenRetroInChannel } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { findSchedule } from '../schedules/schedules.service.js';
import { type Draft, draftText } from './draft.js';
import {
  deleteMyDraft,
  findMyDraft,
  insertDraft,
  listMyDrafts,
  listSaversToOffer,
  markOffered,
} from './drafts.repository.js';
import { presentDraftsDm, presentDraftsDmHeading } from './present-drafts.js';

export type SaveOutcome =
  /** A retro collects feedback now: the feedback modal opens pre-filled, nothing is stored before. */
  | { kind: 'collecting'; retro: Retro }
  /** Saved for the channel's next retro; `nextStartAt` when a schedule says when. */
  | { kind: 'saved'; draft: Draft; nextStartAt: Date | null }
  | { kind: 'no_retro' };

/**
 * *Add to next retro*: where the message goes. While a retro of the channel collects feedback, straight
 * into its feedback modal; while one runs in a later phase, or the channel has a schedule, into a draft
 * seen only by its saver, offered when the next retro opens; elsewhere nowhere.
 */
export async function saveForNextRetro(
  ctx: FeatureContext,
  input: { teamId: string; channelId: string; userId: string; text: string },
  /** Asked of Slack only when the message is saved. */
  messageLink: () => Promise<string | null>,
): Promise<SaveOutcome> {
  const { teamId, channelId } = input;
  const [open, schedule] = await Promise.all([
    findOpenRetroInChannel(ctx.db, teamId, channelId),
    findSchedule(ctx.db, teamId, channelId),
  ]);
  if (open?.phase === ACCEPTS_FEEDBACK) return { kind: 'collecting', retro: open };
  if (!open && !schedule) return { kind: 'no_retro' };
  const draft = await insertDraft(ctx.db, {
    teamId,
    channelId,
    userId: input.userId,
    text: draftText(input.text),
    messageLink: await messageLink(),
    createdAt: ctx.clock.now(),
  });
  return { kind: 'saved', draft, nextStartAt: schedule?.paused ? null : (schedule?.nextStartAt ?? null) };
}

/**
 * *Make action item*: the retro an item made from a message in this channel belongs to — the open one,
 * else the latest that ran (a channel whose retros all closed still follows up there); null with a
 * schedule and no retro yet (the item is the channel's); 'no_retro' where none runs, ran or is scheduled.
 */
export async function actionRetroOf(
  db: Db,
  teamId: string,
  channelId: string,
): Promise<{ retro: Retro | null } | 'no_retro'> {
  const [latest, schedule] = await Promise.all([
    findLatestRetroInChannel(db, teamId, channelId),
    findSchedule(db, teamId, channelId),
  ]);
  if (latest) return { retro: latest };
  return schedule ? { retro: null } : 'no_retro';
}

export type OpenDraftOutcome =
  | { ok: true; draft: Draft; retro: Retro }
  | { ok: false; reason: 'gone' }
  | { ok: false; reason: 'not_collecting'; channelId: string };

/** *Add to the retro…* in the DM: the draft and the retro of its channel that collects feedback now. */
export async function draftToSubmit(
  db: Db,
  input: { teamId: string; userId: string; draftId: string },
): Promise<OpenDraftOutcome> {
  const draft = await findMyDraft(db, input.teamId, input.draftId, input.userId);
  if (!draft) return { ok: false, reason: 'gone' };
  const retro = await findOpenRetroInChannel(db, input.teamId, draft.channelId);
  if (retro?.phase !== ACCEPTS_FEEDBACK)
    return { ok: false, reason: 'not_collecting', channelId: draft.channelId };
  return { ok: true, draft, retro };
}

/** Thrown inside the transaction to undo the draft's deletion when the retro stopped collecting. */
class NotCollecting extends Error {}

export type SubmitDraftOutcome =
  | { ok: true; duplicate: boolean }
  | { ok: false; reason: 'gone' | 'not_collecting' };

/**
 * A saved message submitted through the feedback modal: its items are stored and its draft deleted in
 * one transaction, so either both happen or neither, and a second submit (another modal opened from the
 * same button) finds no draft and stores nothing. Once committed, no live row ties the items to their
 * author: the draft was the only one, and an anonymous item has none. The dead version of the draft row
 * still names its saver and this transaction until the minutely mix rewrites the retro's items and
 * vacuums `retro_drafts` with its other tables (feedback/mixing.repository.ts).
 */
export async function submitDraft(
  ctx: FeatureContext,
  input: {
    teamId: string;
    userId: string;
    draftId: string;
    retroId: string;
    viewId: string;
    anonymous: boolean;
    items: { section: string; body: string }[];
  },
): Promise<SubmitDraftOutcome> {
  const { teamId, userId } = input;
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<SubmitDraftOutcome> => {
      if (!(await deleteMyDraft(trx, teamId, input.draftId, userId))) return { ok: false, reason: 'gone' };
      const stored = await submitInTransaction(
        trx,
        {
          teamId,
          retroId: input.retroId,
          userId,
          viewId: input.viewId,
          anonymous: input.anonymous,
          items: input.items,
        },
        ctx.clock.now(),
      );
      if (!stored) throw new NotCollecting();
      return { ok: true, duplicate: stored.duplicate };
    });
  } catch (error) {
    if (error instanceof NotCollecting) return { ok: false, reason: 'not_collecting' };
    throw error;
  }
}

/** *Discard*: the draft is deleted; its channel when it was still there. */
export function discardDraft(
  db: Db,
  input: { teamId: string; userId: string; draftId: string },
): Promise<{ channelId: string } | null> {
  return deleteMyDraft(db, input.teamId, input.draftId, input.userId);
}

/** What the saved-messages DM shows now, for a person and a channel. */
export async function draftsDmNow(
  db: Db,
  input: { teamId: string; userId: string; channelId: string },
): Promise<ReturnType<typeof presentDraftsDm>> {
  const [drafts, retro] = await Promise.all([
    listMyDrafts(db, input.teamId, input.channelId, input.userId),
    findOpenRetroInChannel(db, input.teamId, input.channelId),
  ]);
  return presentDraftsDm({
    retroTitle: retro?.title ?? 'the retro',
    channelId: input.channelId,
    collecting: retro?.phase === ACCEPTS_FEEDBACK,
    drafts,
  });
}

const DRAFTS_DM_SENT = 'drafts-dm-sent';
const DRAFTS_DM_RENDERER = 'drafts-dm';

interface DmData {
  userId: string;
  channelId: string;
  /** Where the DM landed. */
  channel?: string;
  ts?: string;
}

/**
 * When a retro opens, each person who saved messages for its channel gets one DM (once per retro and
 * person, by its job key). The DM is posted with its heading only; once it is in, it is redrawn with the
 * messages (see presentDraftsDmHeading), rendered from the drafts when that edit is sent.
 */
export const offerDrafts: OnRetroStarted = async (ctx, retro) => {
  if (retro.phase !== ACCEPTS_FEEDBACK) return;
  const savers = await listSaversToOffer(ctx.db, retro.teamId, retro.channelId, retro.id);
  for (const userId of savers) {
    await ctx.db.transaction().execute(async (trx) => {
      await markOffered(trx, retro.teamId, retro.channelId, userId, retro.id);
      const data: DmData = { userId, channelId: retro.channelId };
      await ctx.outbox.enqueue(
        trx,
        directMessage(
          retro.teamId,
          userId,
          { ...presentDraftsDmHeading({ retroTitle: retro.title, channelId: retro.channelId }) },
          { jobKey: `drafts-offer:${retro.id}:${userId}`, onSent: { handler: DRAFTS_DM_SENT, data } },
        ),
      );
    });
  }
  if (savers.length > 0) ctx.outbox.kick();
};

/** Draws the saved messages into the DM once it is posted, and renders that edit when it is sent. */
export function registerDraftsDm(ctx: FeatureContext): void {
  ctx.outbox.onSent(DRAFTS_DM_SENT, async (db, sent) => {
    const data = sent.data as DmData | null;
    const channel = sent.result.channel;
    const ts = sent.result.ts;
    if (!data?.userId || !channel || !ts) return;
    await ctx.outbox.enqueue(
      db,
      messageEdit(
        sent.teamId,
        dmQueue(sent.teamId, data.userId),
        { renderer: DRAFTS_DM_RENDERER, data: { ...data, channel, ts } satisfies DmData },
        `drafts-dm:${channel}:${ts}`,
      ),
    );
    ctx.outbox.kick();
  });
  ctx.outbox.renderer(DRAFTS_DM_RENDERER, async (db, job): Promise<RenderedEdit | undefined> => {
    const data = job.data as DmData;
    if (!data.channel || !data.ts) return undefined;
    const content = await draftsDmNow(db, {
      teamId: job.teamId,
      userId: data.userId,
      channelId: data.channelId,
    });
    return { channel: data.channel, ts: data.ts, content: { ...content } };
  });
}

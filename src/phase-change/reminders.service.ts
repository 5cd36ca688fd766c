import type { webApi } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { directMessage } from '../outbox/index.js';
import type { Retro } from '../retro/retro.js';
import { listRetrosAwaitingReminder, listStaleDiscussions } from '../retro/retro.service.js';
import { claimReminder, listParticipantIds } from './phase-change.repository.js';
import { presentCloseReminder, presentReminder } from './present-reminder.js';
import { peopleToRemind, reminderDueAt, STALE_DISCUSSION_MS } from './reminders.js';

async function channelMembers(client: webApi.WebClient, channelId: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({
      channel: channelId,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/**
 * Queues each due retro's reminder, once, to the channel members who have not contributed yet: the claim
 * and the DMs commit together, and the outbox sends them.
 */
export async function sendDeadlineReminders(ctx: FeatureContext, now: Date): Promise<number> {
  const log = childLogger(ctx.logger, 'scheduler');
  const due = (await listRetrosAwaitingReminder(ctx.db, now)).filter(
    (r) => r.deadlineAt && reminderDueAt(r.createdAt, r.deadlineAt) <= now,
  );
  let queued = 0;
  for (const retro of due) {
    try {
      queued += await remind(ctx, retro, now);
    } catch (error) {
      // Nothing was claimed: the next tick tries again.
      log.warn({ err: safeError(error), retro: retro.id }, 'could not queue the deadline reminder');
    }
  }
  if (queued) ctx.outbox.kick();
  return queued;
}

async function remind(ctx: FeatureContext, retro: Retro, now: Date): Promise<number> {
  // Asked before the claim: without them nobody can be left out, so the reminder waits for the next tick.
  const [botUserId, members] = await Promise.all([
    ctx.botUserId(retro.teamId),
    channelMembers(ctx.clientFor(retro.teamId), retro.channelId),
  ]);
  const message = presentReminder(retro);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimReminder(trx, retro.id, 'reminder_sent_at', 'collecting', now))) return 0;
    const people = peopleToRemind(members, await listParticipantIds(trx, retro.id), botUserId);
    await ctx.outbox.enqueue(
      trx,
      people.map((userId) =>
        directMessage(retro.teamId, userId, { ...message }, { jobKey: `reminder:${retro.id}:${userId}` }),
      ),
    );
    return people.length;
  });
}

/** A retro left in discussion for a week reminds its facilitators, once, to close it. */
export async function sendCloseReminders(ctx: FeatureContext, now: Date): Promise<number> {
  const stale = await listStaleDiscussions(ctx.db, new Date(now.getTime() - STALE_DISCUSSION_MS));
  let queued = 0;
  for (const retro of stale) {
    const facilitators = [...new Set([retro.createdBy, ...retro.facilitatorIds])];
    const message = presentCloseReminder(retro);
    queued += await ctx.db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, retro.id, 'close_reminder_sent_at', 'discussing', now))) return 0;
      await ctx.outbox.enqueue(
        trx,
        facilitators.map((userId) =>
          directMessage(
            retro.teamId,
            userId,
            { ...message },
            { jobKey: `close-reminder:${retro.id}:${userId}` },
          ),
        ),
      );
      return facilitators.length;
    });
  }
  if (queued) ctx.outbox.kick();
  return queued;
}

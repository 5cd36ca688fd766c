import type { webApi } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { childLogger, safeError } from '../logger.js';
import { directMessage } from '../outbox/index.js';
import type { Retro } from '../retro/retro.js';
import {
  listRetrosAwaitingReminder,
  listRetrosAwaitingVotingReminder,
  listStaleDiscussions,
} from '../retro/retro.service.js';
import type { Message } from '../slack/messages.js';
import { listVoterIds } from '../voting/voting.service.js';
import { claimReminder, listParticipantIds } from './phase-change.repository.js';
import { presentVotingReminder } from './present-phase-news.js';
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

/** The two reminders to people who have not taken part yet: before the feedback or the voting deadline. */
interface Reminder {
  claim: 'reminder_sent_at' | 'voting_reminder_sent_at';
  /** The outbox key's prefix: each person gets each reminder once. */
  key: string;
  phase: 'collecting' | 'voting';
  /** Who has taken part already (read in the claim's transaction). */
  done(trx: DbOrTrx, retroId: string): Promise<string[]>;
  message(retro: Retro): Message;
}

const FEEDBACK_REMINDER: Reminder = {
  claim: 'reminder_sent_at',
  key: 'reminder',
  phase: 'collecting',
  done: listParticipantIds,
  message: presentReminder,
};

const VOTING_REMINDER: Reminder = {
  claim: 'voting_reminder_sent_at',
  key: 'voting-reminder',
  phase: 'voting',
  done: listVoterIds,
  message: presentVotingReminder,
};

/**
 * Queues each due retro's reminder, once, to the channel members who have not contributed yet: the claim
 * and the DMs commit together, and the outbox sends them.
 */
export async function sendDeadlineReminders(ctx: FeatureContext, now: Date): Promise<number> {
  const due = (await listRetrosAwaitingReminder(ctx.db, now)).filter(
    (r) => r.deadlineAt && reminderDueAt(r.createdAt, r.deadlineAt) <= now,
  );
  return sendReminders(ctx, FEEDBACK_REMINDER, due, now);
}

/** The same for voting: one private reminder to the channel members who have not voted yet. */
export async function sendVotingReminders(ctx: FeatureContext, now: Date): Promise<number> {
  const due = (await listRetrosAwaitingVotingReminder(ctx.db, now)).filter(
    (r) => r.votingDeadlineAt && reminderDueAt(r.revealedAt ?? r.createdAt, r.votingDeadlineAt) <= now,
  );
  return sendReminders(ctx, VOTING_REMINDER, due, now);
}

async function sendReminders(
  ctx: FeatureContext,
  reminder: Reminder,
  due: Retro[],
  now: Date,
): Promise<number> {
  const log = childLogger(ctx.logger, 'scheduler');
  let queued = 0;
  for (const retro of due) {
    try {
      queued += await remind(ctx, reminder, retro, now);
    } catch (error) {
      // Nothing was claimed: the next tick tries again.
      log.warn(
        { err: safeError(error), retro: retro.id, reminder: reminder.phase },
        'could not queue a reminder',
      );
    }
  }
  if (queued) ctx.outbox.kick();
  return queued;
}

async function remind(ctx: FeatureContext, reminder: Reminder, retro: Retro, now: Date): Promise<number> {
  // Asked before the claim: without them nobody can be left out, so the reminder waits for the next tick.
  const [botUserId, members] = await Promise.all([
    ctx.botUserId(retro.teamId),
    channelMembers(ctx.clientFor(retro.teamId), retro.channelId),
  ]);
  const message = reminder.message(retro);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimReminder(trx, retro.id, reminder.claim, reminder.phase, now))) return 0;
    const people = peopleToRemind(members, await reminder.done(trx, retro.id), botUserId);
    await ctx.outbox.enqueue(
      trx,
      people.map((userId) =>
        directMessage(
          retro.teamId,
          userId,
          { ...message },
          {
            jobKey: `${reminder.key}:${retro.id}:${userId}`,
          },
        ),
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

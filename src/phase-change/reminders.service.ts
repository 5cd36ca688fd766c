import type { webApi } from '@slack/bolt';
import type { FeatureContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import type { Retro } from '../retro/retro.js';
import { claimReminder, listParticipantIds, listRetrosAwaitingReminder } from './phase-change.repository.js';
import { presentReminder } from './present-reminder.js';
import { peopleToRemind, reminderDueAt } from './reminders.js';

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

/** Sends each due retro's reminder, once, to the channel members who have not contributed yet. */
export async function sendDeadlineReminders(ctx: FeatureContext): Promise<number> {
  const log = childLogger(ctx.logger, 'scheduler');
  const now = ctx.clock.now();
  const due = (await listRetrosAwaitingReminder(ctx.db, now)).filter(
    (r) => r.deadlineAt && reminderDueAt(r.createdAt, r.deadlineAt) <= now,
  );
  let sent = 0;
  for (const retro of due) {
    // Asked before the claim: without it nobody can be left out, so the reminder waits for the next tick.
    const botUserId = await ctx.botUserId(retro.teamId);
    if (!(await claimReminder(ctx.db, retro.id, now))) continue;
    try {
      sent += await remind(ctx, retro, botUserId);
    } catch (error) {
      log.warn({ err: safeError(error), retro: retro.id }, 'could not send the deadline reminder');
    }
  }
  return sent;
}

async function remind(ctx: FeatureContext, retro: Retro, botUserId: string): Promise<number> {
  const client = ctx.clientFor(retro.teamId);
  const [members, contributors] = await Promise.all([
    channelMembers(client, retro.channelId),
    listParticipantIds(ctx.db, retro.id),
  ]);
  const people = peopleToRemind(members, contributors, botUserId);
  const message = presentReminder(retro);
  for (const userId of people) {
    await client.chat.postMessage({ channel: userId, ...message });
  }
  return people.length;
}

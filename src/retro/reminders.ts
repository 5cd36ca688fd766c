import type { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { presentReminder } from './present-reminder.js';
import type { Retro } from './retro.js';
import { claimReminder, listParticipantIds, listRetrosAwaitingReminder } from './retro.repository.js';

const DAY_MS = 86_400_000;

/**
 * When the one reminder goes out: a day before the deadline, or halfway through collection for
 * retros shorter than two days, so a short retro is not nagged the minute it starts.
 */
export function reminderDueAt(createdAt: Date, deadline: Date): Date {
  const lead = Math.min(DAY_MS, (deadline.getTime() - createdAt.getTime()) / 2);
  return new Date(deadline.getTime() - lead);
}

/** Channel members who have not contributed: the people a reminder is for. */
export function peopleToRemind(
  members: readonly string[],
  contributors: readonly string[],
  botUserId: string,
): string[] {
  const done = new Set([...contributors, botUserId]);
  return [...new Set(members)].filter((id) => !done.has(id));
}

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
export async function sendDeadlineReminders(ctx: AppContext, client: webApi.WebClient): Promise<number> {
  const log = childLogger(ctx.logger, 'scheduler');
  const now = ctx.clock.now();
  const due = (await listRetrosAwaitingReminder(ctx.db, now)).filter(
    (r) => r.deadlineAt && reminderDueAt(r.createdAt, r.deadlineAt) <= now,
  );
  if (due.length === 0) return 0;
  const bot = await client.auth.test();
  let sent = 0;
  for (const retro of due) {
    if (!(await claimReminder(ctx.db, retro.id, now))) continue;
    try {
      sent += await remind(ctx, client, retro, String(bot.user_id ?? ''));
    } catch (error) {
      log.warn({ err: safeError(error), retro: retro.id }, 'could not send the deadline reminder');
    }
  }
  return sent;
}

async function remind(
  ctx: AppContext,
  client: webApi.WebClient,
  retro: Retro,
  botUserId: string,
): Promise<number> {
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

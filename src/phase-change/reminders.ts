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

/** How long a retro may sit in discussion before its facilitators are reminded to close it. */
export const STALE_DISCUSSION_MS = 7 * DAY_MS;

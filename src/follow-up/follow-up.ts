/** What a weekly nudge and a channel digest are made of, as the queries return them. */

export interface NudgeItem {
  id: string;
  title: string;
  dueDate: string;
  channelId: string;
  retroTitle: string | null;
  overdue: boolean;
}

export interface DueNudge {
  teamId: string;
  ownerId: string;
  /** The owner's ISO week ('YYYY-Www'): one nudge per owner per week, however many copies run. */
  week: string;
  /** The owner's local date, 'YYYY-MM-DD'. */
  today: string;
  /** All the owner's open, unsnoozed items, of which `items` holds the first (soonest due, so overdue first). */
  openCount: number;
  items: NudgeItem[];
}

export interface DigestItemRow {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  status: 'open' | 'done';
}

export interface DueDigest {
  teamId: string;
  channelId: string;
  /** Where it goes: the workspace's digest channel when set, else the channel itself. */
  postTo: string;
  /** The workspace's ISO week ('YYYY-Www'): one digest per channel per week. */
  week: string;
  /** The workspace's local date, 'YYYY-MM-DD'. */
  today: string;
  items: DigestItemRow[];
}

export type WeeklyDelivery = DueNudge | DueDigest;

/** What the follow-up records of a delivery it queues, and the key that names it (also the outbox's). */
export interface DeliveryRecord {
  /** `nudge:{team}:{owner}:{week}` or `digest:{team}:{channel}:{week}` */
  key: string;
  teamId: string;
  kind: 'nudge' | 'digest';
  subjectId: string;
  week: string;
}

export function deliveryOf(due: WeeklyDelivery): DeliveryRecord {
  const [kind, subjectId] =
    'ownerId' in due ? (['nudge', due.ownerId] as const) : (['digest', due.channelId] as const);
  return {
    key: `${kind}:${due.teamId}:${subjectId}:${due.week}`,
    teamId: due.teamId,
    kind,
    subjectId,
    week: due.week,
  };
}

/**
 * The list with its workspaces taken in turn (each one's first, then each one's second, …), keeping each
 * workspace's own order: queued a round at a time, every workspace has nudges on the way after the first
 * round, instead of the last workspaces waiting for every earlier one to be queued.
 */
export function inTurnsByTeam<T extends { teamId: string }>(list: readonly T[]): T[] {
  const byTeam = new Map<string, T[]>();
  for (const entry of list) {
    const own = byTeam.get(entry.teamId);
    if (own) own.push(entry);
    else byTeam.set(entry.teamId, [entry]);
  }
  const lists = [...byTeam.values()];
  const turns: T[] = [];
  for (let turn = 0; turns.length < list.length; turn++) {
    for (const own of lists) {
      const entry = own[turn];
      if (entry) turns.push(entry);
    }
  }
  return turns;
}

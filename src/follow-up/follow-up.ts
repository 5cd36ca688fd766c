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

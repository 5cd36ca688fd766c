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
  /** `nudge:{team}:{owner}:{iso-week}`: one nudge per owner per week, however many copies run. */
  jobKey: string;
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
  /** `digest:{team}:{channel}:{iso-week}` */
  jobKey: string;
  /** The workspace's local date, 'YYYY-MM-DD'. */
  today: string;
  items: DigestItemRow[];
}

export type ActionStatus = 'open' | 'done' | 'cancelled';
export type ActionSource = 'item' | 'root_cause' | 'kpi' | 'manual';

/** An open action item as listed to a person. */
export interface OpenAction {
  id: string;
  title: string;
  ownerId: string;
  dueDate: string;
  retroTitle: string | null;
  channelId: string;
}

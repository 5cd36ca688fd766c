export interface FeedbackItemTable {
  id: string;
  team_id: string;
  retro_id: string;
  section: string;
  body: string;
  /** Null for anonymous items. */
  author_id: string | null;
}

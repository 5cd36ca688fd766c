export interface VoteTable {
  team_id: string;
  retro_id: string;
  item_id: string;
  voter_id: string;
}

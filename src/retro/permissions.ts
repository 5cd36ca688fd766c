export interface RetroRoles {
  createdBy: string;
  facilitatorIds: readonly string[];
}

/** The creator counts even if they were left out of the co-facilitator list. */
export function isFacilitator(retro: RetroRoles, userId: string): boolean {
  return retro.createdBy === userId || retro.facilitatorIds.includes(userId);
}

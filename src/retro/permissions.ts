export interface RetroRoles {
  createdBy: string;
  facilitatorIds: readonly string[];
}

/** The creator counts even if they were left out of the co-facilitator list. */
export function isFacilitator(retro: RetroRoles, userId: string): boolean {
  return retro.createdBy === userId || retro.facilitatorIds.includes(userId);
}

/** `what` is a verb phrase, e.g. "reveal the feedback" or "close the retro". Returns Slack mrkdwn. */
export function onlyFacilitatorsMessage(retroTitle: string, what: string): string {
  // The title is user text: escape Slack's control characters, and drop asterisks that would end the bold.
  const title = retroTitle
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('*', '')
    .trim();
  return `Only the facilitators of *${title}* can ${what}.`;
}

import type { webApi } from '@slack/bolt';
import type { Db } from '../db/database.js';
import { hasFacilitated } from '../retro/retro.service.js';
import { isWorkspaceAdmin } from '../slack/users.js';
import { describeNudgeMoment, type SettingsView, type WorkspaceFollowUp } from './settings.js';
import {
  knownTimeZone,
  loadOptOut,
  loadWorkspaceFollowUp,
  saveOptOut,
  saveWorkspaceFollowUp,
} from './settings.repository.js';

export async function loadSettings(db: Db, teamId: string, userId: string): Promise<SettingsView> {
  const [workspace, optedOut] = await Promise.all([
    loadWorkspaceFollowUp(db, teamId),
    loadOptOut(db, teamId, userId),
  ]);
  return { workspace, optedOut };
}

/**
 * Workspace-wide follow-up settings are for workspace admins and owners (users.info) and for anyone who
 * facilitated a retro in this workspace; everyone may opt out of their own nudges.
 */
export async function mayEditWorkspace(
  db: Db,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  if (await hasFacilitated(db, teamId, userId)) return true;
  return isWorkspaceAdmin(client, userId);
}

/** Saves the person's opt-out and, when given, the workspace's settings, together. */
export async function saveSettings(
  db: Db,
  teamId: string,
  userId: string,
  changes: { optOut: boolean; workspace?: WorkspaceFollowUp },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await saveOptOut(trx, teamId, userId, changes.optOut);
    if (changes.workspace) await saveWorkspaceFollowUp(trx, teamId, changes.workspace, now);
  });
}

/**
 * When the person's weekly nudge comes, in their own zone (the workspace's, named as such, when Slack has
 * not told us theirs), e.g. "Mondays at 09:00 your time (Europe/Berlin)": for the App Home.
 */
export async function nudgeMomentOf(db: Db, teamId: string, userId: string): Promise<string> {
  const [{ workspace, optedOut }, zone] = await Promise.all([
    loadSettings(db, teamId, userId),
    knownTimeZone(db, teamId, userId),
  ]);
  return describeNudgeMoment({
    schedule: workspace.schedule,
    timeZone: zone ?? workspace.defaultTimeZone,
    ownZone: zone !== null,
    optedOut,
  });
}

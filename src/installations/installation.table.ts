import type { Generated } from 'kysely';

/**
 * One row per installation: a workspace, or an organization for org-wide installs (team_id empty then).
 * The installation Slack returned, tokens and all, is sealed (token-cipher.ts); only the keys are plain.
 */
export interface InstallationTable {
  id: Generated<number>;
  team_id: string;
  enterprise_id: string;
  is_enterprise_install: boolean;
  key_id: string;
  sealed: string;
  refreshing_until: Date | null;
  installed_at: Date;
  updated_at: Date;
}

declare module '../db/database.js' {
  interface Database {
    installations: InstallationTable;
  }
}

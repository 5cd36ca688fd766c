import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { open, seal, type TokenKeyring } from './token-cipher.js';
import './installation.table.js';

/** Bolt's store plus the deletion another feature calls when a workspace uninstalls. */
export interface RearviewInstallationStore extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /**
   * Token rotation: takes the right to refresh this installation's token for `ms` (false: another copy
   * holds it); `releaseRefresh` gives it back once the refreshed installation is stored.
   */
  claimRefresh(installation: Installation, ms: number): Promise<boolean>;
  releaseRefresh(installation: Installation): Promise<void>;
  /** Key ids that sealed stored installations and that TOKEN_ENCRYPTION_KEY lacks (checked at start-up). */
  missingKeys(): Promise<string[]>;
  /** How many installations exist (start-up refuses to run without a key when any does). */
  count(): Promise<number>;
}

interface Key {
  teamId: string;
  enterpriseId: string;
}

// An org-wide install serves every workspace of the organization: it is found by enterprise alone.
function keyOf(q: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}): Key {
  return q.isEnterpriseInstall
    ? { teamId: '', enterpriseId: q.enterpriseId ?? '' }
    : { teamId: q.teamId ?? '', enterpriseId: q.enterpriseId ?? '' };
}

const keyOfInstallation = (installation: Installation): Key =>
  keyOf({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  });

const contextOf = (key: Key) => `installation:${key.enterpriseId}:${key.teamId}`;

export function createInstallationStore(deps: {
  db: Db;
  clock: Clock;
  keyring: TokenKeyring;
}): RearviewInstallationStore {
  const { db, clock, keyring } = deps;
  return {
    async storeInstallation(installation) {
      const key = keyOfInstallation(installation);
      const sealed = seal(keyring, JSON.stringify(installation), contextOf(key));
      const now = clock.now();
      // A second install of the same workspace (new scopes, another admin) replaces the first.
      await db
        .insertInto('installations')
        .values({
          team_id: key.teamId,
          enterprise_id: key.enterpriseId,
          is_enterprise_install: installation.isEnterpriseInstall === true,
          key_id: sealed.keyId,
          sealed: sealed.sealed,
          installed_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['enterprise_id', 'team_id'])
            .doUpdateSet({ key_id: sealed.keyId, sealed: sealed.sealed, updated_at: now }),
        )
        .execute();
    },
    async fetchInstallation(query) {
      const columns = ['key_id', 'sealed', 'team_id', 'enterprise_id'] as const;
      // Team ids are unique across Slack: a job that knows only the team finds a grid workspace's row too.
      let row =
        !query.isEnterpriseInstall && query.teamId
          ? await db
              .selectFrom('installations')
              .select(columns)
              .where('team_id', '=', query.teamId)
              .executeTakeFirst()
          : undefined;
      // A workspace of an organization that installed org-wide has no row of its own.
      if (!row && query.enterpriseId) {
        row = await db
          .selectFrom('installations')
          .select(columns)
          .where('team_id', '=', '')
          .where('enterprise_id', '=', query.enterpriseId)
          .executeTakeFirst();
      }
      if (!row)
        throw new Error(
          `Rearview is not installed in workspace ${query.teamId ?? query.enterpriseId ?? '?'}`,
        );
      const context = contextOf({ teamId: row.team_id, enterpriseId: row.enterprise_id });
      return JSON.parse(open(keyring, { keyId: row.key_id, sealed: row.sealed }, context)) as Installation;
    },
    async deleteInstallation(query) {
      const key = keyOf(query);
      await db
        .deleteFrom('installations')
        .where('team_id', '=', key.teamId)
        .where('enterprise_id', '=', key.enterpriseId)
        .execute();
    },
    async claimRefresh(installation, ms) {
      const key = keyOfInstallation(installation);
      const now = clock.now();
      const claimed = await db
        .updateTable('installations')
        .set({ refreshing_until: new Date(now.getTime() + ms) })
        .where('team_id', '=', key.teamId)
        .where('enterprise_id', '=', key.enterpriseId)
        .where((eb) => eb.or([eb('refreshing_until', 'is', null), eb('refreshing_until', '<', now)]))
        .returning('id')
        .executeTakeFirst();
      return claimed !== undefined;
    },
    async releaseRefresh(installation) {
      const key = keyOfInstallation(installation);
      await db
        .updateTable('installations')
        .set({ refreshing_until: null })
        .where('team_id', '=', key.teamId)
        .where('enterprise_id', '=', key.enterpriseId)
        .execute();
    },
    async missingKeys() {
      const rows = await db.selectFrom('installations').select('key_id').distinct().execute();
      return rows.map((r) => r.key_id).filter((id) => !keyring.keys.has(id));
    },
    async count() {
      const row = await db
        .selectFrom('installations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

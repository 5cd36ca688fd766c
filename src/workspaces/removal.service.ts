import type { FeatureContext } from '../context.js';
import {
  deleteBatch,
  dropUnsentOutbox,
  markFinished,
  pendingRemovals,
  recordRemoval,
  teamTables,
} from './removal.repository.js';

const BATCH_SIZE = 1_000;

/**
 * Retros go last: their children (feedback, votes, whys…) hold `retro_id` with `on delete cascade`, and
 * deleting them first keeps each batch's cascade small.
 */
const LAST = ['feedback_items', 'retros'];

/**
 * The workspace removed the app: in one transaction it is marked removed (the outbox claims nothing of
 * it from now on) and its unsent messages are dropped. Its data goes in the scheduled deletion.
 */
export async function workspaceRemoved(ctx: FeatureContext, teamId: string, why: string): Promise<void> {
  const now = ctx.clock.now();
  const dropped = await ctx.db.transaction().execute(async (trx) => {
    await recordRemoval(trx, teamId, now);
    return dropUnsentOutbox(trx, teamId);
  });
  ctx.logger.info(
    { teamId, why, droppedMessages: dropped },
    'workspace removed the app; its data will be deleted',
  );
}

/** Deletes the rows of every removed workspace, table by table in batches; returns how many rows went. */
export async function deleteRemovedWorkspaces(ctx: FeatureContext): Promise<number> {
  let total = 0;
  for (const teamId of await pendingRemovals(ctx.db)) {
    const tables = (await teamTables(ctx.db)).sort(
      (a, b) => LAST.indexOf(a) - LAST.indexOf(b) || a.localeCompare(b),
    );
    const deleted: Record<string, number> = {};
    for (const table of tables) {
      let count = 0;
      for (;;) {
        const n = await deleteBatch(ctx.db, table, teamId, BATCH_SIZE);
        count += n;
        if (n < BATCH_SIZE) break;
      }
      if (count > 0) deleted[table] = count;
      total += count;
    }
    await markFinished(ctx.db, teamId, ctx.clock.now());
    ctx.logger.info({ teamId, deleted }, 'deleted the data of a workspace that removed the app');
  }
  return total;
}

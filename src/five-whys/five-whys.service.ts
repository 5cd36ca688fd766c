import type { FeatureContext } from '../context.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { channelPost, channelQueue, messageEdit, type RenderedEdit } from '../outbox/index.js';
import { retroById } from '../retro/retro.guard.js';
import type { Retro } from '../retro/retro.js';
import { lockRetroPhase } from '../retro/retro.service.js';
import { sectionLabel } from '../retro/templates.js';
import type { SourceRef } from '../shared/source-ref.js';
import { createFiveWhys, findFiveWhys, setFiveWhysMessage, updateFiveWhys } from './five-whys.repository.js';
import type { FiveWhysSource } from './five-whys.table.js';
import { presentFiveWhysMessage } from './present-five-whys.js';
import { startFree, startFromItem, startFromKpi, type WhysStart } from './sources.js';
import { canEditWhys, type FiveWhys, fiveWhysAllowedIn, type WhysChain } from './whys.js';
import type { FiveWhysMetadata } from './whys-form.js';
import { findSourceItem, findSourceKpi } from './whys-sources.repository.js';

const POSTED = 'five-whys-posted';

/** What a button's source reference points at: its retro, and how a chain or an item starts from it. */
export interface ResolvedSource extends WhysStart {
  retro: Retro;
  sourceType: FiveWhysSource;
  sourceId: string | null;
  /** The series of the KPI it starts from, for an action item meant to move it; null for other sources. */
  kpiSeriesKey: string | null;
}

/** Null for anything unknown or of another workspace. */
export async function resolveSource(
  db: DbOrTrx,
  teamId: string,
  ref: SourceRef,
): Promise<ResolvedSource | null> {
  if (ref.type === 'item') {
    const item = await findSourceItem(db, teamId, ref.id);
    const retro = item ? await retroById(db, teamId, item.retroId) : null;
    if (!item || !retro) return null;
    const start = startFromItem(sectionLabel(retro.template, item.section), item.body);
    return { ...start, retro, sourceType: 'item', sourceId: ref.id, kpiSeriesKey: null };
  }
  if (ref.type === 'kpi') {
    const found = await findSourceKpi(db, teamId, ref.id);
    const retro = found ? await retroById(db, teamId, found.retroId) : null;
    if (!found || !retro) return null;
    return {
      ...startFromKpi(found.kpi),
      retro,
      sourceType: 'kpi',
      sourceId: ref.id,
      kpiSeriesKey: found.kpi.seriesKey ?? null,
    };
  }
  if (ref.type !== 'retro') return null;
  const retro = await retroById(db, teamId, ref.id);
  return retro ? { ...startFree(), retro, sourceType: 'manual', sourceId: null, kpiSeriesKey: null } : null;
}

/** The series of the KPI a chain started from; null when it started elsewhere. */
export async function chainKpiSeries(
  db: DbOrTrx,
  teamId: string,
  chain: Pick<FiveWhys, 'sourceType' | 'sourceId'>,
): Promise<string | null> {
  if (chain.sourceType !== 'kpi' || !chain.sourceId) return null;
  const found = await findSourceKpi(db, teamId, chain.sourceId);
  return found?.kpi.seriesKey ?? null;
}

export async function findChain(db: DbOrTrx, teamId: string, id: string) {
  const chain = await findFiveWhys(db, teamId, id);
  const retro = chain ? await retroById(db, teamId, chain.retroId) : null;
  return chain && retro ? { chain, retro } : null;
}

export type SaveResult = { ok: true; chain: FiveWhys } | { ok: false; reason: string };

/**
 * Stores a new chain (or an edit) under the retro's row lock, so it cannot slip past a close, and
 * queues its post in the retro's thread (or the edit of that post) in the same transaction.
 */
export async function saveChain(
  ctx: FeatureContext,
  input: { teamId: string; userId: string; meta: FiveWhysMetadata; chain: WhysChain },
): Promise<SaveResult> {
  const { teamId, meta } = input;
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx): Promise<SaveResult> => {
    const phase = await lockRetroPhase(trx, teamId, meta.retroId);
    const retro = phase ? await retroById(trx, teamId, meta.retroId) : null;
    if (!retro) return { ok: false, reason: 'This retro no longer exists.' };
    const allowed = fiveWhysAllowedIn(retro.phase);
    if (!allowed.ok) return allowed;
    if (meta.chainId) {
      const existing = await findFiveWhys(trx, teamId, meta.chainId);
      if (!existing || existing.retroId !== retro.id)
        return { ok: false, reason: 'This chain no longer exists.' };
      const may = canEditWhys(existing, retro, input.userId);
      if (!may.ok) return may;
      const chain = await updateFiveWhys(trx, teamId, existing.id, input.chain, now);
      if (!chain) return { ok: false, reason: 'This chain no longer exists.' };
      if (chain.messageTs && chain.channelId) {
        await ctx.outbox.enqueue(
          trx,
          messageEdit(
            teamId,
            channelQueue(teamId, chain.channelId),
            { renderer: CHAIN_RENDERER, data: { chainId: chain.id } },
            `five-whys:${chain.id}`,
          ),
        );
      }
      return { ok: true, chain };
    }
    const chain = await createFiveWhys(trx, {
      teamId,
      retroId: retro.id,
      channelId: retro.channelId,
      sourceType: meta.sourceType,
      sourceId: meta.sourceId,
      sourceLabel: meta.sourceLabel,
      chain: input.chain,
      createdBy: input.userId,
      now,
    });
    const thread = retro.cardTs ? { thread_ts: retro.cardTs } : {};
    await ctx.outbox.enqueue(
      trx,
      channelPost(
        teamId,
        retro.channelId,
        { ...presentFiveWhysMessage(chain), ...thread },
        { onSent: { handler: POSTED, data: { chainId: chain.id } } },
      ),
    );
    return { ok: true, chain };
  });
  if (result.ok) ctx.outbox.kick();
  return result;
}

/** The outbox renderer of a chain's thread message: the chain as it is when the edit goes out. */
const CHAIN_RENDERER = 'five-whys-chain';

async function renderChain(
  db: Db,
  job: { teamId: string; data: unknown },
): Promise<RenderedEdit | undefined> {
  const chainId = (job.data as { chainId?: unknown } | null)?.chainId;
  const chain = typeof chainId === 'string' ? await findFiveWhys(db, job.teamId, chainId) : null;
  if (!chain?.messageTs || !chain.channelId) return undefined;
  return { channel: chain.channelId, ts: chain.messageTs, content: { ...presentFiveWhysMessage(chain) } };
}

/** Keeps the ts of a chain's thread message, so an edit updates it in place, and renders those edits. */
export function registerChainMessages(ctx: FeatureContext): void {
  ctx.outbox.renderer(CHAIN_RENDERER, renderChain);
  ctx.outbox.onSent(POSTED, async (db: Db, sent) => {
    const chainId = (sent.data as { chainId?: unknown } | null)?.chainId;
    if (typeof chainId !== 'string' || !sent.result.ts) return;
    await setFiveWhysMessage(db, sent.teamId, chainId, sent.result.ts);
  });
}

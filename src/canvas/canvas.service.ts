import type { FeatureContext } from '../context.js';
import type { Db } from '../db/database.js';
import { CHANNEL_CANVAS_RENDERER, directMessage, type RenderedCall } from '../outbox/index.js';
import { retroById } from '../retro/retro.guard.js';
import { findLatestRetroInChannel } from '../retro/retro.service.js';
import { composeSummary } from '../summary/summary.js';
import { loadSummaryInput } from '../summary/summary.service.js';
import {
  actionsOf,
  canvasSince,
  chainsOf,
  closedRetroIds,
  findChannelCanvas,
  forgetCanvasId,
  markTold,
  recordRefusal,
  saveCanvasId,
} from './canvas.repository.js';
import { actionStateOf, CANVAS_LIMITS, type CanvasRetro } from './canvas-record.js';
import { presentCanvas, presentCanvasRefused } from './present-canvas.js';

const CANVAS_CREATED = 'channel-canvas-created';
const CANVAS_REFUSED = 'channel-canvas-refused';
/** Slack no longer knows the canvas (deleted in Slack): the next change creates a new one. */
const CANVAS_GONE = new Set(['canvas_not_found', 'canvas_deleted', 'file_not_found', 'file_deleted']);

function channelOf(data: unknown): string {
  return (data as { channelId: string }).channelId;
}

/** The channel's closed retros as the canvas records them, newest first. */
async function loadRecord(db: Db, teamId: string, channelId: string): Promise<CanvasRetro[]> {
  const ids = await closedRetroIds(db, teamId, channelId, CANVAS_LIMITS.retros);
  const [chains, actions] = await Promise.all([chainsOf(db, ids), actionsOf(db, teamId, ids)]);
  const record: CanvasRetro[] = [];
  for (const id of ids) {
    const retro = await retroById(db, teamId, id);
    if (!retro) continue;
    const summary = composeSummary(await loadSummaryInput(db, retro, retro.closedAt ?? retro.createdAt));
    record.push({
      title: retro.title,
      startedAt: retro.createdAt,
      closedAt: retro.closedAt,
      kpis: summary.scorecard.map((row) => ({
        ...row.kpi,
        status: row.status,
        earlier: row.history?.earlier ?? [],
      })),
      topItems: summary.topItems.map((i) => ({ text: i.text, votes: i.votes, sectionLabel: i.sectionLabel })),
      chains: chains
        .filter((c) => c.retro_id === id)
        .map((c) => ({ problem: c.problem, whys: c.whys, rootCause: c.root_cause })),
      actions: actions
        .filter((a) => a.retro_id === id)
        .map((a) => ({
          title: a.title,
          ownerId: a.owner_id,
          dueDate: a.due_date,
          state: actionStateOf(a.status, a.carried_to_retro_id),
        })),
    });
  }
  return record;
}

/**
 * The canvas as it should read now: created the first time (a channel has one channel canvas), then
 * replaced whole, one operation per call as `canvases.edit` takes them. Nothing while the workspace keeps
 * no canvases, while Slack's refusal is newer than the setting, or before the channel's first close.
 */
async function renderCanvas(db: Db, teamId: string, channelId: string): Promise<RenderedCall | undefined> {
  const since = await canvasSince(db, teamId);
  if (!since) return undefined;
  const canvas = await findChannelCanvas(db, teamId, channelId);
  if (canvas?.disabled_reason && canvas.refused_at && canvas.refused_at >= since) return undefined;
  const record = await loadRecord(db, teamId, channelId);
  if (record.length === 0) return undefined;
  const document_content = { type: 'markdown', markdown: presentCanvas(record) };
  const onRefused = { handler: CANVAS_REFUSED, data: { channelId } };
  if (canvas?.canvas_id) {
    return {
      method: 'canvases.edit',
      args: { canvas_id: canvas.canvas_id, changes: [{ operation: 'replace', document_content }] },
      onRefused,
    };
  }
  return {
    method: 'conversations.canvases.create',
    args: { channel_id: channelId, document_content },
    onSent: { handler: CANVAS_CREATED, data: { channelId } },
    onRefused,
  };
}

/**
 * Slack refused the canvas: recorded, so it is not tried again until the setting is turned off and on,
 * and the facilitator of the channel's latest retro is told once. Retros go on without it.
 */
async function canvasRefused(
  ctx: FeatureContext,
  teamId: string,
  channelId: string,
  reason: string,
  now: Date,
) {
  if (CANVAS_GONE.has(reason)) {
    await forgetCanvasId(ctx.db, teamId, channelId, now);
    return;
  }
  const told = await ctx.db.transaction().execute(async (trx) => {
    const since = await canvasSince(trx, teamId);
    const { toldAt } = await recordRefusal(trx, teamId, channelId, reason, now);
    if (toldAt && (!since || toldAt >= since)) return false;
    const retro = await findLatestRetroInChannel(trx, teamId, channelId);
    if (!retro) return false;
    await markTold(trx, teamId, channelId, now);
    await ctx.outbox.enqueue(
      trx,
      directMessage(teamId, retro.createdBy, { ...presentCanvasRefused(channelId, reason) }),
    );
    return true;
  });
  if (told) ctx.outbox.kick();
}

/** Renders the channel canvas's edits (`channelCanvasEdit`), keeps the created canvas, and hears refusals. */
export function registerChannelCanvas(ctx: FeatureContext): void {
  ctx.outbox.renderer(CHANNEL_CANVAS_RENDERER, (db, job) =>
    renderCanvas(db, job.teamId, channelOf(job.data)),
  );
  ctx.outbox.onSent(CANVAS_CREATED, async (db, sent) => {
    if (sent.result.canvasId)
      await saveCanvasId(db, sent.teamId, channelOf(sent.data), sent.result.canvasId, sent.now);
  });
  ctx.outbox.onRefused(CANVAS_REFUSED, (_db, refused) =>
    canvasRefused(ctx, refused.teamId, channelOf(refused.data), refused.reason, refused.now),
  );
}

import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { type ActionArgs, actionChannel, actionValue, teamOf } from '../slack/handler-types.js';
import type { Message } from '../slack/messages.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { tellUser } from '../slack/tell-user.js';
import { isFacilitator } from './permissions.js';
import { ACCEPTS_BALLOTS, ACCEPTS_FEEDBACK, type Phase } from './phases.js';
import { RETRO_GONE } from './present-retro-notice.js';
import type { Retro } from './retro.js';
import { findRetro } from './retro.repository.js';
import { createRetroSetups, type RetroSetup } from './retro-setups.service.js';

const RetroId = z.uuid();
const RetroMetadata = z.object({ retroId: z.uuid() });

/** What a person must meet to act on a retro: being a facilitator, and/or the retro being in a phase. */
export interface RetroRule {
  facilitatorsOnly?: boolean;
  phases?: readonly Phase[];
}

/** Adding, editing or withdrawing feedback; the database function store_submissions checks the same phase. */
export const TAKES_FEEDBACK: RetroRule = { phases: [ACCEPTS_FEEDBACK] };

/** Opening or sending a ballot; the database function replace_ballots checks the same phase. */
export const TAKES_BALLOTS: RetroRule = { phases: [ACCEPTS_BALLOTS] };

export type RetroRefusal = 'gone' | 'not_facilitator' | 'wrong_phase';

export interface Presser {
  channelId: string | undefined;
  userId: string;
}

/** Plain check of a rule: the person is checked before the phase. */
export function checkRetroRule(
  retro: Retro,
  userId: string,
  rule: RetroRule,
): Exclude<RetroRefusal, 'gone'> | null {
  if (rule.facilitatorsOnly && !isFacilitator(retro, userId)) return 'not_facilitator';
  if (rule.phases && !rule.phases.includes(retro.phase)) return 'wrong_phase';
  return null;
}

/** A retro named by a button or form; null for anything malformed, unknown or of another team. */
export async function retroById(db: DbOrTrx, teamId: string, value: unknown): Promise<Retro | null> {
  const id = RetroId.safeParse(value);
  return id.success ? findRetro(db, teamId, id.data) : null;
}

/**
 * The guard of every button whose value is a retro id: acks, loads the retro, checks `rule`, and
 * when any of that fails tells the presser privately (`refuse` words a refusal) and returns null.
 */
export async function guardRetroButton(
  ctx: AppContext,
  args: ActionArgs,
  rule: RetroRule = {},
  refuse: (retro: Retro, refusal: Exclude<RetroRefusal, 'gone'>) => string | Message = () => RETRO_GONE,
): Promise<{ retro: Retro; who: Presser } | null> {
  await args.ack();
  const who = { channelId: actionChannel(args), userId: args.body.user.id };
  const retro = await retroById(ctx.db, teamOf(args.body), actionValue(args));
  if (!retro) {
    await tellUser(args.client, who, RETRO_GONE);
    return null;
  }
  const refusal = checkRetroRule(retro, who.userId, rule);
  if (!refusal) return { retro, who };
  await tellUser(args.client, who, refuse(retro, refusal));
  return null;
}

/** Modal metadata naming a retro, sealed so a forged submission is recognised. */
export function sealRetroMetadata(ctx: AppContext, retroId: string): string {
  return sealMetadata(metadataKey(ctx.config), { retroId });
}

/**
 * The guard of every modal about a retro: its sealed metadata, the retro it names, and `rule`.
 * Views answer in their own way (a notice modal or a field error), so this returns a coded result.
 */
export async function guardRetroView(
  ctx: AppContext,
  args: {
    body: { team?: { id?: string } | null; user: { id: string; team_id?: string } };
    view: Pick<ViewOutput, 'private_metadata'>;
  },
  rule: RetroRule = {},
): Promise<{ ok: true; retro: Retro } | { ok: false; refusal: RetroRefusal }> {
  const meta = openMetadata(metadataKey(ctx.config), args.view.private_metadata, RetroMetadata);
  const retro = meta ? await retroById(ctx.db, teamOf(args.body), meta.retroId) : null;
  if (!retro) return { ok: false, refusal: 'gone' };
  const refusal = checkRetroRule(retro, args.body.user.id, rule);
  return refusal ? { ok: false, refusal } : { ok: true, retro };
}

/** The guard of a modal whose writes check the phase themselves: the retro's set-up, or null. */
export type SubmissionGuard = (args: {
  body: { team?: { id?: string } | null; user: { id: string; team_id?: string } };
  view: Pick<ViewOutput, 'private_metadata'>;
}) => Promise<RetroSetup | null>;

/**
 * The guard of the feedback and ballot submissions, which check the phase where they write: the
 * sealed metadata and the set-up of the retro it names (retro-setups.service.ts), so that a burst
 * of submissions does not ask the database for the same retro again and again. Everyone who opened
 * the same modal sends the same metadata, so each one is checked once (up to `max` kept).
 */
export function createSubmissionGuard(ctx: Pick<AppContext, 'config' | 'db'>, max = 1_000): SubmissionGuard {
  const key = metadataKey(ctx.config);
  const setups = createRetroSetups(ctx.db, max);
  const opened = new Map<string, string>();
  const retroIdIn = (raw: string | undefined): string | null => {
    if (!raw) return null;
    const known = opened.get(raw);
    if (known) return known;
    const retroId = openMetadata(key, raw, RetroMetadata)?.retroId ?? null;
    if (retroId) opened.set(raw, retroId);
    if (opened.size > max) opened.delete(opened.keys().next().value as string);
    return retroId;
  };
  return async ({ body, view }) => {
    const retroId = retroIdIn(view.private_metadata);
    return retroId ? setups.get(teamOf(body), retroId) : null;
  };
}

import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { DbOrTrx } from '../db/database.js';
import { type ActionArgs, actionChannel, actionValue, teamOf } from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { tellUser } from '../slack/tell-user.js';
import type { Retro } from './retro.js';
import { findRetro } from './retro.repository.js';

const RetroId = z.uuid();
const RetroMetadata = z.object({ retroId: z.uuid() });

export const RETRO_GONE = 'That retro no longer exists. Type `/retro status` to see the one in this channel.';

/** A retro named by a button or form; null for anything malformed, unknown or of another team. */
export async function retroById(db: DbOrTrx, teamId: string, value: unknown): Promise<Retro | null> {
  const id = RetroId.safeParse(value);
  return id.success ? findRetro(db, teamId, id.data) : null;
}

export interface Presser {
  channelId: string | undefined;
  userId: string;
}

/**
 * Acks a button whose value is a retro id and loads that retro. When it is gone, the presser is
 * told so and the result is null.
 */
export async function retroForButton(
  ctx: AppContext,
  args: ActionArgs,
): Promise<{ retro: Retro; who: Presser } | null> {
  await args.ack();
  const who = { channelId: actionChannel(args), userId: args.body.user.id };
  const retro = await retroById(ctx.db, teamOf(args.body), actionValue(args));
  if (retro) return { retro, who };
  await tellUser(args.client, who, RETRO_GONE);
  return null;
}

/** Modal metadata naming a retro, sealed so a forged submission is recognised. */
export function sealRetroMetadata(ctx: AppContext, retroId: string): string {
  return sealMetadata(metadataKey(ctx.config), { retroId });
}

/** The retro a submitted modal belongs to; null when its metadata was forged or the retro is gone. */
export async function retroForView(
  ctx: AppContext,
  body: { team?: { id?: string } | null; user?: { team_id?: string } },
  view: Pick<ViewOutput, 'private_metadata'>,
): Promise<Retro | null> {
  const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, RetroMetadata);
  return meta ? retroById(ctx.db, teamOf(body), meta.retroId) : null;
}

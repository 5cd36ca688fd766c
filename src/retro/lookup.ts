import { z } from 'zod';
import type { DbOrTrx } from '../db/database.js';
import type { Retro } from './retro.js';
import { findRetro } from './retro.repository.js';

const RetroId = z.uuid();

/** A retro named by a button or form; null for anything malformed, unknown or of another team. */
export async function retroById(db: DbOrTrx, teamId: string, value: unknown): Promise<Retro | null> {
  const id = RetroId.safeParse(value);
  return id.success ? findRetro(db, teamId, id.data) : null;
}

export const RETRO_GONE = 'That retro no longer exists. Type `/retro status` to see the one in this channel.';

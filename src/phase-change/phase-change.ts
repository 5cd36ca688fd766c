import type { TransitionRefusal } from '../retro/phases.js';
import type { Retro } from '../retro/retro.js';

/** `moved_on`: someone else (or the deadline) moved the retro first. */
export type PhaseChange =
  | { ok: true; retro: Retro }
  | ({ ok: false } & (TransitionRefusal | { reason: 'moved_on' }));

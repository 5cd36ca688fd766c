import { isFacilitator, type RetroRoles } from '../retro/permissions.js';
import type { Phase } from '../retro/phases.js';
import { FIVE_WHYS_IDS } from './five-whys.ids.js';
import type { FiveWhysSource } from './five-whys.table.js';

/** A validated Five Whys chain: the problem, one to five whys in order, and the root cause. */
export interface WhysChain {
  problem: string;
  whys: string[];
  rootCause: string;
}

/** What the modal sent, field by field; `whys[i]` is Why i+1 (missing entries count as empty). */
export interface WhysInput {
  problem: string;
  whys: readonly string[];
  rootCause: string;
}

export const MAX_WHYS = 5;
export const WHYS_LIMITS = { problem: 500, why: 300, rootCause: 300 } as const;

export type WhysResult = { ok: true; chain: WhysChain } | { ok: false; errors: Record<string, string> };

const BLOCKS = FIVE_WHYS_IDS.blocks;

function tooLong(what: string, max: number): string {
  return `Keep ${what} to ${max} characters.`;
}

/**
 * Checks a chain as typed into the modal. Errors are keyed by input block so Slack shows them on the
 * field; a gap (Why 3 filled, Why 2 empty) is reported on the later why, where the person is looking.
 */
export function validateWhys(input: WhysInput): WhysResult {
  const errors: Record<string, string> = {};
  const problem = input.problem.trim();
  if (problem === '') errors[BLOCKS.problem] = 'Describe the problem the whys start from.';
  else if (problem.length > WHYS_LIMITS.problem)
    errors[BLOCKS.problem] = tooLong('the problem', WHYS_LIMITS.problem);

  const typed = Array.from({ length: MAX_WHYS }, (_, i) => (input.whys[i] ?? '').trim());
  const whys: string[] = [];
  typed.forEach((why, i) => {
    const n = i + 1;
    if (why === '') {
      if (n === 1) errors[BLOCKS.why(1)] = 'Start with Why 1: why did this happen?';
      return;
    }
    if (why.length > WHYS_LIMITS.why) errors[BLOCKS.why(n)] = tooLong(`Why ${n}`, WHYS_LIMITS.why);
    const gap = typed.slice(0, i).indexOf('');
    if (gap >= 0) {
      errors[BLOCKS.why(n)] ??= `Fill in Why ${gap + 1} before Why ${n}, or move this answer up.`;
    }
    whys.push(why);
  });

  const rootCause = input.rootCause.trim();
  if (rootCause === '') errors[BLOCKS.rootCause] = 'Name the root cause the whys lead to.';
  else if (rootCause.length > WHYS_LIMITS.rootCause)
    errors[BLOCKS.rootCause] = tooLong('the root cause', WHYS_LIMITS.rootCause);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, chain: { problem, whys, rootCause } };
}

/** Five Whys belong to the discussion (and may start while voting); other phases get an explanation. */
export function fiveWhysAllowedIn(phase: Phase): { ok: true } | { ok: false; reason: string } {
  if (phase === 'discussing' || phase === 'voting') return { ok: true };
  if (phase === 'collecting') {
    return {
      ok: false,
      reason: 'Five Whys start once the feedback is revealed: wait for the voting or the discussion.',
    };
  }
  return { ok: false, reason: 'This retro is over, so its Five Whys can no longer be started or changed.' };
}

/** The author or a facilitator may edit a chain, and only while the retro is still open. */
export function canEditWhys(
  chain: { createdBy: string },
  retro: RetroRoles & { phase: Phase },
  userId: string,
): { ok: true } | { ok: false; reason: string } {
  const phase = fiveWhysAllowedIn(retro.phase);
  if (!phase.ok) return phase;
  if (chain.createdBy === userId || isFacilitator(retro, userId)) return { ok: true };
  return {
    ok: false,
    reason: `Only <@${chain.createdBy}>, who wrote this chain, or a facilitator can edit it.`,
  };
}

/** A stored chain. */
export interface FiveWhys extends WhysChain {
  id: string;
  teamId: string;
  retroId: string;
  channelId: string | null;
  sourceType: FiveWhysSource;
  sourceId: string | null;
  sourceLabel: string | null;
  createdBy: string;
  /** The chain's message in the retro thread, once posted. */
  messageTs: string | null;
  createdAt: Date;
  updatedAt: Date;
}

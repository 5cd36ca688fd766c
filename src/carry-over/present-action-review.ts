import type { ActionsBlock, KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { fallbackText, type Message } from '../slack/messages.js';
import { bold, dueDateToken, italic } from '../slack/mrkdwn.js';
import { CARRY_OVER_IDS } from './carry-over.ids.js';
import { type EntryState, entryState, type ReviewEntry, type ReviewOutcome, reviewValue } from './review.js';

const IDS = CARRY_OVER_IDS;

/** How many of last time's actions one review message lists: eight at their longest stay within Slack's size. */
export const MAX_REVIEWED = 8;

const OUTCOME_WORDS: Record<ReviewOutcome, string> = {
  done: '✅ Done',
  carried: '↪️ Carried over',
  dropped: '✖️ Dropped',
};

function stateLine(state: Extract<EntryState, { kind: 'decided' }>): string {
  if (state.elsewhere && state.outcome === 'dropped') return '✖️ Deleted';
  const verb = state.outcome === 'done' ? 'marked by' : 'by';
  return state.by ? `${OUTCOME_WORDS[state.outcome]} · ${verb} <@${state.by}>` : OUTCOME_WORDS[state.outcome];
}

function buttons(entry: ReviewEntry, retroId: string): ActionsBlock {
  const value = reviewValue(entry.itemId, retroId);
  const button = (label: string, actionId: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    text: plainText(label, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `${IDS.blocks.item}${entry.itemId}`,
    elements: [
      button('Done', IDS.actions.done, 'primary'),
      button('Carry over', IDS.actions.carry),
      button('Drop', IDS.actions.drop),
    ],
  };
}

function entryBlocks(entry: ReviewEntry, retroId: string): KnownBlock[] {
  const from = entry.firstRetroTitle.trim()
    ? `\nfrom ${italic(entry.firstRetroTitle, 'an earlier retro')}`
    : '';
  const head = `${bold(entry.text)} — <@${entry.ownerId}>, due ${dueDateToken(entry.dueDate)}${from}`;
  const state = entryState(entry);
  if (state.kind === 'open') return [section(head), buttons(entry, retroId)];
  return [section(`${head}\n${stateLine(state)}`)];
}

function headline(entries: readonly ReviewEntry[]): string {
  const open = entries.filter((e) => entryState(e).kind === 'open').length;
  if (open === 0) return `*Last time's actions* — all ${entries.length} reviewed.`;
  const still = open === 1 ? '1 still open' : `${open} still open`;
  return `*Last time's actions* — ${still}. Owners or facilitators: mark each before you discuss.`;
}

/**
 * The review of last time's open actions in a retro's thread: each item with *Done*, *Carry over* and
 * *Drop* until it is decided, then what was decided and by whom. `unlisted` counts open items of earlier
 * retros it does not list.
 */
export function presentActionReview(input: {
  retroId: string;
  entries: readonly ReviewEntry[];
  unlisted: number;
}): Message {
  const blocks: KnownBlock[] = [section(headline(input.entries))];
  for (const entry of input.entries) blocks.push(...entryBlocks(entry, input.retroId));
  if (input.unlisted > 0) {
    const more = input.unlisted === 1 ? '1 more open item' : `${input.unlisted} more open items`;
    blocks.push(context(`${more} from earlier retros not listed here: \`/retro actions all\` shows them.`));
  }
  const open = input.entries.filter((e) => entryState(e).kind === 'open').length;
  return {
    text: fallbackText(`Last time's actions: ${open} of ${input.entries.length} still open`),
    blocks,
  };
}

/** Why a press changed nothing, for the presser alone. */
export type ReviewRefusal =
  | { code: 'gone' }
  | { code: 'retro_over' }
  | { code: 'not_allowed'; ownerId: string; retroTitle: string }
  | { code: 'decided'; outcome: ReviewOutcome; by: string | null }
  | { code: 'closed_elsewhere'; status: 'done' | 'cancelled'; doneBy: string | null };

export function reviewRefusalText(refusal: ReviewRefusal): string {
  switch (refusal.code) {
    case 'gone':
      return 'That action item is not part of this review any more, so nothing was changed.';
    case 'retro_over':
      return "This retro is over, and so is its review. The item's own DM and `/retro actions` still change it.";
    case 'not_allowed':
      return `Only <@${refusal.ownerId}>, who owns this action item, or a facilitator of ${italic(refusal.retroTitle, 'this retro')} can mark it.`;
    case 'decided': {
      const by = refusal.by ? ` by <@${refusal.by}>` : '';
      return `Already decided${by}: ${OUTCOME_WORDS[refusal.outcome]}. Nothing was changed.`;
    }
    case 'closed_elsewhere':
      return refusal.status === 'done'
        ? `This action item was already marked done${refusal.doneBy ? ` by <@${refusal.doneBy}>` : ''}.`
        : 'This action item was deleted, so nothing was changed.';
  }
}

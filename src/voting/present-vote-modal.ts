import type { types } from '@slack/bolt';
import type { Retro } from '../retro/retro.js';
import { groupBySection } from '../retro/templates.js';
import { oneLine, plural } from '../shared/text.js';
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { bold } from '../slack/mrkdwn.js';
import { VOTING_IDS } from './voting.ids.js';

/** Slack allows at most 100 options per select, counted across its option groups. */
export const VOTE_OPTIONS_PER_SELECT = 100;

/** Block id of the n-th select (from 0). Handlers read every state block whose id starts with `${VOTING_IDS.blocks.votes}_`. */
export function voteBlockId(index: number): string {
  return `${VOTING_IDS.blocks.votes}_${index}`;
}

interface VoteItem {
  id: string;
  section: string;
  body: string;
}

interface Group {
  label: string;
  options: PlainTextOption[];
}

function optionFor(item: VoteItem): PlainTextOption {
  return {
    text: plainText(oneLine(item.body) || '(empty)', LIMITS.optionText),
    value: item.id,
  };
}

/** Items in template section order (unknown sections last), keeping the caller's order within a section. */
function orderedGroups(retro: Retro, items: VoteItem[]): { label: string; items: VoteItem[] }[] {
  return groupBySection(retro.template, items)
    .map((g) => ({ label: g.emoji === null ? g.label : `${g.emoji} ${g.label}`, items: g.items }))
    .filter((g) => g.items.length > 0);
}

/**
 * Slack rejects a view over 250 kB (`view_too_large`); the options are nearly all of it, so they get this
 * many bytes of JSON and the rest of the modal keeps a wide margin.
 */
const OPTIONS_BYTE_BUDGET = 200_000;
const encoder = new TextEncoder();

/**
 * Packs the groups into at most `maxSelects` selects of at most VOTE_OPTIONS_PER_SELECT options each (a
 * section may span two), stopping early when the options would make the view too large.
 */
function packSelects(groups: { label: string; items: VoteItem[] }[], maxSelects: number): Group[][] {
  const selects: Group[][] = [];
  let current: Group[] = [];
  let count = 0;
  let bytes = 0;
  for (const { label, item } of groups.flatMap((g) => g.items.map((i) => ({ label: g.label, item: i })))) {
    const option = optionFor(item);
    bytes += encoder.encode(JSON.stringify(option)).length + 1;
    if (bytes > OPTIONS_BYTE_BUDGET) break;
    if (count === VOTE_OPTIONS_PER_SELECT) {
      selects.push(current);
      current = [];
      count = 0;
      if (selects.length === maxSelects) break;
    }
    const group = current.at(-1);
    if (group?.label === label) group.options.push(option);
    else current.push({ label, options: [option] });
    count++;
  }
  if (current.length > 0) selects.push(current);
  return selects;
}

function noItemsModal(retro: Retro): ModalView {
  return {
    type: 'modal',
    callback_id: VOTING_IDS.view,
    title: plainText('Vote', LIMITS.modalTitle),
    close: plainText('Close', LIMITS.modalButton),
    blocks: [
      section(
        `There is nothing to vote on in ${bold(retro.title, 'this retro')}: nobody added feedback before the reveal.`,
      ),
    ],
  };
}

export function presentVoteModal(input: {
  retro: Retro;
  items: VoteItem[];
  currentVoteIds: readonly string[];
  metadata: string;
}): ModalView {
  const { retro } = input;
  if (input.items.length === 0) return noItemsModal(retro);

  const budget = Math.max(1, retro.voteBudget);
  const current = new Set(input.currentVoteIds);
  // Each select takes an input and a context block, after the intro; keep one block for a note.
  const maxSelects = Math.floor((LIMITS.modalBlocks - 2) / 2);
  const selects = packSelects(orderedGroups(retro, input.items), maxSelects);
  const listed = selects.reduce((n, groups) => n + groups.reduce((m, g) => m + g.options.length, 0), 0);

  const intro =
    `You have ${plural(budget, 'vote')}. Pick the items the team should talk about. Nobody sees who voted ` +
    'for what, and totals stay hidden until voting ends.' +
    (selects.length > 1
      ? ` The items are split over ${selects.length} lists; your votes count across all of them.`
      : '');
  const blocks: KnownBlock[] = [section(intro)];

  const total = input.items.length;
  let first = 1;
  // Current votes are pre-selected, never more than the budget in total (Slack rejects more than
  // max_selected_items, and the handler checks the sum across lists anyway).
  let preselectable = budget;
  selects.forEach((groups, index) => {
    const options = groups.flatMap((g) => g.options);
    const last = first + options.length - 1;
    // The same option objects as in the groups: Slack matches initial options exactly.
    const initial = options
      .filter((o) => o.value !== undefined && current.has(o.value))
      .slice(0, preselectable);
    preselectable -= initial.length;
    const element: types.MultiStaticSelect = {
      type: 'multi_static_select',
      action_id: INPUT,
      placeholder: plainText('Pick items', LIMITS.placeholder),
      max_selected_items: budget,
      option_groups: groups.map((g) => ({
        label: plainText(g.label, LIMITS.optionText),
        options: g.options,
      })),
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    };
    const block: InputBlock = {
      type: 'input',
      block_id: voteBlockId(index),
      optional: true,
      label: plainText(
        selects.length === 1 ? 'Your votes' : `Items ${first}–${last} of ${total}`,
        LIMITS.inputLabel,
      ),
      element,
    };
    blocks.push(block, context('Full texts are in the retro thread.'));
    first = last + 1;
  });

  if (listed < total) {
    blocks.push(context(`Only the first ${listed} of ${total} items fit in this form.`));
  }

  return {
    type: 'modal',
    callback_id: VOTING_IDS.view,
    title: plainText('Vote', LIMITS.modalTitle),
    submit: plainText('Save votes', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

/**
 * The ballot's receipt: the modal turns into it when the votes are stored, as feedback's does, so the
 * voter knows they counted and that they can still change them.
 */
export function presentBallotSavedModal(input: {
  retroTitle: string;
  votes: number;
  budget: number;
}): ModalView {
  const title = bold(input.retroTitle, 'the retro');
  const { votes } = input;
  const left = Math.max(0, input.budget - votes);
  const blocks: KnownBlock[] =
    votes === 0
      ? [
          section(`You have no votes on ${title} now; you can vote until voting ends.`),
          context('To vote, press *Vote* on the retro card again.'),
        ]
      : [
          section(
            `Your ${plural(votes, 'vote')} on ${title} ${votes === 1 ? 'is' : 'are'} saved; you can change ` +
              `${votes === 1 ? 'it' : 'them'} until voting ends.`,
          ),
          context(
            `${left > 0 ? `You have ${plural(left, 'vote')} left. ` : ''}To change your votes, press *Vote* ` +
              'on the retro card again.',
          ),
        ];
  blocks.push(context('Nobody sees who voted for what, and totals stay hidden until voting ends.'));
  return {
    type: 'modal',
    title: plainText('Votes saved', LIMITS.modalTitle),
    close: plainText('Done', LIMITS.modalButton),
    blocks,
  };
}

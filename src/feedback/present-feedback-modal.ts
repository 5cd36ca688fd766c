import type { types } from '@slack/bolt';
import { ACCEPTS_FEEDBACK } from '../retro/phases.js';
import { ANONYMOUS } from '../retro/retro.ids.js';
import type { Retro } from '../retro/retro.js';
import { sectionLabel, sectionsOf } from '../retro/templates.js';
import { plural } from '../shared/text.js';
import type { Button, InputBlock, KnownBlock, ModalView, PlainTextOption } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { bold, inlineText } from '../slack/mrkdwn.js';
import { FEEDBACK_IDS } from './feedback.ids.js';
import { MAX_ITEM_LENGTH } from './feedback-lines.js';

const ANONYMOUS_NOTE = 'Anonymous items are not listed: nothing links them to you.';

function anonymousOption(): PlainTextOption {
  return {
    text: plainText('Submit anonymously', LIMITS.optionText),
    value: ANONYMOUS.option,
    // Option descriptions are capped at 75 characters; the full promise is in the block's hint.
    description: plainText(
      'No author is stored: not even facilitators can see who wrote it.',
      LIMITS.optionDescription,
    ),
  };
}

/**
 * The feedback modal. `prefill` (a saved message) starts in the first section, where its author can move
 * it; `callbackId` lets the feature that pre-filled it answer the submission.
 */
export function presentFeedbackModal(input: {
  retro: Retro;
  metadata: string;
  prefill?: string;
  callbackId?: string;
}): ModalView {
  const { retro } = input;
  const blocks: KnownBlock[] = [context(`Feedback for ${bold(retro.title, 'this retro')}`)];

  for (const [index, s] of sectionsOf(retro.template).entries()) {
    const block: InputBlock = {
      type: 'input',
      block_id: FEEDBACK_IDS.blocks.section(s.id),
      optional: true,
      label: plainText(`${s.emoji} ${s.label}`, LIMITS.inputLabel),
      hint: plainText(
        `Start each item with “-” or leave a blank line between items; a line without either continues the item above (up to ${MAX_ITEM_LENGTH} characters each).`,
        LIMITS.inputHint,
      ),
      element: {
        type: 'plain_text_input',
        action_id: INPUT,
        multiline: true,
        max_length: 3000,
        placeholder: plainText(s.hint, LIMITS.placeholder),
        ...(index === 0 && input.prefill?.trim() ? { initial_value: input.prefill.slice(0, 3000) } : {}),
      },
    };
    blocks.push(block);
  }

  const option = anonymousOption();
  const anonymous: InputBlock = {
    type: 'input',
    block_id: ANONYMOUS.block,
    optional: true,
    label: plainText('Anonymity', LIMITS.inputLabel),
    hint: plainText(
      'Stored with no author at all: nobody, not even facilitators, can see who wrote it.',
      LIMITS.inputHint,
    ),
    element: {
      type: 'checkboxes',
      action_id: INPUT,
      options: [option],
      ...(retro.anonymousDefault ? { initial_options: [option] } : {}),
    },
  };
  blocks.push(anonymous, context('Nobody sees your items until a facilitator reveals them.'));

  return {
    type: 'modal',
    callback_id: input.callbackId ?? FEEDBACK_IDS.views.feedback,
    title: plainText('Add feedback', LIMITS.modalTitle),
    submit: plainText('Submit', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

/**
 * What the feedback modal turns into once the submission is stored: the author's receipt, where
 * they acted and seen by nobody else, with no message to send (a team submitting at once would
 * otherwise be a burst of ephemeral messages against Slack's rate limits).
 */
export function presentFeedbackSavedModal(input: {
  retroTitle: string;
  anonymous: boolean;
  /** The section of each item stored. */
  items: { sectionLabel: string }[];
}): ModalView {
  const title = bold(input.retroTitle, 'the retro');
  const count = input.items.length;
  const blocks: KnownBlock[] = [];
  if (count === 0) {
    blocks.push(section(`Nothing was added to ${title}: every field was empty.`));
  } else {
    const perSection = new Map<string, number>();
    for (const { sectionLabel } of input.items) {
      perSection.set(sectionLabel, (perSection.get(sectionLabel) ?? 0) + 1);
    }
    const how = input.anonymous ? 'anonymously' : 'with your name';
    const counts = [...perSection].map(([label, n]) => `${bold(label, 'Other')} ${n}`).join(' · ');
    blocks.push(
      section(`Thanks! You added ${plural(count, 'item')} to ${title} ${how}: ${counts}.`),
      context('Nobody sees them until a facilitator reveals them.'),
      context(
        input.anonymous
          ? "Anonymous items can't be edited or withdrawn — not even by you — because nothing links them to you."
          : 'You can edit or withdraw them with *My feedback* until the reveal.',
      ),
    );
  }
  return {
    type: 'modal',
    title: plainText('Feedback saved', LIMITS.modalTitle),
    close: plainText('Done', LIMITS.modalButton),
    blocks,
  };
}

function withdrawButton(itemId: string): Button {
  return {
    type: 'button',
    text: plainText('Withdraw', LIMITS.buttonText),
    action_id: FEEDBACK_IDS.actions.withdraw,
    value: itemId,
    style: 'danger',
    confirm: {
      title: plainText('Withdraw this item?', 100),
      text: plainText('It is deleted for good and will not be revealed.', 300),
      confirm: plainText('Withdraw', 30),
      deny: plainText('Keep it', 30),
      style: 'danger',
    },
  };
}

function editButton(itemId: string): Button {
  return {
    type: 'button',
    text: plainText('Edit', LIMITS.buttonText),
    action_id: FEEDBACK_IDS.actions.edit,
    value: itemId,
  };
}

/**
 * The author's own attributed items, each with Edit and Withdraw while collecting. Anonymous items are
 * never listed: nothing links them to anyone.
 */
export function presentMyFeedbackModal(input: {
  retro: Retro;
  items: { id: string; section: string; body: string }[];
}): ModalView {
  const { retro, items } = input;
  const editable = retro.phase === ACCEPTS_FEEDBACK;
  const blocks: KnownBlock[] = [context(`Your items in ${bold(retro.title, 'this retro')}`)];
  const footer: KnownBlock[] = [];

  if (items.length === 0) {
    blocks.push(
      section(
        'You have no items with your name in this retro. (Anonymous items are not listed: nothing links them to you.)',
      ),
    );
  } else {
    if (!editable) {
      blocks.push(context('Feedback has been revealed, so items can no longer be edited or withdrawn.'));
    }
    footer.push(context(ANONYMOUS_NOTE));
    const perItem = editable ? 2 : 1;
    // Leave room for the footer and for a "more items" note.
    const room = LIMITS.modalBlocks - blocks.length - footer.length - 1;
    const fit = Math.min(items.length, Math.floor(room / perItem));
    for (const item of items.slice(0, fit)) {
      const label = bold(sectionLabel(retro.template, item.section), 'Other');
      const text: types.SectionBlock = section(`${label}\n${inlineText(item.body)}`);
      blocks.push(text);
      if (editable) {
        blocks.push({ type: 'actions', elements: [editButton(item.id), withdrawButton(item.id)] });
      }
    }
    if (fit < items.length) {
      blocks.push(
        context(`Showing ${fit} of ${items.length} items. Withdraw or edit some to see the rest here.`),
      );
    }
  }
  blocks.push(...footer);

  return {
    type: 'modal',
    callback_id: FEEDBACK_IDS.views.myFeedback,
    title: plainText('My feedback', LIMITS.modalTitle),
    close: plainText('Done', LIMITS.modalButton),
    blocks,
  };
}

export function presentEditFeedbackModal(input: {
  body: string;
  sectionLabel: string;
  metadata: string;
}): ModalView {
  const block: InputBlock = {
    type: 'input',
    block_id: FEEDBACK_IDS.blocks.text,
    label: plainText(input.sectionLabel.trim() || 'Item', LIMITS.inputLabel),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: true,
      max_length: MAX_ITEM_LENGTH,
      initial_value: input.body,
    },
  };
  return {
    type: 'modal',
    callback_id: FEEDBACK_IDS.views.edit,
    title: plainText('Edit item', LIMITS.modalTitle),
    submit: plainText('Save', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks: [block],
  };
}

import { plural } from '../shared/text.js';
import type { ActionsBlock, KnownBlock, ModalView } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { fallbackText, type Message } from '../slack/messages.js';
import { bold, inlineText, slackDate, truncate } from '../slack/mrkdwn.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import type { Draft } from './draft.js';
import { DRAFT_IDS } from './drafts.ids.js';

const NOTHING_SHARED = "You'll get a DM when feedback opens; nothing is shared before you submit.";

/**
 * The answer to *Add to next retro* once the message is saved. `startsOn` is the next start on the
 * saver's clock (a schedule's), absent when the next retro has no date yet.
 */
export function presentDraftSavedModal(input: { channelId: string; startsOn?: string }): ModalView {
  const when = input.startsOn ? ` (starts ${input.startsOn})` : '';
  const modal = presentNoticeModal(
    'Saved for next retro',
    `Saved for the next retro in <#${input.channelId}>${when}. ${NOTHING_SHARED}`,
  );
  return { ...modal, blocks: [...modal.blocks, context('Only you can see what you saved.')] };
}

/** Either shortcut in a channel where no retro runs, is scheduled or (for an action item) ever ran. */
export function presentNoRetroHereModal(channelId: string): ModalView {
  return presentNoticeModal(
    'No retro here',
    `No retro runs or is scheduled in <#${channelId}>, so there is nothing to add this message to. To start one now, type \`/retro start &lt;title&gt;\` in the channel; to hold one on a cadence, \`/retro schedule\`.`,
  );
}

export function presentDraftGoneModal(): ModalView {
  return presentNoticeModal(
    'Already handled',
    'This saved message was already added to the retro or discarded, so nothing more was done.',
  );
}

/** A draft whose retro no longer collects feedback: it stays for the channel's next one. */
export function presentDraftKeptModal(channelId: string): ModalView {
  return presentNoticeModal(
    'Feedback is closed',
    `The retro in <#${channelId}> no longer collects feedback. Your saved message stays for the next retro there: you'll get a DM when its feedback opens.`,
  );
}

/**
 * The DM's first words when it is posted: the saved messages themselves are drawn into it right after
 * (`presentDraftsDm`), from the drafts as they are then, so the outbox never keeps their text beside
 * the saver's name.
 */
export function presentDraftsDmHeading(input: { retroTitle: string; channelId: string }): Message {
  const text = `Feedback is open for ${bold(input.retroTitle)} in <#${input.channelId}>: here are the messages you saved for it.`;
  // The notification is plain text: fallbackText escapes what it is given, so it gets the title as typed.
  return {
    text: fallbackText(`Feedback is open for ${input.retroTitle}: here are the messages you saved for it.`),
    blocks: [section(text)],
  };
}

const EXCERPT = 280;

function draftBlocks(draft: Draft, collecting: boolean): KnownBlock[] {
  const excerpt = inlineText(truncate(draft.text, EXCERPT)) || '_(no text)_';
  const link = draft.messageLink ? `\n<${draft.messageLink}|View the message>` : '';
  const saved = slackDate(draft.createdAt, '{date_short_pretty}');
  const buttons: ActionsBlock = {
    type: 'actions',
    elements: [
      ...(collecting
        ? [
            {
              type: 'button' as const,
              text: plainText('Add to the retro…', LIMITS.buttonText),
              action_id: DRAFT_IDS.actions.submit,
              value: draft.id,
              style: 'primary' as const,
            },
          ]
        : []),
      {
        type: 'button',
        text: plainText('Discard', LIMITS.buttonText),
        action_id: DRAFT_IDS.actions.discard,
        value: draft.id,
      },
    ],
  };
  return [section(`>${excerpt}${link}`), context(`Saved ${saved}`), buttons];
}

/** Three blocks per draft: ten stay well inside a message's 50 blocks and its size limit. */
const MAX_DRAFTS_SHOWN = 10;

/**
 * The DM listing a person's saved messages for a channel's retro, each with *Add to the retro…* (while
 * it collects feedback) and *Discard*. Nothing of it is stored: it is drawn when sent.
 */
export function presentDraftsDm(input: {
  retroTitle: string;
  channelId: string;
  collecting: boolean;
  drafts: readonly Draft[];
}): Message {
  const { drafts } = input;
  const where = `<#${input.channelId}>`;
  if (drafts.length === 0) {
    const text = `Nothing left of what you saved for ${where}: each message was added or discarded.`;
    return {
      text: fallbackText('Nothing left of what you saved: each message was added or discarded.'),
      blocks: [section(text)],
    };
  }
  const heading = input.collecting
    ? `Feedback is open for ${bold(input.retroTitle)} in ${where}. You saved these messages for it: add each one as feedback (anonymously if you like) or discard it.`
    : `Feedback for ${bold(input.retroTitle)} in ${where} is closed. Your saved messages stay for the next retro there.`;
  const shown = drafts.slice(0, MAX_DRAFTS_SHOWN);
  const more = drafts.length - shown.length;
  return {
    text: fallbackText(
      input.collecting
        ? `Feedback is open for ${input.retroTitle}: ${plural(shown.length + more, 'message')} you saved for it.`
        : `Feedback for ${input.retroTitle} is closed: your saved messages stay for the next retro.`,
    ),
    blocks: [
      section(heading),
      ...shown.flatMap((draft) => draftBlocks(draft, input.collecting)),
      ...(more > 0 ? [context(`…and ${more} more: they show here once you handle these.`)] : []),
      context('Nothing you saved is shared until you submit it.'),
    ],
  };
}

export function presentNoTextModal(): ModalView {
  return presentNoticeModal(
    'Nothing to save',
    'This message has no text to add to a retro (only files or attachments). Write a line about it and use the shortcut on that.',
  );
}

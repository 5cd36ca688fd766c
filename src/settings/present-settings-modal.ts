import type { types } from '@slack/bolt';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { SETTINGS_IDS } from './settings.ids.js';
import { type SettingsView, WEEKDAYS } from './settings.js';

const B = SETTINGS_IDS.blocks;
const DIGEST_ON = 'on';
const CANVAS_ON = 'canvas_on';
const OPT_OUT = 'opt_out';

export const WHO_MAY_EDIT =
  'Workspace admins and owners, and anyone who has facilitated a retro in this workspace, can change the workspace settings. Everyone can turn their own nudges off.';

function input(blockId: string, label: string, element: Record<string, unknown>, optional = false) {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, LIMITS.inputLabel),
    optional,
    element: { action_id: INPUT, ...element },
  };
}

function option(text: string, value: string) {
  return { text: plainText(text, 75), value };
}

function workspaceBlocks(view: SettingsView): unknown[] {
  const w = view.workspace;
  const days = WEEKDAYS.map((day, i) => option(day, String(i)));
  const digest = option('Post a weekly digest of action items in each retro channel', DIGEST_ON);
  const canvas = option('Keep a channel canvas with the record of its retros', CANVAS_ON);
  return [
    input(B.weekday, 'Nudge day', {
      type: 'static_select',
      options: days,
      initial_option: days[w.schedule.weekday] ?? days[1],
    }),
    input(B.hour, 'Nudge hour (each owner’s own time, 0–23)', {
      type: 'plain_text_input',
      initial_value: w.schedule.time,
      max_length: 5,
    }),
    input(B.timeZone, 'Workspace time zone (for people whose zone is unknown, and the digest)', {
      type: 'plain_text_input',
      initial_value: w.defaultTimeZone,
      placeholder: plainText('e.g. Europe/Berlin', 150),
      max_length: 64,
    }),
    input(
      B.digest,
      'Weekly digest',
      { type: 'checkboxes', options: [digest], ...(w.digestEnabled ? { initial_options: [digest] } : {}) },
      true,
    ),
    input(
      B.digestChannel,
      'Digest channel (optional: all digests go here instead)',
      { type: 'channels_select', ...(w.digestChannelId ? { initial_channel: w.digestChannelId } : {}) },
      true,
    ),
    input(
      B.channelCanvas,
      'Channel canvas',
      { type: 'checkboxes', options: [canvas], ...(w.channelCanvas ? { initial_options: [canvas] } : {}) },
      true,
    ),
  ];
}

/** `/retro settings`: the workspace's weekly follow-up (for those who may change it) and one's own opt-out. */
export function presentSettingsModal(view: SettingsView, mayEditWorkspace: boolean): types.ModalView {
  const optOut = option('Don’t send me weekly nudges about my action items', OPT_OUT);
  const w = view.workspace;
  const summary = `Weekly nudges go out on *${WEEKDAYS[w.schedule.weekday] ?? 'Monday'}s at ${w.schedule.time}*, in each owner’s own time zone.`;
  return {
    type: 'modal',
    callback_id: SETTINGS_IDS.view,
    title: plainText('Follow-up settings', 24),
    submit: plainText('Save', 24),
    close: plainText('Cancel', 24),
    blocks: [
      section(summary),
      ...(mayEditWorkspace ? workspaceBlocks(view) : []),
      input(
        B.optOut,
        'Your nudges',
        { type: 'checkboxes', options: [optOut], ...(view.optedOut ? { initial_options: [optOut] } : {}) },
        true,
      ),
      context(WHO_MAY_EDIT),
    ] as types.ModalView['blocks'],
  };
}

export const SETTINGS_OPTIONS = { digestOn: DIGEST_ON, canvasOn: CANVAS_ON, optOut: OPT_OUT } as const;

export const SETTINGS_ERRORS = {
  hour: 'Give a whole hour from 0 to 23, e.g. 9 or 09:00.',
  timeZone: 'Give a time zone name such as Europe/Berlin or America/New_York.',
  weekday: 'Pick a day.',
  notAllowed: 'Only workspace admins and people who facilitated a retro here can change this.',
} as const;

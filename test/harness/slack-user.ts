import { randomUUID } from 'node:crypto';
import { type FillValue, inputState } from '../../src/demo/form-state.js';
import type { RecordedCall } from './fake-slack.js';
import type { SlackReply } from './signed-sender.js';
import type { TestApp } from './test-app.js';

export type { FillValue };

export interface OpenedView {
  id: string;
  type: string;
  callback_id: string;
  private_metadata?: string;
  title?: { text: string };
  blocks: Record<string, any>[];
  [key: string]: unknown;
}

/** One person clicking around in Slack: runs commands, presses buttons, fills in and submits modals. */
export class SlackUser {
  constructor(
    private readonly app: TestApp,
    readonly id: string,
    readonly channelId: string,
  ) {}

  get actor() {
    return { userId: this.id, channelId: this.channelId };
  }

  command(text: string): Promise<SlackReply> {
    return this.app.sender.command(this.actor, text);
  }

  press(
    actionId: string,
    value?: string,
    where: { messageTs?: string; view?: Record<string, any> } = {},
  ): Promise<SlackReply> {
    return this.app.sender.blockAction(
      this.actor,
      { actionId, ...(value !== undefined ? { value } : {}) },
      where,
    );
  }

  /**
   * A message shortcut (the ⋯ menu of a message in this user's channel), as Slack sends it: the message,
   * its channel, a trigger for a modal and a response URL.
   */
  messageShortcut(
    callbackId: string,
    message: { ts: string; text: string; user?: string },
  ): Promise<SlackReply> {
    const teamId = this.app.slack.teamId;
    return this.app.sender.interaction({
      type: 'message_action',
      callback_id: callbackId,
      trigger_id: `trigger.${randomUUID()}`,
      message_ts: message.ts,
      response_url: this.app.slack.responseUrl(),
      message: { type: 'message', ts: message.ts, text: message.text, user: message.user ?? this.id },
      user: { id: this.id, name: this.id.toLowerCase(), username: this.id.toLowerCase(), team_id: teamId },
      channel: { id: this.channelId, name: 'gtm-retros' },
      team: { id: teamId, domain: 'fake-team' },
      token: 'verification-token-unused',
      action_ts: `${Date.now() / 1000}`,
      is_enterprise_install: false,
    });
  }

  /** The last modal the app opened, pushed or updated, as Slack would hold it (with its id). */
  lastView(after = 0): OpenedView {
    const call = this.app.slack.calls
      .slice(after)
      .filter((c) => ['views.open', 'views.push', 'views.update'].includes(c.method))
      .at(-1);
    if (!call) throw new Error('The app opened no modal');
    return viewOf(call);
  }

  /** Waits for the app to open (or push) a modal after call index `after`. */
  async waitForView(after: number): Promise<OpenedView> {
    const call = await this.app.slack
      .waitForCall('views.open', () => true, after)
      .catch(() => this.app.slack.waitForCall('views.push', () => true, after));
    return viewOf(call);
  }

  /** Fills inputs (by block_id, action_id or label) and submits; returns the app's reply. */
  submit(view: OpenedView, values: Record<string, FillValue> = {}): Promise<SlackReply> {
    return this.app.sender.viewSubmission(this.actor, { ...view, state: { values: stateOf(view, values) } });
  }

  close(view: OpenedView): Promise<SlackReply> {
    return this.app.sender.viewClosed(this.actor, view);
  }
}

export function viewOf(call: RecordedCall): OpenedView {
  const view = call.body.view as OpenedView;
  const id = (call.result?.view?.id as string | undefined) ?? call.body.view_id;
  return { ...view, id, team_id: 'T0TEAM', hash: 'h', state: { values: {} } } as OpenedView;
}

/** Builds `view.state.values` the way Slack does, including untouched inputs' initial values. */
export function stateOf(
  view: OpenedView,
  values: Record<string, FillValue>,
): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  const used = new Set<string>();
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.element) continue;
    const element = block.element as Record<string, any>;
    const keys = [block.block_id, element.action_id, block.label?.text].filter(Boolean) as string[];
    const key = keys.find((k) => Object.hasOwn(values, k));
    if (key) used.add(key);
    const value = key === undefined ? undefined : values[key];
    state[block.block_id] = { [element.action_id]: inputState(element, value, 'keep') };
  }
  const unknown = Object.keys(values).filter((k) => !used.has(k));
  if (unknown.length) throw new Error(`No input in the modal for: ${unknown.join(', ')}`);
  return state;
}

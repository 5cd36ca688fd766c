import { createHmac, randomUUID } from 'node:crypto';
import { blockProblems, viewProblems } from '../../src/demo/slack/block-limits.js';
import type { FakeSlack } from './fake-slack.js';

export interface SlackReply {
  status: number;
  text: string;
  /** The parsed body when the app answered with JSON (ack payloads: response_action, ephemerals). */
  json: Record<string, any> | undefined;
}

export interface Actor {
  userId: string;
  channelId?: string;
}

/** Signs a body exactly as Slack does: v0 HMAC-SHA256 over `v0:{seconds}:{raw body}`. */
export function sign(secret: string, body: string, timestampSeconds: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/** Sends requests to the app the way Slack delivers them: signed, form- or JSON-encoded. */
export class SignedSender {
  constructor(
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly slack: FakeSlack,
  ) {}

  async raw(
    body: string,
    contentType: string,
    options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? sign(this.signingSecret, body, timestamp),
        ...options.headers,
      },
      body,
    });
    const text = await res.text();
    let json: Record<string, any> | undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const problems = answerProblems(json);
    if (problems.length > 0) throw new Error(`Slack would refuse the app's answer: ${problems.join('; ')}`);
    return { status: res.status, text, json };
  }

  form(
    fields: Record<string, string>,
    options?: { timestamp?: number; signature?: string },
  ): Promise<SlackReply> {
    return this.raw(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** What Slack posts for a slash command; `response_url` points at the fake. */
  commandFields(actor: Actor, text: string, command = '/retro'): Record<string, string> {
    return {
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      team_domain: 'fake-team',
      channel_id: actor.channelId ?? 'C0RETRO',
      channel_name: 'gtm-retros',
      user_id: actor.userId,
      user_name: actor.userId.toLowerCase(),
      command,
      text,
      api_app_id: 'A0REARVIEW',
      is_enterprise_install: 'false',
      response_url: this.slack.responseUrl(),
      trigger_id: `trigger.${randomUUID()}`,
    };
  }

  command(
    actor: Actor,
    text: string,
    options?: { timestamp?: number; signature?: string },
  ): Promise<SlackReply> {
    return this.form(this.commandFields(actor, text), options);
  }

  interaction(payload: Record<string, unknown>): Promise<SlackReply> {
    return this.form({ payload: JSON.stringify(payload) });
  }

  private userOf(userId: string) {
    return {
      id: userId,
      username: userId.toLowerCase(),
      name: userId.toLowerCase(),
      team_id: this.slack.teamId,
    };
  }

  /** A button press on a message (the retro card, a DM) or inside a modal (`view`). */
  blockAction(
    actor: Actor,
    action: { actionId: string; value?: string; blockId?: string; selectedOption?: string },
    where: { messageTs?: string; view?: Record<string, any> } = {},
  ): Promise<SlackReply> {
    const channelId = actor.channelId ?? 'C0RETRO';
    const actionBody: Record<string, unknown> = {
      action_id: action.actionId,
      block_id: action.blockId ?? 'b',
      action_ts: `${Date.now() / 1000}`,
      ...(action.selectedOption !== undefined
        ? {
            type: 'static_select',
            selected_option: {
              text: { type: 'plain_text', text: action.selectedOption },
              value: action.selectedOption,
            },
          }
        : { type: 'button', text: { type: 'plain_text', text: 'Button' }, value: action.value ?? '' }),
    };
    const base = {
      type: 'block_actions',
      user: this.userOf(actor.userId),
      api_app_id: 'A0REARVIEW',
      token: 'verification-token-unused',
      trigger_id: `trigger.${randomUUID()}`,
      team: { id: this.slack.teamId, domain: 'fake-team' },
      enterprise: null,
      is_enterprise_install: false,
      actions: [actionBody],
    };
    if (where.view) {
      return this.interaction({
        ...base,
        container: { type: 'view', view_id: where.view.id },
        view: where.view,
      });
    }
    const messageTs = where.messageTs ?? '1700000000.000001';
    return this.interaction({
      ...base,
      container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
      channel: { id: channelId, name: 'gtm-retros' },
      message: { type: 'message', ts: messageTs, text: '' },
      state: { values: {} },
      response_url: this.slack.responseUrl(),
    });
  }

  viewSubmission(actor: Actor, view: Record<string, any>): Promise<SlackReply> {
    return this.interaction({
      type: 'view_submission',
      team: { id: this.slack.teamId, domain: 'fake-team' },
      user: this.userOf(actor.userId),
      api_app_id: 'A0REARVIEW',
      token: 'verification-token-unused',
      trigger_id: `trigger.${randomUUID()}`,
      view,
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  viewClosed(actor: Actor, view: Record<string, any>): Promise<SlackReply> {
    return this.interaction({
      type: 'view_closed',
      team: { id: this.slack.teamId, domain: 'fake-team' },
      user: this.userOf(actor.userId),
      api_app_id: 'A0REARVIEW',
      token: 'verification-token-unused',
      view,
      is_cleared: false,
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  event(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`): Promise<SlackReply> {
    const body = JSON.stringify({
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      api_app_id: 'A0REARVIEW',
      event: { event_ts: `${Date.now() / 1000}`, ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.slack.teamId,
          user_id: this.slack.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    });
    return this.raw(body, 'application/json');
  }
}

/**
 * What Slack would refuse in an acknowledgement: a modal it is told to show (`response_action` update or
 * push) or a message answering a command, over one of Block Kit's limits.
 */
function answerProblems(json: Record<string, any> | undefined): string[] {
  if (!json) return [];
  if (json.view && (json.response_action === 'update' || json.response_action === 'push')) {
    return viewProblems(json.view, 'modal');
  }
  return json.blocks === undefined ? [] : blockProblems(json.blocks, 'message');
}

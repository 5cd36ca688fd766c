import { createHmac, randomUUID } from 'node:crypto';
import { DEMO_BOT, DEMO_TEAM } from './people.js';

export interface AppReply {
  status: number;
  /** The app's acknowledgement when it carried JSON (a response_action, a command's reply). */
  json: Record<string, unknown> | undefined;
}

/**
 * Requests to the app's own /slack/events as Slack sends them: signed with the signing secret (v0
 * HMAC-SHA256 over `v0:{seconds}:{body}`, by the machine's time, which Bolt checks against its own).
 */
export class AppLink {
  constructor(
    private readonly eventsUrl: () => string,
    private readonly signingSecret: string,
  ) {}

  private async post(body: string, contentType: string): Promise<AppReply> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(this.eventsUrl(), {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
      },
      body,
    });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }

  form(fields: Record<string, string>): Promise<AppReply> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  interaction(payload: Record<string, unknown>): Promise<AppReply> {
    return this.form({ payload: JSON.stringify(payload) });
  }

  event(event: Record<string, unknown>): Promise<AppReply> {
    const now = Date.now() / 1000;
    return this.post(
      JSON.stringify({
        token: 'demo-verification-token',
        team_id: DEMO_TEAM.id,
        api_app_id: DEMO_BOT.appId,
        event: { event_ts: `${now}`, ...event },
        type: 'event_callback',
        event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
        event_time: Math.floor(now),
        authorizations: [
          {
            enterprise_id: null,
            team_id: DEMO_TEAM.id,
            user_id: DEMO_BOT.userId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
      }),
      'application/json',
    );
  }
}

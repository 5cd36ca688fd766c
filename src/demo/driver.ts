import type { AppLink, AppReply } from './app-link.js';
import { isJson, type Json, listOf, optionsOf } from './json.js';
import { DEMO_BOT, DEMO_CHANNEL, DEMO_TEAM, dmChannelOf } from './people.js';
import type { ResponseUrls } from './slack/response-urls.js';
import type { Triggers } from './slack/triggers.js';
import type { WebApi } from './slack/web-api.js';
import type { StoredView, Workspace } from './slack/workspace.js';

export type DemoResult = { ok: true } | { ok: false; error: string; errors?: Record<string, string> };

/** What the page sends for one click or pick: the element's ids and what was chosen. */
export interface PageAction {
  type?: string;
  action_id: string;
  block_id: string;
  value?: string;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
  selected_users?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
}

export type PageSurface = { kind: 'message'; channel: string; ts: string } | { kind: 'view'; viewId: string };

type StateValues = Record<string, Record<string, unknown>>;

const SLACKBOT = 'USLACKBOT';
/** What Slack shows when an app answers an interaction with anything but 200. */
const TROUBLE = 'We had some trouble connecting. Try again?';

/**
 * Turns what a person does on the page into what Slack would send the app (slash commands, block
 * actions, view submissions and closes, app_home_opened), signed, and applies the app's acknowledgement
 * as Slack does (a command's reply, a submission's response_action).
 */
export class DemoDriver {
  constructor(
    private readonly d: {
      ws: Workspace;
      api: WebApi;
      triggers: Triggers;
      responses: ResponseUrls;
      link: AppLink;
      slackBase: () => string;
      now: () => Date;
    },
  ) {}

  private user(id: string) {
    const person = this.d.ws.person(id);
    return { id, username: person?.name ?? id, name: person?.name ?? id, team_id: DEMO_TEAM.id };
  }

  private responseUrl(source: Parameters<ResponseUrls['register']>[0]): string {
    return `${this.d.slackBase()}/response/${this.d.responses.register(source)}`;
  }

  /** The channels a person may type in: the channel, and their DM with the app. */
  private channelFor(as: string, channel: string | undefined) {
    const id = channel ?? DEMO_CHANNEL.id;
    const found = this.d.ws.channels.get(id);
    return found?.members.includes(as) ? found : undefined;
  }

  async command(as: string, rawText: string, channelId?: string): Promise<DemoResult> {
    const { ws } = this.d;
    if (!ws.person(as)) return { ok: false, error: 'unknown_user' };
    const channel = this.channelFor(as, channelId);
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const text = rawText.trim();
    if (!text) return { ok: false, error: 'no_text' };
    if (!text.startsWith('/')) {
      ws.messages.push({
        channel: channel.id,
        ts: ws.nextTs(this.d.now()),
        user: as,
        text: escapeTyped(text),
      });
      ws.changed();
      return { ok: true };
    }
    const [, name = '', args = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(text) ?? [];
    if (name !== 'retro') {
      ws.ephemerals.push({
        ts: ws.nextTs(this.d.now()),
        channel: channel.id,
        user: as,
        from: SLACKBOT,
        text: `/${escapeTyped(name)} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
      });
      ws.changed();
      return { ok: true };
    }
    const reply = await this.d.link.form({
      token: 'demo-verification-token',
      team_id: DEMO_TEAM.id,
      team_domain: DEMO_TEAM.domain,
      channel_id: channel.id,
      channel_name: channel.isIm ? 'directmessage' : channel.name,
      user_id: as,
      user_name: this.user(as).username,
      command: '/retro',
      text: args,
      api_app_id: DEMO_BOT.appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl({ kind: 'command', userId: as, channel: channel.id }),
      trigger_id: this.d.triggers.issue(as),
    });
    if (reply.status !== 200) return this.failedCommand(as, channel.id, reply);
    const body = reply.json;
    if (body && (body.text !== undefined || body.blocks !== undefined)) {
      const answer = this.d.api.respond({ kind: 'command', userId: as, channel: channel.id }, body);
      if (!answer.ok) return { ok: false, error: String(answer.error) };
    }
    return { ok: true };
  }

  private failedCommand(as: string, channel: string, reply: AppReply): DemoResult {
    const { ws } = this.d;
    const error = reply.status === 503 ? 'dispatch_failed' : 'operation_timeout';
    ws.ephemerals.push({
      ts: ws.nextTs(this.d.now()),
      channel,
      user: as,
      from: SLACKBOT,
      text: `/retro failed with the error "${error}"`,
    });
    ws.changed();
    return { ok: false, error };
  }

  async action(
    as: string,
    surface: PageSurface,
    action: PageAction,
    state?: { values?: StateValues },
  ): Promise<DemoResult> {
    const { ws, api } = this.d;
    if (!ws.person(as)) return { ok: false, error: 'unknown_user' };
    const base = {
      type: 'block_actions',
      user: this.user(as),
      api_app_id: DEMO_BOT.appId,
      token: 'demo-verification-token',
      trigger_id: this.d.triggers.issue(as),
      team: { id: DEMO_TEAM.id, domain: DEMO_TEAM.domain },
      enterprise: null,
      is_enterprise_install: false,
    };
    let payload: Record<string, unknown>;
    if (surface.kind === 'view') {
      const view = this.visibleView(as, surface.viewId);
      if (!view) return { ok: false, error: 'view_not_found' };
      const element = findElement(view.view.blocks, action);
      if (!element) return { ok: false, error: 'element_not_found' };
      if (state?.values) view.values = state.values;
      payload = {
        ...base,
        container: { type: 'view', view_id: view.id },
        view: api.viewShape(view),
        actions: [actionBody(element, action)],
      };
    } else {
      const channel = this.channelFor(as, surface.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const message = ws.message(channel.id, surface.ts);
      const ephemeral = message
        ? undefined
        : ws.ephemerals.find((e) => e.ts === surface.ts && e.user === as && e.channel === channel.id);
      const shown = message ?? ephemeral;
      if (!shown) return { ok: false, error: 'message_not_found' };
      const element = findElement(shown.blocks, action);
      if (!element) return { ok: false, error: 'element_not_found' };
      payload = {
        ...base,
        container: {
          type: 'message',
          message_ts: shown.ts,
          channel_id: channel.id,
          is_ephemeral: Boolean(ephemeral),
          ...(shown.threadTs ? { thread_ts: shown.threadTs } : {}),
        },
        channel: { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name },
        ...(message ? { message: api.messageShape(message) } : {}),
        state: { values: state?.values ?? {} },
        response_url: this.responseUrl({
          kind: 'message',
          userId: as,
          channel: channel.id,
          ts: shown.ts,
          ephemeral: Boolean(ephemeral),
          ...(shown.threadTs ? { threadTs: shown.threadTs } : {}),
        }),
        actions: [actionBody(element, action)],
      };
    }
    const reply = await this.d.link.interaction(payload);
    return reply.status === 200 ? { ok: true } : { ok: false, error: TROUBLE };
  }

  /** A person's top modal or their Home tab: what they can click in. */
  private visibleView(as: string, viewId: string): StoredView | undefined {
    const { ws } = this.d;
    if (ws.homes.get(as) === viewId) return ws.views.get(viewId);
    const top = ws.topView(as);
    return top?.id === viewId ? top : undefined;
  }

  async submit(as: string, viewId: string, values: StateValues): Promise<DemoResult> {
    const { ws, api } = this.d;
    const view = ws.topView(as);
    // Submitted already (and closed or replaced), or never theirs: Slack has no such view to submit.
    if (!view || view.id !== viewId || this.submitting.has(view.id))
      return { ok: false, error: 'view_not_found' };
    if (!view.view.submit) return { ok: false, error: 'no_submit_button' };
    view.values = isJson(values) ? (values as StateValues) : {};
    this.submitting.add(view.id);
    let reply: AppReply;
    try {
      reply = await this.d.link.interaction({
        type: 'view_submission',
        team: { id: DEMO_TEAM.id, domain: DEMO_TEAM.domain },
        user: this.user(as),
        api_app_id: DEMO_BOT.appId,
        token: 'demo-verification-token',
        trigger_id: this.d.triggers.issue(as),
        view: api.viewShape(view),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      });
    } finally {
      this.submitting.delete(view.id);
    }
    if (reply.status !== 200) return { ok: false, error: TROUBLE };
    const ack = reply.json ?? {};
    const stillOpen = ws.views.get(view.id) === view;
    switch (ack.response_action) {
      case 'errors':
        return { ok: false, error: 'invalid_input', errors: (ack.errors ?? {}) as Record<string, string> };
      case 'update': {
        const next = api.viewArgument(ack.view, 'modal');
        if (api.isAnswer(next)) return { ok: false, error: TROUBLE };
        if (stillOpen) api.updateView(view, next);
        break;
      }
      case 'push': {
        const next = api.viewArgument(ack.view, 'modal');
        if (api.isAnswer(next)) return { ok: false, error: TROUBLE };
        const stack = ws.stackOf(as);
        if (stack.length >= 3) return { ok: false, error: 'push_limit_reached' };
        stack.push(api.newView(as, next, view).id);
        break;
      }
      case 'clear':
        for (const id of ws.stackOf(as).splice(0)) ws.views.delete(id);
        break;
      default:
        // An empty acknowledgement closes the view (and any the app pushed on it meanwhile).
        ws.closeFrom(as, view.id);
    }
    ws.changed();
    return { ok: true };
  }

  private readonly submitting = new Set<string>();

  async close(as: string, viewId: string): Promise<DemoResult> {
    const { ws, api } = this.d;
    const view = ws.topView(as);
    if (!view || view.id !== viewId) return { ok: false, error: 'view_not_found' };
    const shape = api.viewShape(view);
    ws.closeFrom(as, view.id);
    ws.changed();
    if (view.view.notify_on_close !== true) return { ok: true };
    const reply = await this.d.link.interaction({
      type: 'view_closed',
      team: { id: DEMO_TEAM.id, domain: DEMO_TEAM.domain },
      user: this.user(as),
      api_app_id: DEMO_BOT.appId,
      token: 'demo-verification-token',
      view: shape,
      is_cleared: false,
      is_enterprise_install: false,
      enterprise: null,
    });
    return reply.status === 200 ? { ok: true } : { ok: false, error: TROUBLE };
  }

  async openHome(as: string): Promise<DemoResult> {
    const { ws, api } = this.d;
    if (!ws.person(as)) return { ok: false, error: 'unknown_user' };
    const home = ws.views.get(ws.homes.get(as) ?? '');
    const reply = await this.d.link.event({
      type: 'app_home_opened',
      user: as,
      channel: dmChannelOf(as),
      tab: 'home',
      ...(home ? { view: api.viewShape(home) } : {}),
    });
    return reply.status === 200 ? { ok: true } : { ok: false, error: TROUBLE };
  }
}

/** The interactive element a click names, found in the surface's blocks; none: the click is refused. */
function findElement(blocks: unknown, action: PageAction): Json | undefined {
  const elementsOf = (block: Json) =>
    [block.accessory, block.element, ...listOf(block.elements)].filter(isJson);
  const all = listOf(blocks);
  const block = all.find((b) => b.block_id === action.block_id);
  if (block) return elementsOf(block).find((e) => e.action_id === action.action_id);
  // The page drew the surface before its last update, which gave blocks sent without an id new ones:
  // Slack still delivers the click, naming the block the person saw.
  const same = all.flatMap(elementsOf).filter((e) => e.action_id === action.action_id);
  return same.length === 1 ? same[0] : undefined;
}

/**
 * One entry of a payload's `actions` as Slack builds it: the element's own text and value for a button
 * (the page cannot forge them), the options the element offers for a pick.
 */
function actionBody(element: Json, action: PageAction): Json {
  const type = String(element.type);
  const base = {
    type,
    action_id: element.action_id,
    block_id: action.block_id,
    action_ts: `${Date.now() / 1000}`,
  };
  const options = optionsOf(element);
  const option = (value: unknown) => options.find((o) => o.value === value) ?? null;
  switch (type) {
    case 'button':
      return {
        ...base,
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
      };
    case 'overflow':
    case 'static_select':
    case 'radio_buttons':
      return { ...base, selected_option: option(action.selected_option?.value) };
    case 'checkboxes':
    case 'multi_static_select':
      return {
        ...base,
        selected_options: (action.selected_options ?? []).map((o) => option(o?.value)).filter(Boolean),
      };
    case 'users_select':
      return { ...base, selected_user: action.selected_user ?? null };
    case 'multi_users_select':
      return { ...base, selected_users: action.selected_users ?? [] };
    case 'datepicker':
      return { ...base, selected_date: action.selected_date ?? null };
    case 'timepicker':
      return { ...base, selected_time: action.selected_time ?? null };
    default:
      return { ...base, ...(action.value !== undefined ? { value: action.value } : {}) };
  }
}

/** Slack stores what a person types with &, < and > escaped. */
function escapeTyped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

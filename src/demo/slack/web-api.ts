import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { zoneOffsetSeconds } from '../../shared/wall-clock.js';
import { isJson, listOf } from '../json.js';
import { DEMO_BOT, DEMO_TEAM } from '../people.js';
import { blockProblems, viewProblems } from './block-limits.js';
import type { ResponseSource } from './response-urls.js';
import type { Triggers } from './triggers.js';
import type { StoredMessage, StoredView, Workspace } from './workspace.js';

type Body = Record<string, unknown>;
export type Answer = Record<string, unknown> & { ok: boolean };

/** Methods that change nothing the page shows. */
const READS = new Set([
  'auth.test',
  'users.info',
  'conversations.members',
  'conversations.info',
  'chat.getPermalink',
]);

/** Slack's limit for a message's text. */
const MAX_TEXT = 40_000;
/** How many modals a stack holds. */
const MAX_STACK = 3;

export interface WebApiOptions {
  ws: Workspace;
  triggers: Triggers;
  clock: Clock;
  botToken: string;
  /** Where uploads go (the simulated Slack's own address). */
  uploadBase(): string;
  /** The page's address, for permalinks. */
  pageBase(): string;
}

const fail = (error: string, messages?: string[]): Answer => ({
  ok: false,
  error,
  ...(messages?.length ? { response_metadata: { messages } } : {}),
});

/**
 * The Web API methods the app calls, answered with Slack's shapes and errors, changing the workspace as
 * Slack would. Unknown methods answer `unknown_method`.
 */
export function createWebApi(o: WebApiOptions) {
  const { ws, triggers, clock } = o;

  function call(method: string, body: Body, token: string | undefined): Answer {
    if (!token) return fail('not_authed');
    if (token !== o.botToken) return fail('invalid_auth');
    const handler = METHODS[method];
    if (!handler) return fail('unknown_method');
    const answer = handler(body);
    if (answer.ok && !READS.has(method)) ws.changed();
    return answer;
  }

  /** A channel id, a DM id, or a person's id (a post to a user id lands in their DM with the app). */
  function channelOf(raw: unknown) {
    const id = String(raw ?? '');
    if (ws.person(id)) return ws.openDm(id);
    return ws.channels.get(id);
  }

  function messageShape(m: Pick<StoredMessage, 'channel' | 'ts' | 'user' | 'text' | 'blocks' | 'threadTs'>) {
    return {
      type: 'message',
      user: m.user,
      ...(m.user === DEMO_BOT.userId ? { bot_id: DEMO_BOT.botId, app_id: DEMO_BOT.appId } : {}),
      text: m.text,
      ts: m.ts,
      team: DEMO_TEAM.id,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    };
  }

  /** The checks every post and edit shares: some content, not too long, blocks within limits. */
  function contentProblem(body: Body): Answer | undefined {
    const text = body.text === undefined ? '' : String(body.text);
    const blocks = parseJson(body.blocks);
    if (!text && blocks === undefined && body.attachments === undefined) return fail('no_text');
    if (text.length > MAX_TEXT) return fail('msg_too_long');
    if (blocks !== undefined) {
      const problems = blockProblems(blocks, 'message');
      if (problems.length) return fail('invalid_blocks', problems);
    }
    return undefined;
  }

  function viewShape(v: StoredView): Record<string, unknown> {
    return {
      id: v.id,
      team_id: DEMO_TEAM.id,
      app_id: DEMO_BOT.appId,
      bot_id: DEMO_BOT.botId,
      app_installed_team_id: DEMO_TEAM.id,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...v.view,
      state: { values: v.values },
      hash: v.hash,
      root_view_id: v.rootViewId,
      previous_view_id: v.previousViewId,
    };
  }

  function newView(userId: string, view: Record<string, unknown>, below?: StoredView): StoredView {
    const id = ws.nextId('V');
    const stored: StoredView = {
      id,
      hash: ws.newHash(),
      userId,
      view,
      rootViewId: below?.rootViewId ?? id,
      previousViewId: below?.id ?? null,
      values: {},
    };
    ws.views.set(id, stored);
    return stored;
  }

  function viewArgument(raw: unknown, surface: 'modal' | 'home'): Record<string, unknown> | Answer {
    const view = parseJson(raw);
    if (view === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: view']);
    const problems = viewProblems(view, surface);
    if (problems.length) return fail('invalid_arguments', problems);
    const v = view as Record<string, unknown>;
    return { ...v, blocks: withBlockIds(v.blocks) };
  }

  function updateView(target: StoredView, view: Record<string, unknown>): void {
    target.view = view;
    target.hash = ws.newHash();
    target.values = keptValues(target.values, view);
  }

  const isAnswer = (v: unknown): v is Answer => typeof (v as Answer).ok === 'boolean';

  const METHODS: Record<string, (body: Body) => Answer> = {
    'auth.test': () => ({
      ok: true,
      url: `${o.pageBase()}/demo`,
      team: DEMO_TEAM.name,
      user: 'rearview',
      team_id: DEMO_TEAM.id,
      user_id: DEMO_BOT.userId,
      bot_id: DEMO_BOT.botId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      if (!channel.members.includes(DEMO_BOT.userId)) return fail('not_in_channel');
      const problem = contentProblem(body);
      if (problem) return problem;
      const threadTs = body.thread_ts ? String(body.thread_ts) : undefined;
      if (threadTs && !ws.message(channel.id, threadTs)) return fail('thread_not_found');
      const ts = ws.nextTs(clock.now());
      const blocks = withBlockIds(parseJson(body.blocks));
      const message = {
        channel: channel.id,
        ts,
        user: DEMO_BOT.userId,
        text: String(body.text ?? ''),
        blocks,
        threadTs,
      };
      ws.messages.push(message);
      return { ok: true, channel: channel.id, ts, message: messageShape(message) };
    },

    'chat.update': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      const message = ws.message(channel.id, String(body.ts ?? ''));
      if (!message) return fail('message_not_found');
      if (message.user !== DEMO_BOT.userId) return fail('cant_update_message');
      const problem = contentProblem({ text: body.text ?? message.text, ...body });
      if (problem) return problem;
      if (body.text !== undefined) message.text = String(body.text);
      // Slack keeps a message's blocks when an update names none.
      if (body.blocks !== undefined) message.blocks = withBlockIds(parseJson(body.blocks));
      message.edited = true;
      return {
        ok: true,
        channel: channel.id,
        ts: message.ts,
        text: message.text,
        message: messageShape(message),
      };
    },

    'chat.delete': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      const message = ws.message(channel.id, String(body.ts ?? ''));
      if (!message) return fail('message_not_found');
      if (message.user !== DEMO_BOT.userId) return fail('cant_delete_message');
      ws.messages = ws.messages.filter((m) => m !== message);
      return { ok: true, channel: channel.id, ts: message.ts };
    },

    'chat.postEphemeral': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      const user = String(body.user ?? '');
      if (!ws.person(user)) return fail('user_not_found');
      if (!channel.members.includes(user)) return fail('user_not_in_channel');
      const problem = contentProblem(body);
      if (problem) return problem;
      const ts = ws.nextTs(clock.now());
      ws.ephemerals.push({
        ts,
        channel: channel.id,
        user,
        from: DEMO_BOT.userId,
        text: String(body.text ?? ''),
        blocks: withBlockIds(parseJson(body.blocks)),
        threadTs: body.thread_ts ? String(body.thread_ts) : undefined,
      });
      return { ok: true, message_ts: ts };
    },

    'chat.getPermalink': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      const ts = String(body.message_ts ?? '');
      if (!ws.message(channel.id, ts)) return fail('message_not_found');
      return {
        ok: true,
        channel: channel.id,
        permalink: `${o.pageBase()}/demo?channel=${channel.id}&ts=${ts}`,
      };
    },

    'views.open': (body) => {
      const trigger = triggers.take(body.trigger_id);
      if ('error' in trigger) return fail(trigger.error);
      const view = viewArgument(body.view, 'modal');
      if (isAnswer(view)) return view;
      const stack = ws.stackOf(trigger.userId);
      // A new modal opened from a click replaces whatever stack the person had.
      for (const id of stack.splice(0)) ws.views.delete(id);
      const stored = newView(trigger.userId, view);
      stack.push(stored.id);
      return { ok: true, view: viewShape(stored) };
    },

    'views.push': (body) => {
      const trigger = triggers.take(body.trigger_id);
      if ('error' in trigger) return fail(trigger.error);
      const view = viewArgument(body.view, 'modal');
      if (isAnswer(view)) return view;
      const below = ws.topView(trigger.userId);
      if (!below) return fail('not_found');
      const stack = ws.stackOf(trigger.userId);
      if (stack.length >= MAX_STACK) return fail('push_limit_reached');
      const stored = newView(trigger.userId, view, below);
      stack.push(stored.id);
      return { ok: true, view: viewShape(stored) };
    },

    'views.update': (body) => {
      const target = body.view_id
        ? ws.views.get(String(body.view_id))
        : [...ws.views.values()].find((v) => body.external_id && v.view.external_id === body.external_id);
      if (!target) return fail('not_found');
      if (body.hash !== undefined && body.hash !== target.hash) return fail('hash_conflict');
      const surface = target.view.type === 'home' ? 'home' : 'modal';
      const view = viewArgument(body.view, surface);
      if (isAnswer(view)) return view;
      updateView(target, view);
      return { ok: true, view: viewShape(target) };
    },

    'views.publish': (body) => {
      const userId = String(body.user_id ?? '');
      if (!ws.person(userId)) return fail('user_not_found');
      const view = viewArgument(body.view, 'home');
      if (isAnswer(view)) return view;
      const current = ws.views.get(ws.homes.get(userId) ?? '');
      if (current && body.hash !== undefined && body.hash !== current.hash) return fail('hash_conflict');
      const stored = current ?? newView(userId, view);
      stored.view = view;
      stored.hash = ws.newHash();
      ws.homes.set(userId, stored.id);
      return { ok: true, view: viewShape(stored) };
    },

    'users.info': (body) => {
      const id = String(body.user ?? '');
      if (id === DEMO_BOT.userId) {
        return {
          ok: true,
          user: {
            id,
            team_id: DEMO_TEAM.id,
            name: 'rearview',
            real_name: DEMO_BOT.name,
            is_bot: true,
            is_admin: false,
            tz: 'UTC',
            tz_offset: 0,
            profile: { display_name: DEMO_BOT.name, real_name: DEMO_BOT.name },
          },
        };
      }
      const person = ws.person(id);
      if (!person) return fail('user_not_found');
      return {
        ok: true,
        user: {
          id: person.id,
          team_id: DEMO_TEAM.id,
          name: person.name.toLowerCase().replace(/\s+/g, '.'),
          real_name: person.realName,
          is_bot: false,
          is_admin: person.isAdmin,
          is_owner: person.isAdmin,
          tz: person.tz,
          tz_label: person.tz,
          tz_offset: zoneOffsetSeconds(person.tz, clock.now()),
          profile: { display_name: person.name, real_name: person.realName, title: person.title },
        },
      };
    },

    'conversations.members': (body) => {
      const channel = channelOf(body.channel);
      if (!channel) return fail('channel_not_found');
      const start = Number(Buffer.from(String(body.cursor ?? ''), 'base64').toString() || 0) || 0;
      const limit = Math.min(Math.max(Number(body.limit) || 100, 1), 1000);
      const next = start + limit < channel.members.length ? start + limit : 0;
      return {
        ok: true,
        members: channel.members.slice(start, start + limit),
        response_metadata: { next_cursor: next ? Buffer.from(String(next)).toString('base64') : '' },
      };
    },

    'conversations.info': (body) => {
      const channel = ws.channels.get(String(body.channel ?? ''));
      if (!channel) return fail('channel_not_found');
      return {
        ok: true,
        channel: channel.isIm
          ? { id: channel.id, is_im: true, user: channel.members[0], is_member: true }
          : {
              id: channel.id,
              name: channel.name,
              is_channel: true,
              is_private: false,
              is_archived: false,
              is_member: channel.members.includes(DEMO_BOT.userId),
              num_members: channel.members.length,
            },
      };
    },

    'conversations.join': (body) => {
      const channel = ws.channels.get(String(body.channel ?? ''));
      if (!channel) return fail('channel_not_found');
      if (channel.isIm) return fail('method_not_supported_for_channel_type');
      if (!channel.members.includes(DEMO_BOT.userId)) channel.members.push(DEMO_BOT.userId);
      return { ok: true, channel: { id: channel.id, name: channel.name, is_member: true } };
    },

    'conversations.open': (body) => {
      const users = String(body.users ?? '')
        .split(',')
        .filter(Boolean);
      const [user] = users;
      if (users.length !== 1 || !user) return fail('invalid_arguments');
      if (!ws.person(user)) return fail('user_not_found');
      return { ok: true, channel: { id: ws.openDm(user).id } };
    },

    'files.getUploadURLExternal': (body) => {
      const name = String(body.filename ?? '');
      if (!name || !(Number(body.length) > 0)) return fail('invalid_arguments');
      const id = ws.nextId('F');
      ws.files.set(id, { id, name, title: name, mimetype: mimeOf(name) });
      return { ok: true, upload_url: `${o.uploadBase()}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (body) => {
      const files = (parseJson(body.files) ?? []) as { id: string; title?: string }[];
      if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
      const stored = files.map((f) => ws.files.get(String(f.id)));
      if (stored.some((f) => !f?.bytes)) return fail('file_not_found');
      const channelId = body.channel_id ?? body.channels;
      const channel = channelId ? channelOf(channelId) : undefined;
      if (channelId && !channel) return fail('channel_not_found');
      if (channel && !channel.members.includes(DEMO_BOT.userId)) return fail('not_in_channel');
      files.forEach((f, i) => {
        const file = stored[i];
        if (file && f.title) file.title = String(f.title);
        if (file && channel) file.channel = channel.id;
      });
      if (channel) {
        const threadTs = body.thread_ts ? String(body.thread_ts) : undefined;
        ws.messages.push({
          channel: channel.id,
          ts: ws.nextTs(clock.now()),
          user: DEMO_BOT.userId,
          text: String(body.initial_comment ?? ''),
          threadTs,
          files: files.map((f) => String(f.id)),
        });
      }
      return {
        ok: true,
        files: stored.map((f) => ({ id: f?.id, title: f?.title, name: f?.name, mimetype: f?.mimetype })),
      };
    },

    'conversations.canvases.create': (body) => {
      const channel = ws.channels.get(String(body.channel_id ?? ''));
      if (!channel) return fail('channel_not_found');
      if ([...ws.canvases.values()].some((c) => c.channel === channel.id)) {
        return fail('channel_canvas_already_exists');
      }
      const id = ws.nextId('F');
      ws.canvases.set(id, { channel: channel.id, markdown: markdownOf(parseJson(body.document_content)) });
      return { ok: true, canvas_id: id };
    },

    'canvases.edit': (body) => {
      const canvas = ws.canvases.get(String(body.canvas_id ?? ''));
      if (!canvas) return fail('canvas_not_found');
      const changes = parseJson(body.changes);
      if (!Array.isArray(changes) || changes.length === 0) return fail('invalid_arguments');
      for (const change of changes as Record<string, unknown>[]) {
        if (change.operation === 'replace') canvas.markdown = markdownOf(change.document_content);
      }
      return { ok: true };
    },
  };

  /**
   * What a response URL carries: a reply to a command (ephemeral unless `in_channel`) or to a button
   * (replacing or deleting the message pressed, or a new ephemeral beside it).
   */
  function respond(source: ResponseSource, body: Body): Answer {
    const original =
      source.kind === 'message'
        ? source.ephemeral
          ? ws.ephemerals.find((e) => e.ts === source.ts && e.user === source.userId)
          : ws.message(source.channel, source.ts)
        : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (!original) return fail('message_not_found');
      if (source.kind === 'message' && source.ephemeral)
        ws.ephemerals = ws.ephemerals.filter((e) => e !== original);
      else ws.messages = ws.messages.filter((m) => m !== original);
      ws.changed();
      return { ok: true };
    }
    const problem = contentProblem(body);
    if (problem) return problem;
    const text = String(body.text ?? '');
    const blocks = withBlockIds(parseJson(body.blocks));
    const replace = body.replace_original === true || body.replace_original === 'true';
    if (replace && original) {
      original.text = text;
      original.blocks = blocks;
      ws.changed();
      return { ok: true };
    }
    const threadTs = source.kind === 'message' ? source.threadTs : undefined;
    const ts = ws.nextTs(clock.now());
    if (body.response_type === 'in_channel') {
      ws.messages.push({ channel: source.channel, ts, user: DEMO_BOT.userId, text, blocks, threadTs });
    } else {
      ws.ephemerals.push({
        ts,
        channel: source.channel,
        user: source.userId,
        from: DEMO_BOT.userId,
        text,
        blocks,
        threadTs,
      });
    }
    ws.changed();
    return { ok: true };
  }

  return { call, respond, viewShape, messageShape, viewArgument, isAnswer, newView, updateView };
}

export type WebApi = ReturnType<typeof createWebApi>;

/** The Web API client sends nested values (blocks, view) as JSON text in forms. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Slack gives every block without an id one of its own, which block_actions then name. */
function withBlockIds(raw: unknown): unknown[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.map((block) =>
    typeof block === 'object' && block !== null && !('block_id' in block)
      ? { ...block, block_id: randomBytes(3).toString('base64url') }
      : block,
  );
}

/** Slack keeps what a person typed into an input that is still there, with the same ids, after an update. */
function keptValues(values: StoredView['values'], view: Record<string, unknown>): StoredView['values'] {
  const kept: StoredView['values'] = {};
  for (const block of listOf(view.blocks)) {
    const id = block.block_id;
    const actionId = isJson(block.element) ? block.element.action_id : undefined;
    if (typeof id !== 'string' || typeof actionId !== 'string') continue;
    const value = values[id]?.[actionId];
    if (value !== undefined) kept[id] = { [actionId]: value };
  }
  return kept;
}

function markdownOf(content: unknown): string {
  const c = parseJson(content) as { markdown?: unknown } | undefined;
  return typeof c?.markdown === 'string' ? c.markdown : '';
}

export function mimeOf(name: string): string {
  const ext = name.toLowerCase().split('.').at(-1);
  return (
    {
      png: 'image/png',
      md: 'text/markdown',
      txt: 'text/plain',
      csv: 'text/csv',
      json: 'application/json',
      svg: 'image/svg+xml',
    }[ext ?? ''] ?? 'application/octet-stream'
  );
}

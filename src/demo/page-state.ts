import { type RenderContext, renderMessage, renderView } from './block-kit/render.js';
import { DEMO_BOT, DEMO_CHANNEL, dmChannelOf } from './people.js';
import type { StoredMessage, Workspace } from './slack/workspace.js';

interface PageMessage {
  ts: string;
  user: string;
  userName: string;
  html: string;
  replyCount: number;
  files: { id: string; name: string; url: string }[];
}

/**
 * What one person sees, as the page draws it: the channel and its threads, their DM with the app, their
 * Home tab, their top modal and their ephemerals; every surface rendered from the Block Kit the app sent,
 * with times in their zone.
 */
export function pageState(ws: Workspace, as: string, now: Date) {
  const person = ws.person(as) ?? ws.people[0];
  if (!person) throw new Error('the demo workspace has no people');
  const names = (id: string) =>
    id === DEMO_BOT.userId ? DEMO_BOT.name : id === 'USLACKBOT' ? 'Slackbot' : ws.person(id)?.name;
  const ctx: RenderContext = {
    zone: person.tz,
    userName: names,
    channelName: (id) => ws.channels.get(id)?.name,
    fileUrl: (id) => (ws.files.has(id) ? fileUrl(id) : undefined),
    now,
    people: ws.people.map((p) => ({ id: p.id, name: p.name })),
    channels: [...ws.channels.values()].filter((c) => !c.isIm).map((c) => ({ id: c.id, name: c.name })),
  };
  const shown = (m: StoredMessage): PageMessage => ({
    ts: m.ts,
    user: m.user,
    userName: names(m.user) ?? m.user,
    html: renderMessage({ text: m.text, blocks: m.blocks ?? [] }, ctx, { channel: m.channel, ts: m.ts }),
    replyCount: ws.messages.filter((r) => r.channel === m.channel && r.threadTs === m.ts && r.ts !== m.ts)
      .length,
    files: (m.files ?? []).flatMap((id) => {
      const file = ws.files.get(id);
      return file ? [{ id, name: file.title || file.name, url: fileUrl(id) }] : [];
    }),
  });
  const inChannel = (channel: string) => {
    const all = ws.messages.filter((m) => m.channel === channel);
    const top = all.filter((m) => !m.threadTs || m.threadTs === m.ts).map(shown);
    const threads: Record<string, PageMessage[]> = {};
    for (const m of all) {
      if (!m.threadTs || m.threadTs === m.ts) continue;
      const replies = threads[m.threadTs] ?? [];
      replies.push(shown(m));
      threads[m.threadTs] = replies;
    }
    return { top, threads };
  };
  const channel = inChannel(DEMO_CHANNEL.id);
  const dmId = dmChannelOf(person.id);
  const dm = inChannel(dmId);
  const homeView = ws.views.get(ws.homes.get(person.id) ?? '');
  const modalView = ws.topView(person.id);
  const viewOf = (v: NonNullable<typeof homeView>) =>
    renderView(
      {
        ...(v.view as { type: string; blocks: unknown[] }),
        id: v.id,
        blocks: (v.view.blocks as unknown[]) ?? [],
      },
      ctx,
    );
  return {
    now: now.toISOString(),
    acting: { id: person.id, name: person.name, tz: person.tz },
    people: ws.people.map((p) => ({ id: p.id, name: p.name, tz: p.tz, title: p.title })),
    channel: { id: DEMO_CHANNEL.id, name: DEMO_CHANNEL.name, messages: channel.top },
    threads: { ...channel.threads, ...dm.threads },
    dm: { channel: dmId, messages: dm.top },
    home: homeView ? { html: viewOf(homeView) } : null,
    modal: modalView ? { viewId: modalView.id, html: viewOf(modalView) } : null,
    ephemerals: ws.ephemerals
      .filter((e) => e.user === person.id)
      .map((e) => ({
        channel: e.channel,
        ts: e.ts,
        userName: names(e.from) ?? e.from,
        ...(e.threadTs ? { threadTs: e.threadTs } : {}),
        html: renderMessage({ text: e.text, blocks: e.blocks ?? [] }, ctx, {
          channel: e.channel,
          ts: e.ts,
          ephemeral: true,
        }),
      })),
    version: ws.version,
  };
}

export function fileUrl(id: string): string {
  return `/demo/files/${encodeURIComponent(id)}`;
}

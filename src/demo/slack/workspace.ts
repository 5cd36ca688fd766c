import { DEMO_BOT, DEMO_CHANNEL, DEMO_PEOPLE, type DemoPerson, dmChannelOf } from '../people.js';

/** A message as the workspace keeps it (a channel's, a thread reply, a DM). */
export interface StoredMessage {
  channel: string;
  ts: string;
  /** Who posted it: a person's id or the bot's user id. */
  user: string;
  text: string;
  blocks?: unknown[] | undefined;
  threadTs?: string | undefined;
  files?: string[] | undefined;
  edited?: boolean | undefined;
}

/** Seen by one person only, until they reload Slack (here: kept until replaced or deleted). */
export interface StoredEphemeral {
  ts: string;
  channel: string;
  user: string;
  /** Who it seems to come from: the bot, or Slackbot for Slack's own notes. */
  from: string;
  text: string;
  blocks?: unknown[] | undefined;
  threadTs?: string | undefined;
}

export interface StoredView {
  id: string;
  hash: string;
  userId: string;
  /** The view as the app sent it (type, title, blocks, private_metadata, …). */
  view: Record<string, unknown>;
  rootViewId: string;
  previousViewId: string | null;
  /** Input values the person has typed or picked so far (`view.state.values`). */
  values: Record<string, Record<string, unknown>>;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Undefined until the bytes arrive at the upload URL. */
  bytes?: Buffer | undefined;
  channel?: string | undefined;
}

export interface DemoChannel {
  id: string;
  name: string;
  isIm: boolean;
  members: string[];
}

interface Snapshot {
  seq: number;
  messages: StoredMessage[];
  ephemerals: StoredEphemeral[];
  homes: StoredView[];
  files: (Omit<StoredFile, 'bytes'> & { bytes?: string })[];
  canvases: [string, { channel: string; markdown: string }][];
  channels: DemoChannel[];
}

/**
 * What the simulated Slack holds: channels, messages and threads, ephemerals, each person's modal stack
 * and Home tab, files and canvases. Everything the page shows is read from here; every change bumps the
 * version the page polls for.
 */
export class Workspace {
  readonly people: readonly DemoPerson[] = DEMO_PEOPLE;
  readonly channels = new Map<string, DemoChannel>();
  messages: StoredMessage[] = [];
  ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, StoredView>();
  /** Each person's open modals, bottom first. */
  readonly stacks = new Map<string, string[]>();
  /** Each person's Home tab view id. */
  readonly homes = new Map<string, string>();
  readonly files = new Map<string, StoredFile>();
  readonly canvases = new Map<string, { channel: string; markdown: string }>();
  version = 0;
  private seq = 0;
  private lastTsMicros = 0;
  private readonly listeners: (() => void)[] = [];

  constructor() {
    const members = [...DEMO_PEOPLE.map((p) => p.id), DEMO_BOT.userId];
    this.channels.set(DEMO_CHANNEL.id, { ...DEMO_CHANNEL, isIm: false, members });
    for (const person of DEMO_PEOPLE) this.openDm(person.id);
  }

  person(id: string): DemoPerson | undefined {
    return this.people.find((p) => p.id === id);
  }

  openDm(userId: string): DemoChannel {
    const id = dmChannelOf(userId);
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, name: id, isIm: true, members: [userId, DEMO_BOT.userId] };
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** A message ts at `now` (Slack's: seconds and microseconds), strictly after every earlier one. */
  nextTs(now: Date): string {
    const micros = Math.max(now.getTime() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).toUpperCase().padStart(6, '0')}`;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  stackOf(userId: string): string[] {
    let stack = this.stacks.get(userId);
    if (!stack) {
      stack = [];
      this.stacks.set(userId, stack);
    }
    return stack;
  }

  /** The person's top modal, if any. */
  topView(userId: string): StoredView | undefined {
    const id = this.stackOf(userId).at(-1);
    return id ? this.views.get(id) : undefined;
  }

  /** Closes a person's modal and every modal above it. */
  closeFrom(userId: string, viewId: string): void {
    const stack = this.stackOf(userId);
    const at = stack.indexOf(viewId);
    if (at < 0) return;
    for (const id of stack.splice(at)) this.views.delete(id);
  }

  newHash(): string {
    this.seq += 1;
    return `${Date.now()}.${this.seq.toString(36)}`;
  }

  /** Something the page shows changed. */
  changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Everything worth keeping across a restart; open modals are not (their sealed metadata would not open). */
  snapshot(): Snapshot {
    return {
      seq: this.seq,
      messages: this.messages,
      ephemerals: this.ephemerals,
      homes: [...this.homes.values()].flatMap((id) => this.views.get(id) ?? []),
      files: [...this.files.values()].map((f) => ({ ...f, bytes: f.bytes?.toString('base64') })),
      canvases: [...this.canvases],
      channels: [...this.channels.values()],
    };
  }

  restore(raw: unknown): void {
    const s = raw as Partial<Snapshot>;
    this.seq = Number(s.seq) || 0;
    this.messages = Array.isArray(s.messages) ? s.messages : [];
    this.ephemerals = Array.isArray(s.ephemerals) ? s.ephemerals : [];
    for (const view of s.homes ?? []) {
      this.views.set(view.id, view);
      this.homes.set(view.userId, view.id);
    }
    for (const file of s.files ?? []) {
      this.files.set(file.id, { ...file, bytes: file.bytes ? Buffer.from(file.bytes, 'base64') : undefined });
    }
    for (const [id, canvas] of s.canvases ?? []) this.canvases.set(id, canvas);
    for (const channel of s.channels ?? []) this.channels.set(channel.id, channel);
    const last = this.messages.at(-1)?.ts;
    if (last) this.lastTsMicros = Math.round(Number(last) * 1_000_000);
  }
}

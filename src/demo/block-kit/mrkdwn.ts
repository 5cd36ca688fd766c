/**
 * Slack's mrkdwn as the Slack client shows it, as HTML: entities decoded and everything escaped again, so
 * user text (a `<script>` typed into feedback arrives as `&lt;script&gt;`) stays text.
 */

export interface TextContext {
  /** The reader's IANA zone: `<!date^…>` tokens read in it. */
  zone: string;
  /** Today for `{date_pretty}`; without it dates are never "today". */
  now?: Date | undefined;
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The shortcodes the app sends and a few common ones; anything else stays as typed. */
const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  calendar: '📅',
  date: '📅',
  clock9: '🕘',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  bulb: '💡',
  tada: '🎉',
  memo: '📝',
  pushpin: '📌',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  bar_chart: '📊',
  ballot_box_with_ballot: '🗳️',
  thumbsup: '👍',
  '+1': '👍',
  eyes: '👀',
  lock: '🔒',
  bell: '🔔',
  zzz: '💤',
  arrow_right: '➡️',
  repeat: '🔁',
  mag: '🔍',
  dart: '🎯',
  rocket: '🚀',
  speech_balloon: '💬',
  wave: '👋',
  no_entry_sign: '🚫',
  question: '❓',
  thinking_face: '🤔',
  seedling: '🌱',
};

/** Plain text: escaped, its line breaks kept. */
export function plainToHtml(text: string, emoji = true): string {
  const html = escapeHtml(text).replace(/\n/g, '<br>');
  return emoji ? withEmoji(html) : html;
}

function withEmoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => EMOJI[name] ?? code);
}

export function mrkdwnToHtml(text: string, ctx: TextContext): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  // Slack reads `<…>` as a token everywhere, inside code too: text meant as angle brackets is sent escaped.
  let rest = text
    .replace(/<([^<>\n]+)>/g, (_, token: string) => hold(tokenHtml(token, ctx)))
    .replace(/```([\s\S]*?)```/g, (_, code: string) => hold(`<pre>${escapeHtml(decode(code))}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(decode(code))}</code>`));
  rest = escapeHtml(decode(rest));
  rest = emphasis(rest);
  rest = rest
    .split('\n')
    .map((line) => (line.startsWith('&#62;') ? `<q-line>${line.slice(5).replace(/^ /, '')}</q-line>` : line))
    .join('\n')
    .replace(/<\/q-line>\n<q-line>/g, '<br>')
    .replace(/<q-line>/g, '<blockquote>')
    .replace(/<\/q-line>\n?/g, '</blockquote>')
    .replace(/\n/g, '<br>');
  let html = withEmoji(rest);
  // Code held earlier may itself hold tokens.
  while (html.includes('\uE000')) {
    html = html.replace(/\uE000(\d+)\uE000/g, (_, i: string) => held[Number(i)] ?? '');
  }
  return html;
}

/**
 * `*bold*`, `_italic_`, `~strike~` as Slack reads them: the markers hug the words (`1 * 2 * 3` is no bold)
 * and stand outside a word (`snake_case_name` is no italic), while punctuation may touch them (`*Vote*'s`).
 */
const EMPHASIS: [RegExp, string][] = [
  [/(^|[^\p{L}\p{N}*])\*([^*\s](?:[^*\n]*?[^*\s])?)\*(?![\p{L}\p{N}*])/gmu, 'b'],
  [/(^|[^\p{L}\p{N}_])_([^_\s](?:[^_\n]*?[^_\s])?)_(?![\p{L}\p{N}_])/gmu, 'i'],
  [/(^|[^\p{L}\p{N}~])~([^~\s](?:[^~\n]*?[^~\s])?)~(?![\p{L}\p{N}~])/gmu, 's'],
];

function emphasis(html: string): string {
  return EMPHASIS.reduce((text, [pattern, tag]) => text.replace(pattern, `$1<${tag}>$2</${tag}>`), html);
}

/** A `<…>` token: a mention, a channel, a special mention, a date, or a link. */
function tokenHtml(token: string, ctx: TextContext): string {
  const [target = '', label] = splitOnce(token, '|');
  if (target.startsWith('@')) {
    const name = label ?? ctx.userName(target.slice(1)) ?? target.slice(1);
    return `<span class="bk-mention">@${escapeHtml(decode(name))}</span>`;
  }
  if (target.startsWith('#')) {
    const name = label ?? ctx.channelName(target.slice(1)) ?? target.slice(1);
    return `<span class="bk-mention">#${escapeHtml(decode(name))}</span>`;
  }
  if (target.startsWith('!date^')) return dateHtml(target, label, ctx);
  if (target.startsWith('!subteam^'))
    return `<span class="bk-mention">@${escapeHtml(decode(label ?? 'group'))}</span>`;
  if (target.startsWith('!')) return `<span class="bk-mention">@${escapeHtml(target.slice(1))}</span>`;
  const url = decode(target);
  const safe = /^(https?:|mailto:|\/)/i.test(url) ? url : '#';
  return `<a href="${escapeHtml(safe)}" target="_blank" rel="noopener">${escapeHtml(decode(label ?? target))}</a>`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** `<!date^epoch^format^link|fallback>` in the reader's zone, as Slack's clients show it. */
function dateHtml(target: string, fallback: string | undefined, ctx: TextContext): string {
  const [, epoch = '', format = '', link] = target.split('^');
  const seconds = Number(epoch);
  if (!Number.isFinite(seconds) || !format) return escapeHtml(decode(fallback ?? ''));
  const text = formatSlackDate(new Date(seconds * 1000), decode(format), ctx.zone, ctx.now);
  const html = escapeHtml(text);
  return link ? `<a href="${escapeHtml(link)}" target="_blank" rel="noopener">${html}</a>` : html;
}

export function formatSlackDate(at: Date, format: string, zone: string, now?: Date): string {
  const fmt = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options }).format(at);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d);
  const ordinal = (n: number) =>
    `${n}${['th', 'st', 'nd', 'rd'][n % 100 > 10 && n % 100 < 14 ? 0 : n % 10] ?? 'th'}`;
  const dayOfMonth = Number(fmt({ day: 'numeric' }));
  const pretty = (otherwise: string) => {
    if (!now) return otherwise;
    const offsetDay = (days: number) => day(new Date(now.getTime() + days * 86_400_000));
    const target = day(at);
    if (target === offsetDay(0)) return 'today';
    if (target === offsetDay(1)) return 'tomorrow';
    if (target === offsetDay(-1)) return 'yesterday';
    return otherwise;
  };
  const long = `${fmt({ weekday: 'long' })}, ${fmt({ month: 'long' })} ${ordinal(dayOfMonth)}, ${fmt({ year: 'numeric' })}`;
  const plain = `${fmt({ month: 'long' })} ${ordinal(dayOfMonth)}, ${fmt({ year: 'numeric' })}`;
  const short = fmt({ month: 'short', day: 'numeric', year: 'numeric' });
  const parts: Record<string, () => string> = {
    date_num: () => day(at),
    date: () => plain,
    date_short: () => short,
    date_long: () => long,
    date_pretty: () => pretty(plain),
    date_short_pretty: () => pretty(short),
    date_long_pretty: () => pretty(long),
    time: () => fmt({ hour: 'numeric', minute: '2-digit' }),
    time_secs: () => fmt({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    day_divider_pretty: () => pretty(long),
    ago: () => fmt({ month: 'short', day: 'numeric' }),
  };
  return format.replace(/\{([a-z_]+)\}/g, (token, name: string) => parts[name]?.() ?? token);
}

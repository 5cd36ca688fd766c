import { formatNumber } from '../retro/kpi.js';
import { pointValue } from '../retro/kpi-series.js';
import { oneLine } from '../shared/text.js';
import type { Message } from '../slack/messages.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import { type ActionState, CANVAS_LIMITS, type CanvasRetro } from './canvas-record.js';

/**
 * User text inside canvas Markdown: one line, every character Markdown could read as markup escaped
 * with a backslash, so a title like `# Q1 *launch*` stays text and a `[link](…)` stays words.
 */
export function escapeCanvasText(text: string): string {
  return oneLine(text).replace(/[\\`*_~#[\]()<>|!]/g, (c) => `\\${c}`);
}

const STATE_WORDS: Record<ActionState, string> = {
  done: '✅ done',
  open: '⏳ open',
  carried: '↪️ carried over',
  dropped: '🚫 dropped',
};

const STATUS_WORDS = { met: '✅ met', missed: '⚠️ missed', pending: '⏳ no actual yet' } as const;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function days(retro: CanvasRetro): string {
  const from = day(retro.startedAt);
  const to = retro.closedAt ? day(retro.closedAt) : null;
  return !to || to === from ? from : `${from} to ${to}`;
}

function kpiLines(retro: CanvasRetro): string[] {
  return retro.kpis.slice(0, CANVAS_LIMITS.kpis).map((kpi) => {
    const actual = kpi.actual === null ? 'no actual' : escapeCanvasText(formatNumber(kpi.actual, kpi.unit));
    const target = escapeCanvasText(formatNumber(kpi.target, kpi.unit));
    const direction = kpi.higherIsBetter ? 'higher is better' : 'lower is better';
    const earlier = kpi.earlier.length
      ? `; earlier: ${kpi.earlier.map((p) => `${escapeCanvasText(pointValue(p))} (${escapeCanvasText(p.retroTitle)})`).join(', ')}`
      : '';
    return `- **${escapeCanvasText(kpi.metric)}**: ${actual} against a target of ${target} (${direction}), ${STATUS_WORDS[kpi.status]}${earlier}`;
  });
}

function section(title: string, lines: string[], more = 0): string[] {
  if (lines.length === 0) return [];
  return [`### ${title}`, ...lines, ...(more > 0 ? [`- … and ${more} more`] : []), ''];
}

function retroMarkdown(retro: CanvasRetro): string[] {
  const top = retro.topItems.slice(0, CANVAS_LIMITS.topItems);
  const chains = retro.chains.slice(0, CANVAS_LIMITS.chains);
  const actions = retro.actions.slice(0, CANVAS_LIMITS.actions);
  const votes = (n: number) => (n === 1 ? '1 vote' : `${n} votes`);
  const empty = retro.kpis.length + top.length + chains.length + actions.length === 0;
  return [
    `## ${escapeCanvasText(retro.title) || 'Untitled retro'}`,
    `_${days(retro)}_`,
    '',
    ...(empty ? ['No KPIs, voted items, Five Whys or action items were recorded.', ''] : []),
    ...section('KPIs', kpiLines(retro), retro.kpis.length - CANVAS_LIMITS.kpis),
    ...section(
      'Top items',
      top.map(
        (i) => `- ${escapeCanvasText(i.text)} (${escapeCanvasText(i.sectionLabel)}, ${votes(i.votes)})`,
      ),
    ),
    ...section(
      'Five Whys',
      chains.map((c) => {
        const whys = c.whys
          .slice(0, CANVAS_LIMITS.whys)
          .map((w) => ` → ${escapeCanvasText(w)}`)
          .join('');
        const root = c.rootCause ? ` ⇒ root cause: **${escapeCanvasText(c.rootCause)}**` : '';
        return `- ${escapeCanvasText(c.problem)}${whys}${root}`;
      }),
      retro.chains.length - chains.length,
    ),
    ...section(
      'Action items',
      actions.map(
        (a) =>
          `- [${a.state === 'done' ? 'x' : ' '}] ${escapeCanvasText(a.title)}: ![](@${a.ownerId}), due ${a.dueDate}, ${STATE_WORDS[a.state]}`,
      ),
      retro.actions.length - actions.length,
    ),
  ];
}

/** The channel canvas: the channel's retros, newest first, each with its KPIs, top items, chains and actions. */
export function presentCanvas(retros: readonly CanvasRetro[]): string {
  const shown = retros.slice(0, CANVAS_LIMITS.retros);
  const lines = [
    '# Retro record',
    `The last ${shown.length === 1 ? 'retro' : `${shown.length} retros`} of this channel, newest first. Rearview keeps this canvas up to date as retros close and action items move.`,
    '',
    ...shown.flatMap(retroMarkdown),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

const REASONS: Record<string, string> = {
  canvas_disabled: 'canvases are turned off in this workspace',
  missing_scope: 'Rearview was not given the permission to write canvases (reinstalling it asks for it)',
  not_allowed_token_type:
    'Rearview was not given the permission to write canvases (reinstalling it asks for it)',
  channel_canvas_already_exists: 'the channel already has a canvas, which Rearview leaves as it is',
};

/** The facilitator's one note that the channel's canvas could not be kept. */
export function presentCanvasRefused(channelId: string, reason: string): Message {
  const why = REASONS[reason] ?? `Slack refused it (\`${escapeMrkdwn(reason)}\`)`;
  const text =
    `Rearview could not keep the record of the retros in <#${channelId}> as its channel canvas: ${why}. ` +
    'Retros there go on as before, summary included. To try again later, turn the channel canvas off and on in `/retro settings`.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

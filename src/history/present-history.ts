import { mrkdwnLink } from '../action-items/present-action-item.js';
import { formatDayIn } from '../shared/dates.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { chunkLines, context, LIMITS, plainText, section } from '../slack/blocks.js';
import { fallbackText, type Message } from '../slack/messages.js';
import { bold } from '../slack/mrkdwn.js';
import type { HistoryEntry } from './history.js';

/** "Sep 26 – Oct 2" on the reader's clock; one day once; "since Sep 26" while it runs. */
function daysRan(entry: HistoryEntry, zone: string | undefined): string {
  const start = formatDayIn(entry.startedAt, zone);
  if (entry.open || !entry.endedAt) return `since ${start} (running)`;
  const end = formatDayIn(entry.endedAt, zone);
  return end === start ? start : `${start} – ${end}`;
}

function kpisText({ met, reviewed }: HistoryEntry['kpis']): string {
  return reviewed === 0 ? 'no KPIs reviewed' : `KPIs met: ${met} of ${reviewed}`;
}

function actionsText({ done, created }: HistoryEntry['actions']): string {
  return created === 0 ? 'no actions' : `Actions: ${done} done of ${created}`;
}

/** One retro: its title (linked to its card, where its thread and summary are), its days and its figures. */
function historyLine(entry: HistoryEntry, zone: string | undefined, withChannel = false): string {
  const title = entry.link
    ? `*${mrkdwnLink(entry.link, entry.title.replaceAll('*', ''))}*`
    : bold(entry.title);
  const where = withChannel ? ` in <#${entry.channelId}>` : '';
  return `• ${title}${where} — ${daysRan(entry, zone)} · ${kpisText(entry.kpis)} · ${actionsText(entry.actions)}`;
}

function zoneNote(zone: string | undefined): string {
  return zone ? `Dates on your clock (${zone}).` : 'Dates in UTC.';
}

/** `/retro history`: the channel's retros, oldest first, or a helpful line when there are none. */
export function presentChannelHistory(input: {
  channelId: string;
  entries: readonly HistoryEntry[];
  zone: string | undefined;
}): Message {
  const where = `<#${input.channelId}>`;
  if (input.entries.length === 0) {
    const text = `No retro has run in ${where} yet. Start one with \`/retro start &lt;title&gt;\`, or hold them on a cadence with \`/retro schedule\`.`;
    return { text: fallbackText('No retro has run in this channel yet.'), blocks: [section(text)] };
  }
  const heading = `*Retros in ${where}*, oldest first:`;
  const lines = input.entries.map((e) => historyLine(e, input.zone));
  return {
    text: fallbackText(`Retros in this channel: ${input.entries.length}`),
    blocks: [
      section(heading),
      ...chunkLines(lines).map(section),
      context(`${zoneNote(input.zone)} KPIs met of those with an actual; actions done of those made.`),
    ],
  };
}

/** The Home tab's History: the last retros of the reader's channels, newest first. */
export function presentHistorySection(
  entries: readonly HistoryEntry[],
  zone: string | undefined,
): KnownBlock[] {
  const header: KnownBlock = { type: 'header', text: plainText('History', LIMITS.headerText) };
  if (entries.length === 0) return [header, section('_No retro has finished in your channels yet._')];
  return [
    header,
    ...chunkLines(entries.map((e) => historyLine(e, zone, true))).map(section),
    context(`${zoneNote(zone)} \`/retro history\` in a channel lists all of its retros.`),
  ];
}

import type { OpenAction } from '../action-items/action-item.js';
import { PHASE_LABELS } from '../retro/present-phase.js';
import type { Retro } from '../retro/retro.js';
import type { HomeView, KnownBlock } from '../slack/block-kit.js';
import { chunkLines, context, section } from '../slack/blocks.js';
import { bold, dueDateToken, inlineText, slackDate } from '../slack/mrkdwn.js';

export interface HomeModel {
  actions: OpenAction[];
  facilitating: Retro[];
  recent: Retro[];
  /** 'YYYY-MM-DD' in the reader's time zone, to mark overdue items. */
  today: string;
}

function retroLine(retro: Retro): string {
  const deadline =
    retro.phase === 'collecting' && retro.deadlineAt ? ` · feedback due ${slackDate(retro.deadlineAt)}` : '';
  return `• ${bold(retro.title)} in <#${retro.channelId}> — ${PHASE_LABELS[retro.phase]}${deadline}`;
}

function titled(title: string, lines: string[], empty: string): KnownBlock[] {
  const body = lines.length ? chunkLines(lines).map(section) : [section(`_${empty}_`)];
  return [{ type: 'header', text: { type: 'plain_text', text: title } }, ...body];
}

/** The App Home tab: my open action items, the retros I run, and recent retros near me. */
export function presentHome(model: HomeModel): HomeView {
  const actions = model.actions.map((a) => {
    const late = a.dueDate < model.today ? ' :warning: *overdue*' : '';
    return `• ${inlineText(a.title)} — due ${dueDateToken(a.dueDate)}${late}`;
  });
  const blocks: KnownBlock[] = [
    section(
      '*Rearview* runs Go-to-Market retros in your channels: anonymous feedback, a KPI review, private voting and a summary everyone can see.',
    ),
    context('Start one with `/retro start <title>` in a channel · `/retro help` for every command'),
    { type: 'divider' },
    ...titled('Your open action items', actions, 'Nothing open. Nice.'),
    ...titled('Retros you facilitate', model.facilitating.map(retroLine), 'None open right now.'),
    ...titled(
      'Recent retros in your channels',
      model.recent.map(retroLine),
      'No retros yet in the channels you take part in.',
    ),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

import type { ActionItemPage } from '../action-items/action-item.js';
import { sortForFollowUp } from '../action-items/action-rules.js';
import { actionWithButtons, mrkdwnLink } from '../action-items/present-action-item.js';
import type { HistoryEntry } from '../history/history.js';
import { presentHistorySection } from '../history/present-history.js';
import { PHASE_LABELS } from '../retro/present-phase.js';
import type { Retro } from '../retro/retro.js';
import { presentScheduledSection } from '../schedules/present-schedule-overview.js';
import type { Schedule } from '../schedules/schedule.js';
import { fitGroups } from '../slack/block-groups.js';
import type { HomeView, KnownBlock } from '../slack/block-kit.js';
import { chunkLines, context, LIMITS, plainText, section } from '../slack/blocks.js';
import { bold, slackDate } from '../slack/mrkdwn.js';

/** A retro as the Home tab lists it; `cardUrl` (a permalink to its card) makes the title a link. */
export type HomeRetro = Pick<
  Retro,
  'id' | 'title' | 'channelId' | 'phase' | 'deadlineAt' | 'votingDeadlineAt'
> & {
  cardUrl?: string | null;
};

export interface HomeTabModel {
  /** When this person's weekly reminder comes, in their words (see settings); absent when unknown. */
  nudgeMoment?: string;
  /** The person's open items, soonest due first, and how many they have in all. */
  open: ActionItemPage;
  facilitating: readonly HomeRetro[];
  /** Recent retros in the person's channels, those in `facilitating` left out (each is listed once). */
  recent: readonly HomeRetro[];
  /** 'YYYY-MM-DD' in the person's time zone, to mark overdue items. */
  today: string;
  /** Schedules the person runs or that keep a cadence in their channels, soonest start first. */
  scheduled?: readonly Schedule[];
  /** The last finished retros of the person's channels, with their figures, and the zone to date them in. */
  history?: { entries: readonly HistoryEntry[]; zone: string | undefined };
}

function retroLine(retro: HomeRetro): string {
  const title = retro.cardUrl
    ? `*${mrkdwnLink(retro.cardUrl, retro.title.replaceAll('*', ''))}*`
    : bold(retro.title);
  return `• ${title} in <#${retro.channelId}> — ${PHASE_LABELS[retro.phase]}${deadlineOf(retro)}`;
}

function deadlineOf(retro: HomeRetro): string {
  if (retro.phase === 'collecting' && retro.deadlineAt)
    return ` · feedback due ${slackDate(retro.deadlineAt)}`;
  if (retro.phase === 'voting' && retro.votingDeadlineAt)
    return ` · voting ends ${slackDate(retro.votingDeadlineAt)}`;
  return '';
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plainText(text, LIMITS.headerText) };
}

function retroSection(title: string, retros: readonly HomeRetro[], empty: string): KnownBlock[] {
  const body = retros.length ? chunkLines(retros.map(retroLine)).map(section) : [section(`_${empty}_`)];
  return [header(title), ...body];
}

/** Nudges go to owners of open items only: someone with none is told when one would come. */
function reminderLine(moment: string, openItems: number): string {
  const what =
    openItems > 0 ? 'Weekly reminder of your open items' : 'Weekly reminder, once you have open items';
  return `⏰ ${what}: ${moment} · \`/retro settings\``;
}

const HOW_TO_START = [
  '*How to start*',
  '1. In a channel, type `/retro start Q3 launch`: set the KPIs to review and a deadline.',
  '2. Everyone adds feedback (anonymous by default), then votes on what matters most.',
  '3. Dig into a problem with *Five Whys* and turn its root cause into an action item with an owner and a due date.',
  '4. Or note one any time: `/retro action Update the launch checklist @maria due friday`.',
].join('\n');

/**
 * The App Home tab: my open action items (overdue first, with their buttons), the retros I facilitate and
 * recent retros in my channels. A long list is cut to fit Slack's 100 blocks and says how many more.
 */
export function presentHomeTab(model: HomeTabModel): HomeView {
  const { open } = model;
  const nothing = open.total === 0 && model.facilitating.length === 0 && model.recent.length === 0;
  const intro: KnownBlock[] = [
    section(
      '*Rearview* runs Go-to-Market retros in your channels: anonymous feedback, a KPI review, private voting, Five Whys and action items that get followed up.',
    ),
    nothing
      ? section(HOW_TO_START)
      : context('`/retro start &lt;title&gt;` in a channel · `/retro help` for every command'),
    ...(model.nudgeMoment ? [context(reminderLine(model.nudgeMoment, open.total))] : []),
    { type: 'divider' },
  ];
  const retros = [
    ...retroSection('Retros you facilitate', model.facilitating, 'None open right now.'),
    ...retroSection(
      'Recent retros in your channels',
      model.recent,
      model.facilitating.length
        ? 'No other retros in your channels yet.'
        : 'No retros yet in the channels you take part in.',
    ),
    ...presentScheduledSection(model.scheduled ?? []),
    ...(model.history ? presentHistorySection(model.history.entries, model.history.zone) : []),
  ];
  const itemsHeader = header('Your open action items');
  if (open.items.length === 0) {
    return { type: 'home', blocks: [...intro, itemsHeader, section('_Nothing open. Nice._'), ...retros] };
  }

  const total = Math.max(open.total, open.items.length);
  const note = (more: number) => context(`…and ${more} more — \`/retro actions\``);
  const groups = sortForFollowUp(open.items, model.today).map((item) => actionWithButtons(item, model.today));
  const { blocks, kept } = fitGroups(groups, {
    maxBlocks: LIMITS.modalBlocks,
    fixed: [...intro, itemsHeader, note(total), ...retros],
  });
  const more = total - kept;
  return {
    type: 'home',
    blocks: [...intro, itemsHeader, ...blocks, ...(more > 0 ? [note(more)] : []), ...retros],
  };
}

import { sourceRefValue } from '../shared/source-ref.js';
import { plural } from '../shared/text.js';
import type { Button, KnownBlock, Overflow, PlainTextOption } from '../slack/block-kit.js';
import { buttonOption, context, LIMITS, plainText, section, titledSections } from '../slack/blocks.js';
import type { Message } from '../slack/messages.js';
import { fallbackText } from '../slack/messages.js';
import { dueDateToken, inlineText, slackDate } from '../slack/mrkdwn.js';
import { ACTIONS } from './card.ids.js';
import { kpiVariance } from './kpi.js';
import { isOpenPhase, type Phase } from './phases.js';
import { presentKpiLine } from './present-kpi-line.js';
import { PHASE_LABELS } from './present-phase.js';
import type { CardModel, Retro, RetroKpi } from './retro.js';
import { retroKindLabel, TEMPLATES } from './templates.js';

function previousActionsLine(previous: NonNullable<CardModel['previousActions']>): string | null {
  const total = previous.done + previous.open;
  if (total === 0) return null;
  const open = (previous.openItems ?? []).map(
    (item) => `\n• ${inlineText(item.text)} — <@${item.ownerId}>, due ${dueDateToken(item.dueDate)}`,
  );
  const counted = countedLine(previous, total);
  return open.length ? `${counted}${open.join('')}` : counted;
}

function countedLine(previous: { done: number; open: number }, total: number): string {
  if (previous.open === 0) {
    return total === 1 ? 'Last retro: its one action is done.' : `Last retro: all ${total} actions done.`;
  }
  if (total === 1) return 'Last retro: its one action is still open.';
  return `Last retro: ${previous.done} of ${total} actions done, ${previous.open} still open.`;
}

function phaseExplanation(retro: Retro): string {
  switch (retro.phase) {
    case 'collecting':
      return 'Feedback stays private until a facilitator reveals it.';
    case 'voting':
      return `Each person has ${plural(retro.voteBudget, 'vote')}; totals stay hidden until voting ends.`;
    case 'discussing':
      return 'Voting is over: the top items are in the thread. Talk them through, then close the retro to post the summary.';
    case 'closed':
      return 'Closed — the summary was posted in the channel.';
    case 'cancelled':
      return 'Cancelled.';
  }
}

function button(text: string, actionId: string, retroId: string, extra: Pick<Button, 'style'> = {}): Button {
  return {
    type: 'button',
    text: plainText(text, LIMITS.buttonText),
    action_id: actionId,
    value: retroId,
    ...extra,
  };
}

/** Five Whys on a KPI that missed its target. */
function missedKpiButton(kpi: RetroKpi, n: number): Button {
  return button(
    `Five Whys: ${kpi.metric}`,
    ACTIONS.fiveWhysOn(n),
    sourceRefValue({ type: 'kpi', id: kpi.id }),
  );
}

/** A facilitator's choice in the card's menu: it does what that button does (slack/router.ts). */
function menuOption(text: string, actionId: string, value: string): PlainTextOption {
  return { text: plainText(text, LIMITS.optionText), value: buttonOption(actionId, value) };
}

/**
 * What only facilitators can do, in one menu, out of everyone else's way. Close and Cancel ask first, in a
 * modal (a menu option cannot carry Slack's own confirmation).
 */
function facilitatorMenu(retro: Retro): Overflow {
  const id = retro.id;
  const kpis = menuOption('Update KPI actuals', ACTIONS.editKpis, id);
  const close = (text: string) => menuOption(text, ACTIONS.confirmPhase, `closed:${id}`);
  const cancel = menuOption('Cancel retro…', ACTIONS.confirmPhase, `cancelled:${id}`);
  const options: Record<'collecting' | 'voting' | 'discussing', PlainTextOption[]> = {
    collecting: [menuOption('Reveal & start voting', ACTIONS.startVoting, id), kpis, cancel],
    voting: [menuOption('End voting', ACTIONS.startDiscussion, id), kpis, close('Close retro…'), cancel],
    discussing: [close('Close & post summary…'), kpis, cancel],
  };
  return {
    type: 'overflow',
    action_id: ACTIONS.facilitatorMenu,
    options: options[retro.phase as keyof typeof options] ?? [],
  };
}

/**
 * The buttons everyone may press in each open phase, then the facilitators' menu; at most three
 * elements, so the row reads on a phone. Every value is the retro id (or a source reference).
 */
function cardButtons(retro: Retro): (Button | Overflow)[] {
  const id = retro.id;
  const source = sourceRefValue({ type: 'retro', id });
  const phase: Phase = retro.phase;
  switch (phase) {
    case 'collecting':
      return [
        button('Add feedback', ACTIONS.addFeedback, id, { style: 'primary' }),
        button('My feedback', ACTIONS.myFeedback, id),
        facilitatorMenu(retro),
      ];
    case 'voting':
      return [
        button('Vote', ACTIONS.vote, id, { style: 'primary' }),
        button('Five Whys', ACTIONS.fiveWhys, source),
        facilitatorMenu(retro),
      ];
    case 'discussing':
      return [
        button('Five Whys', ACTIONS.fiveWhys, source),
        button('Add action item', ACTIONS.addActionItem, source),
        facilitatorMenu(retro),
      ];
    case 'closed':
    case 'cancelled':
      return [];
  }
}

/** Creator first, then co-facilitators, each once. */
function facilitatorsOf(retro: Retro): string[] {
  return [...new Set([retro.createdBy, ...retro.facilitatorIds])];
}

/**
 * The card is one message: the KPIs' history goes beside them while the lines stay within this many
 * characters, so a long scorecard keeps the message under Slack's size.
 */
const KPI_HISTORY_BUDGET = 6_000;

function kpiLines(model: CardModel, kpis: RetroKpi[]): string[] {
  const history = model.kpiHistory;
  const current = { title: model.retro.title, at: model.retro.createdAt };
  const plain = kpis.map((kpi) => presentKpiLine(kpi));
  if (!history) return plain;
  const full = kpis.map((kpi) => presentKpiLine(kpi, history.get(kpi.id), current));
  return full.join('\n').length <= KPI_HISTORY_BUDGET ? full : plain;
}

/** Names shown in the reminder of KPIs without an actual; the rest are counted. */
const TO_FILL_NAMED = 5;

/** While the retro is open, which KPIs still have no actual, and where facilitators fill them in. */
function stillToFill(retro: Retro, kpis: RetroKpi[]): string | null {
  if (!isOpenPhase(retro.phase)) return null;
  const pending = kpis.filter((kpi) => kpi.actual === null);
  if (pending.length === 0) return null;
  const named = pending.slice(0, TO_FILL_NAMED).map((kpi) => inlineText(kpi.metric).replaceAll('*', ''));
  const more = pending.length - named.length;
  return `⏳ Still to fill in: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''} — facilitators: *Update KPI actuals* in the ⋯ menu`;
}

export function presentCard(model: CardModel, options: { withButtons?: boolean } = {}): Message {
  const { retro } = model;
  const phaseLabel = PHASE_LABELS[retro.phase];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plainText(retro.title.trim() || 'Retro', LIMITS.headerText) },
    context(`${retroKindLabel(retro.kind)} · ${TEMPLATES[retro.template].label} · *${phaseLabel}*`),
  ];

  const facts: string[] = [];
  if (retro.phase === 'collecting' && retro.deadlineAt) {
    facts.push(`⏰ Feedback closes ${slackDate(retro.deadlineAt)}`);
  }
  if (retro.phase === 'voting' && retro.votingDeadlineAt) {
    facts.push(`⏰ Voting ends ${slackDate(retro.votingDeadlineAt)}`);
  }
  let counts = `👥 ${plural(model.contributors, 'contributor')} · 📝 ${plural(model.items, 'item')}`;
  if (retro.phase === 'voting') counts += ` · 🗳 ${model.voters} voted`;
  facts.push(counts);
  const previous = model.previousActions ? previousActionsLine(model.previousActions) : null;
  if (previous) facts.push(previous);
  blocks.push(section(facts.join('\n')));

  if (model.kpis.length > 0) {
    const kpis = [...model.kpis].sort((a, b) => a.position - b.position);
    blocks.push(...titledSections('*KPIs*', kpiLines(model, kpis), '*KPIs* (continued)'));
    const toFill = stillToFill(retro, kpis);
    if (toFill) blocks.push(context(toFill));
    const missed = kpis.filter((kpi) => kpiVariance(kpi).status === 'missed');
    if (
      options.withButtons !== false &&
      (retro.phase === 'voting' || retro.phase === 'discussing') &&
      missed.length
    ) {
      blocks.push({ type: 'actions', elements: missed.slice(0, 25).map(missedKpiButton) });
    }
  }

  blocks.push(context(phaseExplanation(retro)));

  if (isOpenPhase(retro.phase)) {
    const buttons = options.withButtons === false ? [] : cardButtons(retro);
    if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
    const names = facilitatorsOf(retro).map((id) => `<@${id}>`);
    const menu = options.withButtons === false ? '' : ' · their controls are in the ⋯ menu';
    blocks.push(
      context(`${names.length === 1 ? 'Facilitator' : 'Facilitators'}: ${names.join(', ')}${menu}`),
    );
  }

  const text = fallbackText(`Retro: ${retro.title.trim() || 'Untitled'} — ${phaseLabel}`);
  return { text, blocks };
}

import type { types } from '@slack/bolt';
import { sourceRefValue } from '../shared/source-ref.js';
import { plural } from '../shared/text.js';
import type { Button, KnownBlock } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section, titledSections } from '../slack/blocks.js';
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

function button(
  text: string,
  actionId: string,
  retroId: string,
  extra: Pick<Button, 'style' | 'confirm'> = {},
): Button {
  return {
    type: 'button',
    text: plainText(text, LIMITS.buttonText),
    action_id: actionId,
    value: retroId,
    ...extra,
  };
}

function confirmDialog(title: string, text: string, confirm: string, deny: string): types.ConfirmationDialog {
  return {
    title: plainText(title, 100),
    text: plainText(text, 300),
    confirm: plainText(confirm, 30),
    deny: plainText(deny, 30),
  };
}

function cancelButton(retroId: string): Button {
  return button('Cancel retro', ACTIONS.cancel, retroId, {
    style: 'danger',
    confirm: {
      ...confirmDialog(
        'Cancel this retro?',
        'The retro ends without a summary and nobody can add feedback or votes. This cannot be undone.',
        'Cancel retro',
        'Keep it',
      ),
      style: 'danger',
    },
  });
}

function closeConfirm(): types.ConfirmationDialog {
  return confirmDialog(
    'Close this retro?',
    'The summary is posted in the channel for everyone, and the retro cannot be reopened.',
    'Close retro',
    'Not yet',
  );
}

/** Five Whys on a KPI that missed its target. */
function missedKpiButton(kpi: RetroKpi, n: number): Button {
  return button(
    `Five Whys: ${kpi.metric}`,
    ACTIONS.fiveWhysOn(n),
    sourceRefValue({ type: 'kpi', id: kpi.id }),
  );
}

/** The buttons of each open phase, in order. Every value is the retro id. */
function cardButtons(retro: Retro): Button[] {
  const id = retro.id;
  const kpis = button('Update KPI actuals', ACTIONS.editKpis, id);
  const source = sourceRefValue({ type: 'retro', id });
  const fiveWhys = button('Five Whys', ACTIONS.fiveWhys, source);
  const phase: Phase = retro.phase;
  switch (phase) {
    case 'collecting':
      return [
        button('Add feedback', ACTIONS.addFeedback, id, { style: 'primary' }),
        button('My feedback', ACTIONS.myFeedback, id),
        button('Reveal & start voting', ACTIONS.startVoting, id),
        kpis,
        cancelButton(id),
      ];
    case 'voting':
      return [
        button('Vote', ACTIONS.vote, id, { style: 'primary' }),
        button('End voting', ACTIONS.startDiscussion, id),
        fiveWhys,
        kpis,
        button('Close retro', ACTIONS.close, id, { confirm: closeConfirm() }),
        cancelButton(id),
      ];
    case 'discussing':
      return [
        button('Close & post summary', ACTIONS.close, id, { style: 'primary', confirm: closeConfirm() }),
        fiveWhys,
        button('Add action item', ACTIONS.addActionItem, source),
        kpis,
        cancelButton(id),
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
    blocks.push(...titledSections('*KPIs*', kpis.map(presentKpiLine), '*KPIs* (continued)'));
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
    blocks.push(context(`${names.length === 1 ? 'Facilitator' : 'Facilitators'}: ${names.join(', ')}`));
  }

  const text = fallbackText(`Retro: ${retro.title.trim() || 'Untitled'} — ${phaseLabel}`);
  return { text, blocks };
}

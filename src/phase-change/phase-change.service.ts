import type { webApi } from '@slack/bolt';
import type { AppContext, ClientFor } from '../context.js';
import { listItems } from '../feedback/feedback.service.js';
import { childLogger, safeError } from '../logger.js';
import { refreshCard } from '../retro/card.service.js';
import { checkTransition, type Phase } from '../retro/phases.js';
import type { Retro, RevealedItem } from '../retro/retro.js';
import { groupBySection } from '../retro/templates.js';
import { shuffle } from '../shared/shuffle.js';
import { postMessages } from '../slack/post-messages.js';
import { displayNames } from '../slack/users.js';
import { presentSummary } from '../summary/present-summary.js';
import { composeSummary } from '../summary/summary.js';
import { loadSummaryInput } from '../summary/summary.service.js';
import type { PhaseChange } from './phase-change.js';
import { listRetrosPastDeadline, transitionPhase } from './phase-change.repository.js';
import { presentReveal, presentTopItems } from './present-reveal.js';

/**
 * Moves a retro to `to` and does what that phase change means in the channel: reveal the
 * feedback, post the top items, or post the summary. Permission checks happen before this.
 */
export async function changePhase(
  ctx: AppContext,
  client: webApi.WebClient,
  retro: Retro,
  to: Phase,
): Promise<PhaseChange> {
  const allowed = checkTransition(retro.phase, to);
  if (!allowed.ok) return allowed;
  const moved = await transitionPhase(ctx.db, retro.id, retro.phase, to, ctx.clock.now());
  if (!moved) return { ok: false, reason: 'moved_on' };
  const log = childLogger(ctx.logger, 'retro');
  log.info({ retro: moved.id, from: retro.phase, to }, 'retro phase changed');
  try {
    if (to === 'voting') await postReveal(ctx, client, moved);
    if (to === 'discussing') await postTopItems(ctx, client, moved);
    if (to === 'closed') await postSummary(ctx, client, moved);
  } finally {
    // The card shows the new phase even when Slack refused a post (the error is reported as usual).
    await refreshCard(ctx.db, client, moved, log);
  }
  return { ok: true, retro: moved };
}

async function postReveal(ctx: AppContext, client: webApi.WebClient, retro: Retro): Promise<void> {
  const items = await listItems(ctx.db, retro.id);
  const names = await displayNames(
    client,
    items.flatMap((i) => (i.authorId ? [i.authorId] : [])),
  );
  const revealed: RevealedItem[] = groupBySection(retro.template, items)
    .filter((group) => group.emoji !== null)
    .flatMap((group) =>
      shuffle(group.items).map((i) => ({
        id: i.id,
        section: i.section,
        body: i.body,
        authorName: i.authorId ? (names.get(i.authorId) ?? null) : null,
      })),
    );
  const messages = presentReveal({ retroTitle: retro.title, template: retro.template, items: revealed });
  await postMessages(client, retro.channelId, messages, retro.cardTs);
}

async function postTopItems(ctx: AppContext, client: webApi.WebClient, retro: Retro): Promise<void> {
  const summary = composeSummary(await loadSummaryInput(ctx.db, retro, ctx.clock.now()));
  const messages = presentTopItems({ retroTitle: retro.title, sections: summary.sections });
  await postMessages(client, retro.channelId, messages, retro.cardTs);
}

async function postSummary(ctx: AppContext, client: webApi.WebClient, retro: Retro): Promise<void> {
  const summary = composeSummary(await loadSummaryInput(ctx.db, retro, retro.closedAt ?? ctx.clock.now()));
  // In the channel itself, not the thread: everyone sees the outcome.
  await postMessages(client, retro.channelId, presentSummary(summary));
}

/** Collecting retros whose deadline passed move to voting on their own (a scheduled job). */
export async function advanceRetrosPastDeadline(ctx: AppContext, clientFor: ClientFor): Promise<number> {
  const due = await listRetrosPastDeadline(ctx.db, ctx.clock.now());
  let moved = 0;
  for (const retro of due) {
    try {
      if ((await changePhase(ctx, clientFor(retro.teamId), retro, 'voting')).ok) moved += 1;
    } catch (error) {
      // One retro's failure (e.g. Slack refusing the reveal) must not hold up the others.
      childLogger(ctx.logger, 'scheduler').error(
        { err: safeError(error), retro: retro.id },
        'deadline move failed',
      );
    }
  }
  return moved;
}

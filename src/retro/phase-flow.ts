import type { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { listItems } from '../feedback/feedback.repository.js';
import { childLogger, safeError } from '../logger.js';
import { shuffle } from '../shared/shuffle.js';
import type { KnownBlock } from '../slack/block-kit.js';
import { displayNames } from '../slack/users.js';
import { presentSummary } from '../summary/present-summary.js';
import { composeSummary } from '../summary/summary.js';
import { loadSummaryInput } from '../summary/summary.service.js';
import { refreshCard } from './card.js';
import { checkTransition, type Phase } from './phases.js';
import { presentReveal, presentTopItems } from './present-reveal.js';
import type { Retro, RevealedItem } from './retro.js';
import { listRetrosPastDeadline, transitionPhase } from './retro.repository.js';
import { sectionsOf } from './templates.js';

export type PhaseChange = { ok: true; retro: Retro } | { ok: false; reason: string };

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
  // Someone else (or the deadline) moved it first: report the phase it is in now.
  if (!moved) return { ok: false, reason: 'This retro has just moved on; the card shows where it is now.' };
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

/** Posts in order, one after the other: Slack allows about one message per second per channel. */
async function postMessages(
  client: webApi.WebClient,
  channel: string,
  messages: { text: string; blocks: KnownBlock[] }[],
  threadTs?: string | null,
): Promise<void> {
  for (const message of messages) {
    await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message });
  }
}

async function postReveal(ctx: AppContext, client: webApi.WebClient, retro: Retro): Promise<void> {
  const items = await listItems(ctx.db, retro.id);
  const names = await displayNames(
    client,
    items.flatMap((i) => (i.authorId ? [i.authorId] : [])),
  );
  const revealed: RevealedItem[] = sectionsOf(retro.template).flatMap((section) =>
    shuffle(items.filter((i) => i.section === section.id)).map((i) => ({
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

/** Collecting retros whose deadline passed move to voting on their own (the scheduler calls this). */
export async function advanceRetrosPastDeadline(ctx: AppContext, client: webApi.WebClient): Promise<number> {
  const due = await listRetrosPastDeadline(ctx.db, ctx.clock.now());
  let moved = 0;
  for (const retro of due) {
    try {
      if ((await changePhase(ctx, client, retro, 'voting')).ok) moved += 1;
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

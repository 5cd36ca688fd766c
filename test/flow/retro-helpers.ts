import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import type { RecordedCall } from '../harness/fake-slack.js';
import { waitFor } from '../harness/poll.js';
import type { SlackReply } from '../harness/signed-sender.js';
import type { FillValue, OpenedView, SlackUser } from '../harness/slack-user.js';
import type { TestApp } from '../harness/test-app.js';

export interface StartedRetro {
  id: string;
  cardTs: string;
}

/** Runs `/retro start`, fills in the setup modal and returns the stored retro and its card. */
export async function startRetro(
  t: TestApp,
  facilitator: SlackUser,
  title: string,
  fields: Record<string, FillValue> = {},
): Promise<StartedRetro> {
  const before = t.slack.calls.length;
  const reply = await facilitator.command(`start ${title}`);
  expect(reply.status).toBe(200);
  const view = await facilitator.waitForView(before);
  const submitted = await facilitator.submit(view, fields);
  expect(submitted.json?.response_action, JSON.stringify(submitted.json)).toBeUndefined();
  const card = await t.slack.waitForCall(
    'chat.postMessage',
    // The post Slack accepted (a rate-limited attempt has no result).
    (c) => c.body.channel === facilitator.channelId && !c.body.thread_ts && c.result?.ok === true,
    before,
  );
  const cardTs = card.result?.ts as string;
  // The card's ts is stored right after Slack answers the post.
  const row = await waitFor(
    () =>
      t.database.db
        .selectFrom('retros')
        .selectAll()
        .where('channel_id', '=', facilitator.channelId)
        .where('card_ts', '=', cardTs)
        .executeTakeFirst(),
    'the retro card to be stored',
  );
  return { id: row.id, cardTs };
}

/** Presses a card button and returns the modal it opened. */
export async function openFromCard(
  t: TestApp,
  user: SlackUser,
  actionId: string,
  retro: StartedRetro,
): Promise<OpenedView> {
  const before = t.slack.calls.length;
  const reply = await user.press(actionId, retro.id, { messageTs: retro.cardTs });
  expect(reply.status).toBe(200);
  return user.waitForView(before);
}

/** Adds feedback through the modal; `sections` maps section id → lines. */
export async function addFeedback(
  t: TestApp,
  user: SlackUser,
  retro: StartedRetro,
  sections: Record<string, string>,
  anonymous: boolean,
) {
  const view = await openFromCard(t, user, ACTIONS.addFeedback, retro);
  const values: Record<string, FillValue> = { anonymous };
  for (const [section, text] of Object.entries(sections)) values[`section_${section}`] = text;
  return user.submit(view, values);
}

/** A stored feedback submission turns the modal into its receipt. */
export function expectFeedbackSaved(reply: SlackReply): void {
  expect(reply.status).toBe(200);
  expect(reply.json?.response_action, JSON.stringify(reply.json)).toBe('update');
  expect(reply.json?.view?.title?.text).toBe('Feedback saved');
}

/** The ephemeral notes the app sent to a user after call index `after`. */
export function ephemeralsTo(t: TestApp, userId: string, after = 0): string[] {
  return t.slack.calls
    .slice(after)
    .filter(
      (c) =>
        (c.method === 'chat.postEphemeral' && c.body.user === userId) ||
        (c.method === 'chat.postMessage' && c.body.channel === userId),
    )
    .map((c) => String(c.body.text));
}

/** Every text a message carries: its fallback and all text in its blocks. */
export function messageText(body: Record<string, any>): string {
  const parts: string[] = [String(body.text ?? '')];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  walk(body.blocks);
  return parts.join('\n');
}

/** Stores action items directly, for tests about listing and following them up. */
export async function insertActionItems(
  t: TestApp,
  items: {
    id?: string;
    teamId?: string;
    title: string;
    ownerId: string;
    dueDate: string;
    status?: 'open' | 'done' | 'cancelled';
    retroId?: string | null;
  }[],
): Promise<void> {
  await t.database.db
    .insertInto('action_items')
    .values(
      items.map((item) => ({
        id: item.id ?? randomUUID(),
        team_id: item.teamId ?? t.slack.teamId,
        retro_id: item.retroId ?? null,
        channel_id: 'C0RETRO',
        title: item.title,
        owner_id: item.ownerId,
        due_date: item.dueDate,
        status: item.status ?? 'open',
        source_type: 'manual' as const,
        source_id: null,
        created_by: 'UFAC',
        snoozed_until: null,
        done_at: null,
      })),
    )
    .execute();
}

/** People the fake Slack knows (names, time zone), so users.info answers for them. */
export function addPeople(t: TestApp, ids: readonly string[], tz?: string): void {
  for (const id of ids) t.slack.users.set(id, { id, name: id.toLowerCase(), ...(tz ? { tz } : {}) });
}

export async function phaseOf(t: TestApp, retroId: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('retros')
    .select('phase')
    .where('id', '=', retroId)
    .executeTakeFirstOrThrow();
  return row.phase;
}

/**
 * A button pressed in a posted message (a DM about an action item, a weekly nudge), as Slack sends it:
 * the message's channel, ts and blocks, and the block of the item's buttons.
 */
export function pressInMessage(
  t: TestApp,
  message: RecordedCall,
  userId: string,
  actionId: string,
  itemId: string,
): Promise<SlackReply> {
  const channel = String(message.body.channel);
  const ts = String(message.result?.ts);
  return t.sender.interaction({
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: t.slack.teamId },
    api_app_id: 'A0REARVIEW',
    token: 'verification-token-unused',
    trigger_id: `trigger.${randomUUID()}`,
    team: { id: t.slack.teamId, domain: 'fake-team' },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'directmessage' },
    message: { type: 'message', ts, text: message.body.text, blocks: message.body.blocks },
    state: { values: {} },
    response_url: t.slack.responseUrl(),
    actions: [
      {
        action_id: actionId,
        block_id: `action_item_${itemId}`,
        type: 'button',
        text: { type: 'plain_text', text: 'Button' },
        value: itemId,
        action_ts: `${t.clock.now().getTime() / 1000}`,
      },
    ],
  });
}

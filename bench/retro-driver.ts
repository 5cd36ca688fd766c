import { randomUUID } from 'node:crypto';
import { ACTIONS } from '../src/retro/card.ids.js';
import type { SignedSender, SlackReply } from '../test/harness/signed-sender.js';
import { type FillValue, type OpenedView, stateOf } from '../test/harness/slack-user.js';
import type { TestApp } from '../test/harness/test-app.js';

/** A retro as Slack sees it: its card, and the channel it lives in. */
export interface BenchRetro {
  id: string;
  cardTs: string;
  channelId: string;
}

export const FACILITATOR = 'UFAC';

/** Slack's cap on a multiline input, which the feedback modal uses. */
const MAX_FIELD_CHARS = 3000;
/** The app takes at most this many items per section in one submission. */
const MAX_LINES_PER_FIELD = 50;

/** The app accepted the request: HTTP 200 and no inline errors, notice or refusal in their place. */
export function accepted(reply: SlackReply): boolean {
  if (reply.status !== 200) return false;
  const { response_action: action, view } = (reply.json ?? {}) as {
    response_action?: string;
    view?: { title?: { text?: string } };
  };
  // Stored feedback and ballots turn the modal into their receipt; any other answer is a refusal.
  const receipt = view?.title?.text === 'Feedback saved' || view?.title?.text === 'Votes saved';
  return action === undefined || (action === 'update' && receipt);
}

/** `/retro start` with the setup modal's defaults; the retro id is read off the card's buttons. */
export async function startRetro(t: TestApp, channelId: string, title: string): Promise<BenchRetro> {
  const facilitator = t.user(FACILITATOR, channelId);
  const before = t.slack.calls.length;
  await facilitator.command(`start ${title}`);
  const reply = await facilitator.submit(await facilitator.waitForView(before), {});
  if (!accepted(reply)) throw new Error(`The setup modal was refused: ${reply.text}`);
  const card = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === channelId && !c.body.thread_ts && c.result?.ok === true,
    before,
  );
  const id = buttonValue(card.body.blocks, ACTIONS.addFeedback);
  if (!id) throw new Error('The retro card has no Add feedback button');
  return { id, cardTs: String(card.result?.ts), channelId };
}

/** Presses a card button as `userId` and returns the modal it opened, as Slack would hold it. */
export async function openFromCard(
  t: TestApp,
  retro: BenchRetro,
  actionId: string,
  userId: string,
): Promise<OpenedView> {
  const user = t.user(userId, retro.channelId);
  const before = t.slack.calls.length;
  await user.press(actionId, retro.id, { messageTs: retro.cardTs });
  return user.waitForView(before);
}

/** Presses a card button through `sender` (Rearview's or the bare app's). */
export function pressOnCard(
  sender: SignedSender,
  retro: BenchRetro,
  actionId: string,
  userId: string,
): Promise<SlackReply> {
  return sender.blockAction(
    { userId, channelId: retro.channelId },
    { actionId, value: retro.id },
    { messageTs: retro.cardTs },
  );
}

/**
 * Submits a captured modal through `sender` as `userId`, filled in the way Slack would send it. Each
 * submission gets a view id of its own, as each opening of a modal does in Slack: the app stores a
 * view's submission once, so reusing one id would measure duplicates, not submissions.
 */
export function submitView(
  sender: SignedSender,
  view: OpenedView,
  userId: string,
  values: Record<string, FillValue>,
): Promise<SlackReply> {
  const id = `${view.id}-${randomUUID().slice(0, 8)}`;
  return sender.viewSubmission({ userId }, { ...view, id, state: { values: stateOf(view, values) } });
}

/** The block ids of the feedback modal's section inputs, in template order. */
export function sectionInputs(view: OpenedView): string[] {
  return view.blocks
    .filter((b) => b.type === 'input' && b.element?.type === 'plain_text_input' && b.element.multiline)
    .map((b) => String(b.block_id));
}

/**
 * Fills the feedback modal with `lines`, spread over its sections, in as few submissions as Slack and the
 * app accept; returns each submission's values.
 */
export function feedbackForms(view: OpenedView, lines: string[]): Record<string, string>[] {
  const inputs = sectionInputs(view);
  const forms: Record<string, string>[] = [];
  let form: Record<string, string> = {};
  let input = 0;
  for (const line of lines) {
    const key = inputs[input] ?? '';
    const current = form[key];
    const fits =
      current === undefined ||
      (current.split('\n- ').length < MAX_LINES_PER_FIELD &&
        current.length + 3 + line.length <= MAX_FIELD_CHARS);
    if (fits) {
      // Each item starts with a list marker: a plain line break would continue the item above.
      form[key] = current === undefined ? `- ${line}` : `${current}\n- ${line}`;
      continue;
    }
    input++;
    if (input === inputs.length) {
      forms.push(form);
      form = {};
      input = 0;
    }
    form[inputs[input] ?? ''] = line;
  }
  if (Object.keys(form).length > 0) forms.push(form);
  return forms;
}

/** Adds `lines` as feedback through the real modal, one submission after another, by `authors` in turn. */
export async function seedFeedback(
  t: TestApp,
  retro: BenchRetro,
  lines: string[],
  authors: string[],
): Promise<void> {
  const view = await openFromCard(t, retro, ACTIONS.addFeedback, FACILITATOR);
  const forms = feedbackForms(view, lines);
  for (const [n, form] of forms.entries()) {
    const author = authors[n % authors.length] ?? FACILITATOR;
    const reply = await submitView(t.sender, view, author, { ...form, anonymous: n % 2 === 1 });
    if (!accepted(reply)) throw new Error(`Seeding feedback was refused: ${reply.text}`);
  }
}

/** Realistic item text of about `length` characters, starting with a tag unique to the item. */
export function itemText(tag: string, length = 50): string {
  const words = ['launch', 'webinar', 'pipeline', 'MQL', 'landing page', 'follow-up', 'budget', 'creative'];
  let text = tag;
  for (let w = tag.length; text.length < length; w++) text += ` ${words[w % words.length]}`;
  return text.slice(0, length).trimEnd();
}

function buttonValue(blocks: unknown, actionId: string): string | undefined {
  if (Array.isArray(blocks)) {
    for (const block of blocks) {
      const found = buttonValue(block, actionId);
      if (found) return found;
    }
  } else if (blocks && typeof blocks === 'object') {
    const node = blocks as Record<string, unknown>;
    if (node.action_id === actionId && typeof node.value === 'string') return node.value;
    for (const value of Object.values(node)) {
      const found = buttonValue(value, actionId);
      if (found) return found;
    }
  }
  return undefined;
}

import { ACTIONS } from '../retro/card.ids.js';
import type { Retro } from '../retro/retro.js';
import { plural } from '../shared/text.js';
import type { Button } from '../slack/block-kit.js';
import { section } from '../slack/blocks.js';
import type { Message } from '../slack/messages.js';
import { fallbackText } from '../slack/messages.js';
import { bold, inlineText, slackDate } from '../slack/mrkdwn.js';

/** How the retro moved: a facilitator pressed the button, or its deadline passed. */
export type Trigger = 'pressed' | 'deadline';

function votingUntil(retro: Retro): string {
  return retro.votingDeadlineAt
    ? `until ${slackDate(retro.votingDeadlineAt)}`
    : 'until a facilitator ends voting';
}

function message(text: string, fallback: string, button?: Button): Message {
  const blocks: Message['blocks'] = [section(text)];
  if (button) blocks.push({ type: 'actions', elements: [button] });
  return { text: fallbackText(fallback), blocks };
}

function voteButton(retro: Retro): Button {
  return {
    type: 'button',
    action_id: ACTIONS.vote,
    value: retro.id,
    style: 'primary',
    text: { type: 'plain_text', text: 'Vote' },
  };
}

/** In the channel when the feedback is revealed: everyone learns that voting is open, and until when. */
export function presentVotingOpen(retro: Retro): Message {
  const votes = plural(retro.voteBudget, 'vote');
  return message(
    `🗳 *Voting is open* in ${bold(retro.title)}: the feedback is in the retro's thread. ${votes} each, ${votingUntil(retro)}. Press *Vote* on the retro's card; totals stay hidden until voting ends.`,
    `Voting is open in ${inlineText(retro.title)}: ${votes} each.`,
  );
}

/** In the channel when voting ends: the top items are in the thread, and what comes next. */
export function presentVotingEnded(retro: Retro, trigger: Trigger): Message {
  const how = trigger === 'deadline' ? ' at its deadline' : '';
  return message(
    `✅ *Voting has ended*${how} in ${bold(retro.title)}: the top items are in the retro's thread. Next, talk them through; a facilitator then closes the retro and the summary is posted here.`,
    `Voting has ended in ${inlineText(retro.title)}: the top items are in the thread.`,
  );
}

/** To each facilitator when the retro moved on by itself: they did not press anything, so they are told. */
export function presentMovedByDeadline(retro: Retro, to: 'voting' | 'discussing'): Message {
  const where = `${bold(retro.title)} in <#${retro.channelId}>`;
  if (to === 'voting') {
    const end = retro.votingDeadlineAt
      ? `Voting ends by itself ${slackDate(retro.votingDeadlineAt)}; you can end it sooner from the retro's card.`
      : 'Voting lasts until you end it from the retro’s card.';
    return message(
      `The feedback deadline of ${where} has passed: the feedback is revealed and voting is open (the channel was told). ${end}`,
      `${inlineText(retro.title)}: the feedback is revealed and voting is open.`,
    );
  }
  return message(
    `Voting in ${where} has ended at its deadline: the top items are in the retro's thread (the channel was told). When the discussion is done, close the retro from its card to post the summary.`,
    `${inlineText(retro.title)}: voting has ended; the top items are in the thread.`,
  );
}

/** The one private reminder to a channel member who has not voted; nobody else learns who has not. */
export function presentVotingReminder(retro: Retro): Message {
  const until = retro.votingDeadlineAt ? ` until ${slackDate(retro.votingDeadlineAt)}` : '';
  return message(
    `Voting is open in ${bold(retro.title)} in <#${retro.channelId}>${until}, and you have not voted yet: you have ${plural(retro.voteBudget, 'vote')} for the items the team should talk about first.`,
    `You have not voted in ${inlineText(retro.title)} yet.`,
    voteButton(retro),
  );
}

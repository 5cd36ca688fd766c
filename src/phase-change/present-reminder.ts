import { ACTIONS } from '../retro/card.ids.js';
import type { Retro } from '../retro/retro.js';
import { section } from '../slack/blocks.js';
import type { Message } from '../slack/messages.js';
import { fallbackText } from '../slack/messages.js';
import { bold, inlineText, slackDate } from '../slack/mrkdwn.js';

/** The one DM to a channel member who has not contributed before the deadline. */
export function presentReminder(retro: Retro): Message {
  const deadline = retro.deadlineAt ? ` by ${slackDate(retro.deadlineAt)}` : '';
  const text = `The retro ${bold(retro.title)} in <#${retro.channelId}> is collecting feedback${deadline}. It takes a minute, and you can stay anonymous.`;
  return {
    text: fallbackText(
      `Add your feedback to ${inlineText(retro.title)}${deadline ? ' before the deadline' : ''}.`,
    ),
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.addFeedback,
            value: retro.id,
            style: 'primary',
            text: { type: 'plain_text', text: 'Add feedback' },
          },
        ],
      },
    ],
  };
}

/** The one DM to each facilitator of a retro that has sat in discussion for a week. */
export function presentCloseReminder(retro: Retro): Message {
  const text = `The retro ${bold(retro.title)} in <#${retro.channelId}> has been in discussion for a week. When the team is done, close it from its card (or \`/retro close\` in the channel) so the summary is posted and its action items are followed up.`;
  return {
    text: fallbackText(
      `${inlineText(retro.title)} has been in discussion for a week: close it when you are done.`,
    ),
    blocks: [section(text)],
  };
}

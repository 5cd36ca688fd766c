import type { KnownBlock } from '../slack/block-kit.js';
import { COMMAND } from '../slack/ids.js';
import { inlineText, truncate } from '../slack/mrkdwn.js';

export const SUBCOMMANDS: readonly { usage: string; description: string }[] = [
  {
    usage: 'start [title]',
    description: 'Start a retro in this channel: title, KPIs to review, template, deadline.',
  },
  {
    usage: 'schedule',
    description:
      'Run this channel’s retro on a cadence (weekly, every two weeks, monthly, quarterly), or see, pause, change or delete it.',
  },
  {
    usage: 'status',
    description: 'Show the phase, deadline and participation of the retro in this channel.',
  },
  { usage: 'close', description: 'Close the retro and post the summary (facilitators only).' },
  {
    usage: 'action &lt;text&gt; [@owner] [due …]',
    description:
      'Note an action item, in any channel: due YYYY-MM-DD, today, tomorrow, next friday, in 3 days or in 2 weeks.',
  },
  {
    usage: 'actions [@user | all]',
    description:
      "List open action items: yours, the person's you mention, or all from this channel's retros.",
  },
  { usage: 'export', description: 'Get the summary of the latest retro in this channel as a Markdown file.' },
  {
    usage: 'history',
    description: "List this channel's retros: the days they ran, KPIs met, actions done and a link to each.",
  },
  { usage: 'settings', description: 'Nudge day and time, digest channel, and opting out of nudges.' },
  { usage: 'help', description: 'Show this message.' },
];

export interface Usage {
  text: string;
  blocks: KnownBlock[];
}

/** The reply to `/retro`, `/retro help` and any subcommand we do not know. */
export function presentUsage(unknownSubcommand?: string): Usage {
  const intro = unknownSubcommand
    ? `:thinking_face: Unknown subcommand \`${shownCode(unknownSubcommand)}\`. Here is what \`${COMMAND}\` can do:`
    : `*Rearview* runs Go-to-Market retrospectives right here in Slack: anonymous feedback, a KPI review, private voting and a summary everyone can see.`;
  const lines = SUBCOMMANDS.map((s) => `• \`${COMMAND} ${s.usage}\` — ${s.description}`).join('\n');
  const text = `${intro}\n${lines}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: lines } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Tip: start with \`${COMMAND} start Q3 launch\` in the channel where the team talks.`,
          },
        ],
      },
    ],
  };
}

/** What a person typed, inside inline code: escaped, and with no backtick that could end the code early. */
function shownCode(typed: string): string {
  return truncate(inlineText(typed).replaceAll('`', "'"), 50);
}

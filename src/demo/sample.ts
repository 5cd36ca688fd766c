import type { DemoDriver, DemoResult } from './driver.js';
import { formValues } from './form-state.js';
import { listOf } from './json.js';
import { DEMO_CHANNEL, DEMO_FACILITATOR } from './people.js';
import type { StoredView, Workspace } from './slack/workspace.js';

/** The app's ids the guided start fills in (the same a person's clicks send). */
const SETUP_VIEW = 'retro_setup';
const FEEDBACK_VIEW = 'retro_feedback';
const ADD_FEEDBACK = 'retro_add_feedback';

const TITLE = 'Q4 launch: Atlas';
const KPIS = ['Pipeline | $1.2M | $0.9M', 'Win rate | 22% | 19%', 'CAC | $180 | $212 | | lower'];

/** What three teammates say about the launch, by the Start / Stop / Continue sections. */
const FEEDBACK: { person: string; sections: Record<string, string> }[] = [
  {
    person: 'U0MARCUS',
    sections: {
      start: 'Hand MQLs to sales within 24 hours of the webinar',
      stop: 'Launching paid campaigns before the landing page is final',
      continue: 'The weekly pipeline review with sales',
    },
  },
  {
    person: 'U0PRIYA',
    sections: {
      start: 'A launch brief signed off two weeks before launch day',
      stop: 'Rewriting the positioning in the last week',
      continue: 'Customer stories in the launch blog post',
    },
  },
  {
    person: 'U0WEILING',
    sections: {
      start: 'Update lead routing in the CRM before launch day\nA pricing FAQ for the APAC sales team',
      continue: 'The battlecard walkthrough with account executives',
    },
  },
];

const WAIT_MS = 15_000;

/**
 * "Start a sample retro": as the PMM, `/retro start`, the setup modal filled in and submitted; then three
 * teammates add feedback through the card's button, each through their own modal. Every step takes the
 * path a person's clicks take, so the demo's first screen is a retro the app really ran.
 */
export async function startSampleRetro(ws: Workspace, driver: DemoDriver): Promise<DemoResult> {
  const lena = DEMO_FACILITATOR.id;
  const started = await driver.command(lena, `/retro start ${TITLE}`, DEMO_CHANNEL.id);
  if (!started.ok) return started;
  const setup = await waitFor(() => viewWith(ws, lena, SETUP_VIEW));
  if (!setup) return { ok: false, error: 'The setup modal did not open.' };
  const submitted = await driver.submit(
    lena,
    setup.id,
    formValues(
      { blocks: setup.view.blocks },
      {
        title: TITLE,
        kind: 'launch',
        template: 'start_stop_continue',
        kpis: KPIS.join('\n'),
        facilitators: [lena],
      },
    ),
  );
  if (!submitted.ok) return submitted;
  const card = await waitFor(() => cardOf(ws));
  if (!card) return { ok: false, error: 'The retro card was not posted.' };
  for (const { person, sections } of FEEDBACK) {
    const pressed = await driver.action(
      person,
      { kind: 'message', channel: DEMO_CHANNEL.id, ts: card.ts },
      { type: 'button', action_id: ADD_FEEDBACK, block_id: card.blockId },
    );
    if (!pressed.ok) return pressed;
    const modal = await waitFor(() => viewWith(ws, person, FEEDBACK_VIEW));
    if (!modal) return { ok: false, error: 'The feedback modal did not open.' };
    const fill = Object.fromEntries(Object.entries(sections).map(([id, text]) => [`section_${id}`, text]));
    const saved = await driver.submit(person, modal.id, formValues({ blocks: modal.view.blocks }, fill));
    if (!saved.ok) return saved;
    // The receipt ("Feedback saved") stays open until its reader closes it; a sample leaves no modal open.
    const receipt = ws.topView(person);
    if (receipt) await driver.close(person, receipt.id);
  }
  return { ok: true };
}

function viewWith(ws: Workspace, userId: string, callbackId: string): StoredView | undefined {
  const top = ws.topView(userId);
  return top?.view.callback_id === callbackId ? top : undefined;
}

/** The newest card in the channel: its ts and the block holding its Add feedback button. */
function cardOf(ws: Workspace): { ts: string; blockId: string } | undefined {
  for (const message of [...ws.messages].reverse()) {
    if (message.channel !== DEMO_CHANNEL.id || message.threadTs) continue;
    for (const block of listOf(message.blocks)) {
      if (listOf(block.elements).some((e) => e.action_id === ADD_FEEDBACK)) {
        return { ts: message.ts, blockId: String(block.block_id) };
      }
    }
  }
  return undefined;
}

async function waitFor<T>(find: () => T | undefined): Promise<T | undefined> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import { ACTIONS } from '../src/retro/card.ids.js';
import type { TestApp } from '../test/harness/test-app.js';
import { untilQuiet } from './quiet.js';
import { accepted, FACILITATOR, itemText, openFromCard, startRetro, submitView } from './retro-driver.js';

export interface BurstUpdates {
  /** `chat.update`s of the card caused by each burst. */
  updates: number[];
  /** Whether the burst's last update showed every contributor so far. */
  lastRight: boolean[];
}

/** Slack's updates are coalesced over about 2 s; a card quiet for longer than this is done. */
const QUIET_MS = 3_000;

/**
 * `bursts` bursts of `size` people submitting at once to one retro; counts the card's `chat.update`s
 * from the first submission until the card has been quiet for a while.
 */
export async function cardUpdatesPerBurst(t: TestApp, bursts: number, size: number): Promise<BurstUpdates> {
  const retro = await startRetro(t, 'C0CARDBURST', 'Bench card');
  const view = await openFromCard(t, retro, ACTIONS.addFeedback, FACILITATOR);
  const result: BurstUpdates = { updates: [], lastRight: [] };
  for (let b = 0; b < bursts; b++) {
    const before = t.slack.calls.length;
    const replies = await Promise.all(
      Array.from({ length: size }, (_, i) =>
        submitView(t.sender, view, `UBURST${b * size + i}`, {
          anonymous: i % 2 === 0,
          ...firstSection(view, i),
        }),
      ),
    );
    if (!replies.every(accepted)) throw new Error('A submission of the burst was refused');
    const cardUpdates = () =>
      t.slack.calls.slice(before).filter((c) => c.method === 'chat.update' && c.body.ts === retro.cardTs);
    // Only once the card has been quiet for longer than a coalescing interval is the count final.
    const updates = await untilQuiet(() => cardUpdates().length, QUIET_MS, 'the card to settle', 60_000);
    const last = cardUpdates().at(-1);
    const contributors = (b + 1) * size;
    result.updates.push(updates);
    result.lastRight.push(
      new RegExp(`\\b${contributors} contributors\\b`).test(JSON.stringify(last?.body ?? {})),
    );
  }
  return result;
}

function firstSection(view: Parameters<typeof submitView>[1], i: number): Record<string, string> {
  const input = view.blocks.find((b) => b.type === 'input' && b.element?.type === 'plain_text_input');
  return { [String(input?.block_id)]: itemText(`burst${i}`) };
}

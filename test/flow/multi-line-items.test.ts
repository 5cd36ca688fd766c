import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { waitFor } from '../harness/poll.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { expectFeedbackSaved, messageText, openFromCard, startRetro } from './retro-helpers.js';

const WRAPPED_WEAKNESS = [
  'Legal review held the launch page for two weeks',
  'so the page went live after the webinar',
  '(legal review alone took 9 days)',
].join('\n');
const AS_ONE_ITEM =
  'Legal review held the launch page for two weeks so the page went live after the webinar (legal review alone took 9 days)';
const LIST = '- Briefs reached the agency late\n- Two launch dates in the plan\n\nNo owner for the FAQ';

describe('a thought over several lines stays one item, and a list stays a list', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t?.close());

  it('stores and reveals a three-line weakness as one item beside a dash list', async () => {
    const retro = await startRetro(t, t.user('UFAC'), 'Q3 launch', { [SETUP_IDS.blocks.template]: 'swot' });
    const view = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    const hint = view.blocks.find((b) => b.block_id === 'section_weaknesses')?.hint?.text;
    expect(hint).toContain('blank line');
    expect(hint).toContain('continues the item above');

    const reply = await t.user('U1').submit(view, {
      section_weaknesses: `${WRAPPED_WEAKNESS}\n\n${LIST}`,
      anonymous: true,
    });
    expectFeedbackSaved(reply);
    expect(JSON.stringify(reply.json?.view)).toContain('4 items');

    const bodies = (
      await t.database.db
        .selectFrom('feedback_items')
        .select('body')
        .where('retro_id', '=', retro.id)
        .execute()
    ).map((r) => r.body);
    expect(bodies.sort()).toEqual(
      [
        AS_ONE_ITEM,
        'Briefs reached the agency late',
        'Two launch dates in the plan',
        'No owner for the FAQ',
      ].sort(),
    );

    const before = t.slack.calls.length;
    await t.user('UFAC').press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    const revealed = await waitFor(() => {
      const posted = t.slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === retro.cardTs)
        .map((c) => messageText(c.body))
        .join('\n');
      return posted.includes(AS_ONE_ITEM) && posted.includes('No owner for the FAQ') && posted;
    }, 'the reveal of every item');
    // Each item is one bullet on one line: the wrapped weakness's last line is not a bullet of its own.
    const bullets = revealed.split('\n').filter((l) => l.startsWith('• '));
    expect(bullets.some((l) => l.startsWith(`• ${AS_ONE_ITEM}`))).toBe(true);
    expect(bullets.some((l) => l.startsWith('• (legal review'))).toBe(false);
    expect(bullets.some((l) => l.startsWith('• Two launch dates in the plan'))).toBe(true);
  });

  it('names the item that is too long in the words its author wrote', async () => {
    const retro = await startRetro(t, t.user('UFAC'), 'Q4 launch');
    const view = await openFromCard(t, t.user('U1'), ACTIONS.addFeedback, retro);
    const long = Array.from({ length: 12 }, () => 'the agency briefs kept slipping past the date').join('\n');
    const reply = await t.user('U1').submit(view, { section_stop: `- Late handoffs\n- ${long}` });
    expect(reply.json?.response_action).toBe('errors');
    const error = String(reply.json?.errors?.section_stop);
    expect(error).toContain('Item 2');
    expect(error).toContain('“the agency briefs kept slipping…”');
    expect(error).toContain(`${[...long.replaceAll('\n', ' ')].length} characters`);
  });
});

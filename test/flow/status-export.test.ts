import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { waitFor } from '../harness/poll.js';
import { stateOf } from '../harness/slack-user.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { cardCatchesUp } from './card-helpers.js';
import {
  addFeedback,
  expectFeedbackSaved,
  insertActionItems,
  messageText,
  phaseOf,
  type StartedRetro,
  startRetro,
} from './retro-helpers.js';

/** `/retro status`, `/retro close`, `/retro export`, and the checks `/retro start` makes before its modal. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.slack.addUser({ id: 'UFAC', name: 'Fran' });
  t.slack.addUser({ id: 'UALICE', name: 'Alice' });
  t.slack.addUser({ id: 'UBOB', name: 'Bob' });
});
afterAll(() => t.close());

/** A retro with a KPI and two contributors (one anonymous). */
async function retroWithFeedback(channel: string, title: string): Promise<StartedRetro> {
  const fac = t.user('UFAC', channel);
  const retro = await startRetro(t, fac, title, {
    [SETUP_IDS.blocks.kpis]: 'MQLs | 500 | 450 | leads | higher',
  });
  const submissions: [string, Record<string, string>, boolean][] = [
    ['UALICE', { start: 'Host a partner webinar' }, false],
    ['UBOB', { stop: 'Gating every asset' }, true],
  ];
  for (const [n, [userId, sections, anonymous]] of submissions.entries()) {
    const before = t.slack.calls.length;
    const reply = await addFeedback(t, t.user(userId, channel), retro, sections, anonymous);
    expectFeedbackSaved(reply);
    // The handler refreshes the card after the modal closed (its counts wait for a quiet spell); wait for
    // it so it cannot land later.
    await cardCatchesUp(t, retro);
    await t.slack.waitForCall(
      'chat.update',
      (c) => c.body.ts === retro.cardTs && messageText(c.body).includes(`📝 ${n + 1} item`),
      before,
    );
  }
  return retro;
}

/** Closes through `/retro close` and waits for the summary in the channel. */
async function closeByCommand(channel: string, retro: StartedRetro) {
  const before = t.slack.calls.length;
  const reply = await t.user('UFAC', channel).command('close');
  expect(reply.status).toBe(200);
  const summary = await t.slack.waitForCall(
    'chat.postMessage',
    (c) => c.body.channel === channel && !c.body.thread_ts && String(c.body.text).startsWith('Retro summary'),
    before,
  );
  await t.slack.waitForCall('chat.update', (c) => c.body.ts === retro.cardTs, before);
  // The KPI chart follows the summary into the thread: done before a test counts the export's upload.
  await t.rearview.features.outbox.flush();
  return summary;
}

describe('/retro status', () => {
  it('says there is no open retro when the channel has none', async () => {
    const before = t.slack.calls.length;
    const reply = await t.user('UALICE', 'C0EMPTY').command('status');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('no open retro');
    expect(t.slack.calls.slice(before).filter((c) => c.method.startsWith('chat.'))).toEqual([]);
  });

  it('shows the card to the person who asked: title, phase and contributors, without buttons', async () => {
    const retro = await retroWithFeedback('C0STATUS', 'Holiday campaign');
    const before = t.slack.calls.length;
    const reply = await t.user('UBOB', 'C0STATUS').command('status');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    const text = messageText(reply.json ?? {});
    expect(text).toContain('Holiday campaign');
    expect(text).toContain('Collecting feedback');
    expect(text).toContain('2 contributors');
    expect(text).toContain('2 items');
    const blocks = (reply.json?.blocks ?? []) as Record<string, any>[];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.type === 'actions')).toEqual([]);
    expect(JSON.stringify(blocks)).not.toContain(retro.id);
    // Nothing was posted where others can see it.
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('after a close, shows the last retro, that it is closed, and how its action items are going', async () => {
    const retro = await retroWithFeedback('C0STATUS2', 'Autumn newsletter');
    await closeByCommand('C0STATUS2', retro);
    await insertActionItems(t, [
      { title: 'Shorter subject lines', ownerId: 'UALICE', dueDate: '2026-12-01', retroId: retro.id },
      { title: 'Send on <!channel> Tuesdays', ownerId: 'UBOB', dueDate: '2026-12-08', retroId: retro.id },
      {
        title: 'Segment the list',
        ownerId: 'UALICE',
        dueDate: '2026-11-30',
        status: 'done',
        retroId: retro.id,
      },
      {
        title: 'Dropped idea',
        ownerId: 'UBOB',
        dueDate: '2026-12-02',
        status: 'cancelled',
        retroId: retro.id,
      },
    ]);
    const before = t.slack.calls.length;
    const reply = await t.user('UBOB', 'C0STATUS2').command('status');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    const text = messageText(reply.json ?? {});
    expect(text).toContain(
      'There is no open retro in this channel. The last one, *Autumn newsletter*, closed',
    );
    expect(text).toContain('Closed — the summary was posted in the channel.');
    expect(text).toContain('2 contributors');
    expect(text).toContain('1 of 3 action items done, 2 still open.');
    expect(text).toContain('Shorter subject lines — <@UALICE>');
    // User text is escaped where it is echoed.
    expect(text).toContain('Send on &lt;!channel&gt; Tuesdays — <@UBOB>');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('Dropped idea');
    expect(text).toContain('/retro start');
    const blocks = (reply.json?.blocks ?? []) as Record<string, any>[];
    expect(blocks.filter((b) => b.type === 'actions')).toEqual([]);
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('after a close, says when the retro left no action items', async () => {
    const retro = await retroWithFeedback('C0STATUS3', 'Winter webinar');
    await closeByCommand('C0STATUS3', retro);
    const reply = await t.user('UBOB', 'C0STATUS3').command('status');
    const text = messageText(reply.json ?? {});
    expect(text).toContain('*Winter webinar*, closed');
    expect(text).toContain('It left no action items.');
  });
});

describe('/retro close', () => {
  it('refuses someone who is not a facilitator, privately, and leaves the retro open', async () => {
    const retro = await retroWithFeedback('C0CLOSE1', 'Webinar series');
    const before = t.slack.calls.length;
    const reply = await t.user('UALICE', 'C0CLOSE1').command('close');
    expect(reply.status).toBe(200);
    const note = await t.slack.waitForCall(
      'chat.postEphemeral',
      (c) => c.body.user === 'UALICE' && c.body.channel === 'C0CLOSE1',
      before,
    );
    expect(String(note.body.text)).toContain('Only the facilitators of');
    expect(String(note.body.text)).toContain('Webinar series');
    expect(await phaseOf(t, retro.id)).toBe('collecting');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('closes the retro for the facilitator and posts the summary in the channel', async () => {
    const retro = await retroWithFeedback('C0CLOSE2', 'Product Hunt launch');
    const summary = await closeByCommand('C0CLOSE2', retro);
    expect(await phaseOf(t, retro.id)).toBe('closed');
    const text = messageText(summary.body);
    expect(text).toContain('Product Hunt launch');
    expect(text).toContain('KPI scorecard');
    expect(text).toContain('MQLs');
    expect(text).toContain('Host a partner webinar');
    expect(text).toContain('Gating every asset');
    // Closed without a vote: the items are there, but none passes for a pick.
    expect(text).toContain('Nobody voted, so no item is ranked.');
    expect(text).not.toMatch(/\b0 votes/);
    expect(text).toContain(
      '⚠️ *MQLs*: 450 leads vs target 500 leads · missed, 50 leads worse than target (−10.0%)',
    );
    expect(text).toContain('2 people');
    const card = t.slack
      .callsOf('chat.update')
      .filter((c) => c.body.ts === retro.cardTs)
      .at(-1);
    expect(messageText(card?.body ?? {})).toContain('Closed');
    expect(((card?.body.blocks ?? []) as Record<string, any>[]).some((b) => b.type === 'actions')).toBe(
      false,
    );
  });

  it('links the retro thread from the summary, or says "in this channel" when Slack gives no link', async () => {
    const linked = await retroWithFeedback('C0CLOSE4', 'Field event');
    const withLink = messageText((await closeByCommand('C0CLOSE4', linked)).body);
    expect(withLink).toContain('|Open the retro thread>');
    expect(withLink).toContain(
      `https://fake.slack.test/archives/C0CLOSE4/p${linked.cardTs?.replace('.', '')}`,
    );

    const unlinked = await retroWithFeedback('C0CLOSE5', 'Partner summit');
    t.slack.fail('chat.getPermalink', { kind: 'error', error: 'message_not_found' });
    const withoutLink = messageText((await closeByCommand('C0CLOSE5', unlinked)).body);
    expect(withoutLink).toContain('in this channel');
    expect(withoutLink).not.toContain('Open the retro thread');
    expect(withoutLink).not.toContain('archives/');
  });

  it('points readers of the closed card to where the summary was posted', async () => {
    const retro = await retroWithFeedback('C0CLOSE3', 'Trade show');
    const summary = await closeByCommand('C0CLOSE3', retro);
    const card = t.slack
      .callsOf('chat.update')
      .filter((c) => c.body.ts === retro.cardTs)
      .at(-1);
    const cardText = messageText(card?.body ?? {});
    expect(cardText).toContain('Closed');
    // The summary is a top-level channel message (phase-flow.ts, postSummary), not a thread reply, so the
    // card must not send people to the thread for it.
    expect(summary.body.thread_ts).toBeUndefined();
    expect(cardText).not.toContain('summary is in the thread');
  });
});

describe('/retro export', () => {
  it('says so when the channel has no retro to export', async () => {
    const reply = await t.user('UALICE', 'C0NOEXPORT').command('export');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('no retro in this channel');
  });

  it('uploads the closed retro’s summary as a Markdown file', async () => {
    const retro = await retroWithFeedback('C0EXPORT1', 'Q3 launch');
    await closeByCommand('C0EXPORT1', retro);
    const before = t.slack.calls.length;
    const uploadsBefore = t.slack.uploads.length;
    const reply = await t.user('UALICE', 'C0EXPORT1').command('export');
    expect(reply.status).toBe(200);
    // Answered at once; the file follows.
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('Preparing the export…');

    const complete = await t.slack.waitForCall('files.completeUploadExternal', () => true, before);
    const asked = t.slack.calls.slice(before).filter((c) => c.method === 'files.getUploadURLExternal');
    expect(asked).toHaveLength(1);
    expect(String(asked[0]?.body.filename)).toMatch(/\.md$/);
    expect(complete.body.channel_id).toBe('C0EXPORT1');

    const uploaded = t.slack.uploads.slice(uploadsBefore);
    expect(uploaded).toHaveLength(1);
    const markdown = uploaded[0]?.content ?? '';
    expect(markdown).toContain('# Q3 launch');
    expect(markdown).toContain('## KPI scorecard');
    expect(markdown).toContain('MQLs');
    expect(markdown).toContain('## Top items');
    expect(markdown).toContain('Host a partner webinar');
    expect(markdown).toContain('Gating every asset');
    expect(markdown).toContain('## Participation');
    expect(markdown).toContain('- People: 2');
    expect(markdown).toContain('- Items: 2');
    expect(markdown).toContain('- Anonymous: 50%');
    // A true status, on the clock of the person who asked.
    expect(markdown).toMatch(/\*\*Status:\*\* Closed \d{4}-\d\d-\d\d \d\d:\d\d .* · exported /);
    expect(markdown).toContain('**Retro thread:** https://fake.slack.test/archives/C0EXPORT1/p');
    expect(markdown).not.toContain('<@');
    // Anonymous items never name anyone; the attributed one may.
    expect(markdown).not.toContain('UBOB');
    // The file went up instead of messages.
    expect(t.slack.responses.filter((r) => JSON.stringify(r.body).includes('Q3 launch'))).toEqual([]);
  });

  it('sends the summary as private messages when the file cannot be uploaded', async () => {
    const retro = await retroWithFeedback('C0EXPORT2', 'Spring webinar');
    await closeByCommand('C0EXPORT2', retro);
    t.slack.fail('files.getUploadURLExternal', { kind: 'error', error: 'not_allowed_token_type' });
    const before = t.slack.calls.length;
    const responsesBefore = t.slack.responses.length;
    const reply = await t.user('UALICE', 'C0EXPORT2').command('export');
    expect(reply.status).toBe(200);

    const first = await t.slack.waitForResponse(() => true, responsesBefore);
    expect(first.body.response_type).toBe('ephemeral');
    const posts = t.slack.responses.slice(responsesBefore);
    for (const post of posts) expect(post.body.response_type).toBe('ephemeral');
    const text = posts.map((p) => messageText(p.body)).join('\n');
    expect(text).toContain('Retro summary: Spring webinar');
    expect(text).toContain('KPI scorecard');
    expect(text).toContain('Host a partner webinar');
    expect(text).toContain('Participation');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'files.completeUploadExternal')).toEqual(
      [],
    );
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});

describe('/retro export before the end', () => {
  it('exports nothing of the feedback before the reveal, and says why, privately', async () => {
    await retroWithFeedback('C0EXPORT3', 'Still collecting');
    const before = t.slack.calls.length;
    const uploadsBefore = t.slack.uploads.length;
    const reply = await t.user('UALICE', 'C0EXPORT3').command('export');
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('nothing to export yet');
    expect(t.slack.uploads.slice(uploadsBefore)).toEqual([]);
    expect(t.slack.calls.slice(before).filter((c) => c.method.startsWith('files.'))).toEqual([]);
    expect(JSON.stringify(reply.json)).not.toContain('Host a partner webinar');
  });

  it('while voting: the items without vote totals, and typed links and mentions shown as text', async () => {
    const channel = 'C0EXPORT4';
    const retro = await retroWithFeedback(channel, 'Voting now');
    const typed = 'Ping <!channel> and see <https://evil.example|docs> or [this](https://evil.example)';
    await addFeedback(t, t.user('UCARL', channel), retro, { continue: typed }, false);
    await t.user('UFAC', channel).press(ACTIONS.startVoting, retro.id, { messageTs: retro.cardTs });
    await waitFor(async () => (await phaseOf(t, retro.id)) === 'voting', 'the retro to be voting');
    const uploadsBefore = t.slack.uploads.length;
    const reply = await t.user('UALICE', channel).command('export');
    expect(reply.json?.response_type).toBe('ephemeral');
    expect(reply.json?.text).toContain('no vote totals');
    await waitFor(() => t.slack.uploads.length > uploadsBefore, 'the export file');
    const markdown = t.slack.uploads.at(-1)?.content ?? '';
    expect(markdown).toContain('Host a partner webinar');
    expect(markdown).not.toMatch(/\d+ votes?/);
    expect(markdown).toContain('**Status:** Voting · exported');
    expect(markdown).not.toContain('Closed');
    // What was typed is shown as typed; only what a viewer would hide behind a link or a tag is marked.
    expect(markdown).toContain(
      'Ping \\<!channel> and see \\<https://evil.example|docs> or \\[this](https://evil.example)',
    );
  });
});

describe('/retro start checks', () => {
  it('refuses a second retro in a channel that has an open one, without opening the modal', async () => {
    await retroWithFeedback('C0TWICE', 'First retro');
    const before = t.slack.calls.length;
    const responsesBefore = t.slack.responses.length;
    const reply = await t.user('UALICE', 'C0TWICE').command('start Second retro');
    expect(reply.status).toBe(200);
    const answer = await t.slack.waitForResponse(() => true, responsesBefore);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toContain('already has an open retro');
    expect(answer.body.text).toContain('First retro');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'views.open')).toEqual([]);
    const open = await t.database.db
      .selectFrom('retros')
      .select('title')
      .where('channel_id', '=', 'C0TWICE')
      .execute();
    expect(open.map((r) => r.title)).toEqual(['First retro']);
  });

  it('tells someone typing it in a DM to use a channel', async () => {
    const before = t.slack.calls.length;
    const responsesBefore = t.slack.responses.length;
    const reply = await t.user('UALICE', 'D0ALICE').command('start Private musings');
    expect(reply.status).toBe(200);
    const answer = await t.slack.waitForResponse(() => true, responsesBefore);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toMatch(/channel/i);
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('explains how to invite the bot in a private channel it is not in, and opens no modal', async () => {
    const before = t.slack.calls.length;
    const responsesBefore = t.slack.responses.length;
    const reply = await t.user('UALICE', 'G0SECRET').command('start Secret launch');
    expect(reply.status).toBe(200);
    const answer = await t.slack.waitForResponse(() => true, responsesBefore);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toContain('/invite @Rearview');
    expect(t.slack.calls.slice(before).filter((c) => c.method === 'views.open')).toEqual([]);
  });

  it('opens the setup modal in a private channel the bot is a member of', async () => {
    t.slack.members.set('G0INVITED', [t.slack.botUserId, 'UALICE']);
    const before = t.slack.calls.length;
    const reply = await t.user('UALICE', 'G0INVITED').command('start Invited launch');
    expect(reply.status).toBe(200);
    const opened = await t.slack.waitForCall('views.open', () => true, before);
    const title = (opened.body.view.blocks as Record<string, any>[]).find(
      (b) => b.block_id === SETUP_IDS.blocks.title,
    );
    expect(title?.element?.initial_value).toBe('Invited launch');
  });

  it('re-renders the setup modal with launch KPI suggestions when the kind changes', async () => {
    const fac = t.user('UFAC', 'C0KIND');
    const before = t.slack.calls.length;
    await fac.command('start Kind test');
    const view = await fac.waitForView(before);
    const kpiBlock = (v: { blocks: Record<string, any>[] }) =>
      v.blocks.find((b) => b.block_id === SETUP_IDS.blocks.kpis);
    const campaign = kpiBlock(view);
    expect(campaign?.hint?.text).toBeTruthy();

    const values = stateOf(view, {
      [SETUP_IDS.blocks.title]: 'Kind test',
      [SETUP_IDS.blocks.kind]: 'launch',
    });
    const pressedAt = t.slack.calls.length;
    const reply = await t.sender.blockAction(
      fac.actor,
      { actionId: SETUP_IDS.kindSelect, blockId: SETUP_IDS.blocks.kind, selectedOption: 'launch' },
      { view: { ...view, state: { values } } },
    );
    expect(reply.status).toBe(200);
    const update = await t.slack.waitForCall('views.update', (c) => c.body.view_id === view.id, pressedAt);
    const launch = kpiBlock(update.body.view);
    expect(launch?.hint?.text).toBeTruthy();
    expect(launch?.hint?.text).not.toBe(campaign?.hint?.text);
    expect(launch?.hint?.text).toMatch(/launch/i);
    expect(launch?.element?.placeholder?.text).not.toBe(campaign?.element?.placeholder?.text);
    expect(launch?.element?.placeholder?.text).toContain('Signups');
    const kind = (update.body.view.blocks as Record<string, any>[]).find(
      (b) => b.block_id === SETUP_IDS.blocks.kind,
    );
    expect(kind?.element?.initial_option?.value).toBe('launch');
    const title = (update.body.view.blocks as Record<string, any>[]).find(
      (b) => b.block_id === SETUP_IDS.blocks.title,
    );
    expect(title?.element?.initial_value).toBe('Kind test');
    expect(update.body.view.private_metadata).toBe(view.private_metadata);

    // Submitting the re-rendered modal starts a launch retro.
    const rerendered = fac.lastView(pressedAt);
    const submitted = await fac.submit(rerendered, { [SETUP_IDS.blocks.kind]: 'launch' });
    expect(submitted.json?.response_action, JSON.stringify(submitted.json)).toBeUndefined();
    const row = await t.database.db
      .selectFrom('retros')
      .select(['kind', 'title'])
      .where('channel_id', '=', 'C0KIND')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'launch', title: 'Kind test' });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_ITEM_IDS } from '../../src/action-items/action-items.ids.js';
import { queueDigests, queueNudges, refreshTimeZones } from '../../src/follow-up/follow-up.service.js';
import { runOutbox } from '../../src/outbox/sender.service.js';
import { startCron } from '../../src/scheduler/cron.js';
import { localTime } from '../../src/shared/wall-clock.js';
import { type FollowUpWorld, seedItem, startFollowUpWorld, TEAM } from '../fixtures/follow-up.js';

const SATURDAY = new Date('2026-11-28T00:00:00Z');
const QUARTER = 15 * 60_000;
const HOUR = 4 * QUARTER;

describe('weekly follow-up', () => {
  let world: FollowUpWorld;
  beforeAll(async () => {
    world = await startFollowUpWorld(SATURDAY);
  });
  beforeEach(async () => {
    await world.reset(SATURDAY);
  });
  afterAll(async () => {
    await world.close();
  });

  /** Each DM posted: who, when (fake clock), and the item titles it listed. */
  async function stepThrough(until: Date, step: number, between?: (now: Date) => Promise<void>) {
    const sent: { user: string; at: Date; titles: string[] }[] = [];
    while (world.clock.now() < until) {
      const now = world.clock.now();
      await between?.(now);
      const before = world.slack.calls.length;
      await queueNudges(world.ctx, now);
      await runOutbox(world.outbox, now);
      for (const call of world.slack.calls.slice(before)) {
        if (call.method !== 'chat.postMessage' || !call.result?.ok) continue;
        const buttons = (call.body.blocks as any[]).filter((b) => b.type === 'actions');
        const titles = (call.body.blocks as any[])
          .filter((b) => b.type === 'section')
          .slice(1)
          .map((b) => String(b.text.text).split('\n')[0] ?? '');
        expect(buttons.every((b) => b.elements.map((e: any) => e.action_id).length === 4)).toBe(true);
        sent.push({ user: `U${String(call.body.channel).slice(1)}`, at: now, titles });
      }
      world.clock.set(new Date(now.getTime() + step));
    }
    return sent;
  }

  it('owners in Los Angeles, Berlin and Tokyo each get one nudge, at Monday 09:00 their time', async () => {
    const zones: Record<string, string> = {
      ULA: 'America/Los_Angeles',
      UBERLIN: 'Europe/Berlin',
      UTOKYO: 'Asia/Tokyo',
    };
    for (const [id, tz] of Object.entries(zones)) {
      world.slack.addUser({ id, name: id.toLowerCase(), tz });
      await seedItem(world.ctx.db, { ownerId: id, title: `Later for ${id}`, dueDate: '2026-12-20' });
      await seedItem(world.ctx.db, { ownerId: id, title: `Overdue for ${id}`, dueDate: '2026-11-20' });
    }
    await seedItem(world.ctx.db, { ownerId: 'UBERLIN', title: 'Snoozed', snoozedUntil: '2026-12-07' });
    world.slack.addUser({ id: 'UOPTOUT', name: 'optout', tz: 'Europe/Berlin' });
    await seedItem(world.ctx.db, { ownerId: 'UOPTOUT' });
    await world.ctx.db
      .insertInto('user_settings')
      .values({ team_id: TEAM, user_id: 'UOPTOUT', nudges_opt_out: true })
      .execute();
    await refreshTimeZones(world.ctx, world.clock.now());

    const sent = await stepThrough(new Date('2026-12-05T00:00:00Z'), QUARTER);

    expect(sent.map((s) => s.user).sort()).toEqual(['UBERLIN', 'ULA', 'UTOKYO']);
    for (const nudge of sent) {
      const local = localTime(nudge.at, zones[nudge.user] as string);
      expect(local).toEqual({ year: 2026, month: 11, day: 30, hour: 9, minute: 0 });
      expect(nudge.titles).toEqual([`*Overdue for ${nudge.user}*`, `*Later for ${nudge.user}*`]);
    }
  });

  it('after Done the item is not in the next week’s nudge; a Berlin owner is nudged once a week across DST', async () => {
    world.slack.addUser({ id: 'UB', name: 'b', tz: 'Europe/Berlin' });
    const done = await seedItem(world.ctx.db, { ownerId: 'UB', title: 'Finish it' });
    await seedItem(world.ctx.db, { ownerId: 'UB', title: 'Keep going' });
    world.clock.set(new Date('2026-03-21T00:00:00Z'));
    await refreshTimeZones(world.ctx, world.clock.now());
    let marked = false;
    const sent = await stepThrough(new Date('2026-04-04T00:00:00Z'), HOUR, async (now) => {
      if (!marked && now >= new Date('2026-03-25T00:00:00Z')) {
        marked = true;
        await world.ctx.db
          .updateTable('action_items')
          .set({ status: 'done', done_at: now })
          .where('id', '=', done)
          .execute();
      }
    });
    expect(sent.map((s) => [s.at.toISOString(), s.titles])).toEqual([
      ['2026-03-23T08:00:00.000Z', ['*Finish it*', '*Keep going*']],
      ['2026-03-30T07:00:00.000Z', ['*Keep going*']],
    ]);
  });

  it.each([
    ['autumn 2026', '2026-10-17T00:00:00Z', ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z']],
    ['spring 2027', '2027-03-20T00:00:00Z', ['2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z']],
    ['autumn 2027', '2027-10-23T00:00:00Z', ['2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z']],
  ])('Berlin, %s: one nudge each Monday at 09:00 local', async (_name, from, expected) => {
    await seedItem(world.ctx.db, { ownerId: 'UB', dueDate: '2028-01-01' });
    await world.ctx.db
      .insertInto('user_time_zones')
      .values({ team_id: TEAM, user_id: 'UB', tz: 'Europe/Berlin', fetched_at: new Date(from) })
      .execute();
    world.clock.set(new Date(from));
    const sent = await stepThrough(new Date(new Date(from).getTime() + 14 * 24 * HOUR), HOUR);
    expect(sent.map((s) => s.at.toISOString())).toEqual(expected);
  });

  it('three copies ticking at once send each nudge and each digest exactly once', async () => {
    const owners = Array.from({ length: 12 }, (_, i) => `UO${i}`);
    for (const [i, owner] of owners.entries()) {
      await seedItem(world.ctx.db, { ownerId: owner, channelId: `C${i % 4}`, dueDate: '2026-11-25' });
      await seedItem(world.ctx.db, { ownerId: owner, channelId: `C${i % 4}`, dueDate: '2026-12-25' });
    }
    await seedItem(world.ctx.db, {
      ownerId: 'UO0',
      channelId: 'C0',
      status: 'done',
      doneAt: new Date('2026-11-30T08:00:00Z'),
      title: 'Shipped',
    });
    const copies = await Promise.all(['a', 'b', 'c'].map((name) => world.instance(name)));
    world.clock.set(new Date('2026-11-30T08:45:00Z'));
    while (world.clock.now() < new Date('2026-11-30T10:00:00Z')) {
      const now = world.clock.now();
      await Promise.all(
        copies.map(async (copy) => {
          await queueNudges(copy.ctx, now);
          await queueDigests(copy.ctx, now);
          await runOutbox(copy.outbox, now);
        }),
      );
      world.clock.set(new Date(now.getTime() + QUARTER));
    }
    const posts = world.slack.callsOf('chat.postMessage').filter((c) => c.result?.ok);
    const dms = posts.filter((c) => String(c.body.channel).startsWith('D')).map((c) => c.body.channel);
    expect(dms.sort()).toEqual(owners.map((o) => `D${o.slice(1)}`).sort());
    // A retried connection may open a conversation twice; what counts is one post per owner.
    expect(new Set(world.slack.callsOf('conversations.open').map((c) => c.body.users))).toEqual(
      new Set(owners),
    );
    const digests = posts.filter((c) => String(c.body.channel).startsWith('C'));
    expect(digests.map((c) => c.body.channel).sort()).toEqual(['C0', 'C1', 'C2', 'C3']);
    const c0 = JSON.stringify(digests.find((c) => c.body.channel === 'C0')?.body.blocks);
    expect(c0).toContain('Shipped');
    expect(c0).toContain('<@UO0>');
    expect(c0).toContain('Overdue');
  });

  it('queues every owner once when they fill several rounds, leaving out the weeks another copy recorded', async () => {
    // 2,100 owners: more than one round of 2,000; the first 30 were recorded by another copy this week.
    await sql`insert into action_items
        (id, team_id, retro_id, channel_id, title, owner_id, due_date, status, source_type, created_by)
      select gen_random_uuid(), ${TEAM}, null, 'C0', 'Item ' || i, 'UR' || (i % 2100), date '2026-11-20' + (i % 30),
        'open', 'manual', 'UFAC'
      from generate_series(0, 4199) as i`.execute(world.ctx.db);
    const monday = new Date('2026-11-30T09:00:00Z');
    await sql`insert into follow_up_deliveries (team_id, kind, subject_id, week, queued_at)
      select ${TEAM}, 'nudge', 'UR' || i, '2026-W49', ${monday} from generate_series(0, 29) as i`.execute(
      world.ctx.db,
    );
    expect(await queueNudges(world.ctx, monday)).toBe(2070);
    expect(await queueNudges(world.ctx, new Date(monday.getTime() + QUARTER))).toBe(0);
    const queued = await world.ctx.db
      .selectFrom('outbox')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.count<string>('job_key').distinct().as('keys'),
      ])
      .where('job_key', 'like', 'nudge:%')
      .executeTakeFirstOrThrow();
    expect([Number(queued.n), Number(queued.keys)]).toEqual([2070, 2070]);
    const recorded = await world.ctx.db
      .selectFrom('follow_up_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(recorded.n)).toBe(2100);
  });

  it('digests go to the workspace digest channel when one is set, and not at all when turned off', async () => {
    await seedItem(world.ctx.db, { ownerId: 'U1', channelId: 'C1' });
    await seedItem(world.ctx.db, { ownerId: 'U2', channelId: 'C2' });
    await world.ctx.db
      .insertInto('workspace_settings')
      .values({ team_id: TEAM, digest_channel_id: 'CDIGEST' })
      .execute();
    world.clock.set(new Date('2026-11-30T09:00:00Z'));
    expect(await queueDigests(world.ctx, world.clock.now())).toBe(2);
    await runOutbox(world.outbox, world.clock.now());
    const posts = world.slack.callsOf('chat.postMessage');
    expect(posts.map((c) => c.body.channel)).toEqual(['CDIGEST', 'CDIGEST']);
    expect(posts.map((c) => c.body.text).join()).toContain('open');

    await world.reset(new Date('2026-11-30T09:00:00Z'));
    await seedItem(world.ctx.db, { ownerId: 'U1', channelId: 'C1' });
    await world.ctx.db
      .insertInto('workspace_settings')
      .values({ team_id: TEAM, digest_enabled: false })
      .execute();
    expect(await queueDigests(world.ctx, world.clock.now())).toBe(0);
  });

  it('the digest mentions only owners of overdue items; nudges and digests show dates as tokens', async () => {
    await seedItem(world.ctx.db, { ownerId: 'ULATE', channelId: 'C1', title: 'Late', dueDate: '2026-11-20' });
    await seedItem(world.ctx.db, { ownerId: 'UOPEN', channelId: 'C1', title: 'Open', dueDate: '2026-12-18' });
    await seedItem(world.ctx.db, {
      ownerId: 'UDONE',
      channelId: 'C1',
      title: 'Shipped',
      status: 'done',
      doneAt: new Date('2026-11-30T08:00:00Z'),
    });
    world.clock.set(new Date('2026-11-30T09:00:00Z'));
    await queueDigests(world.ctx, world.clock.now());
    await queueNudges(world.ctx, world.clock.now());
    await runOutbox(world.outbox, world.clock.now());
    const posts = world.slack.callsOf('chat.postMessage').filter((c) => c.result?.ok);
    const digest = JSON.stringify(posts.find((c) => c.body.channel === 'C1')?.body.blocks);
    expect(digest).toContain('Late');
    expect(digest).toContain('<@ULATE>');
    expect(digest).toContain('Open');
    expect(digest).toContain('Shipped');
    expect(digest).not.toContain('<@UOPEN>');
    expect(digest).not.toContain('<@UDONE>');
    expect(digest).toContain(`<!date^${Date.UTC(2026, 10, 20, 12) / 1000}^`);
    expect(digest).not.toMatch(/due 2026-/);
    const nudge = JSON.stringify(posts.find((c) => c.body.channel === 'DOPEN')?.body.blocks);
    expect(nudge).toContain(`<!date^${Date.UTC(2026, 11, 18, 12) / 1000}^`);
    expect(nudge).not.toMatch(/due 2026-/);
    const late = JSON.stringify(posts.find((c) => c.body.channel === 'DLATE')?.body.blocks);
    expect(late).not.toMatch(/since 2026-/);
  });

  it('the cron runs its jobs on a tick, and SCHEDULER=off runs none', async () => {
    const ran: string[] = [];
    const jobs = [{ name: 'probe', run: async () => void ran.push('probe') }];
    const on = startCron(world.ctx, jobs, { schedule: false });
    await on.tick();
    await on.stop();
    await on.tick();
    const off = startCron({ ...world.ctx, config: { ...world.ctx.config, scheduler: 'off' } }, jobs, {
      schedule: false,
    });
    await off.tick();
    await off.stop();
    expect(ran).toEqual(['probe']);
  });

  it('a job that fails is retried on its own, and the jobs after it run either way', async () => {
    const ran: string[] = [];
    let failures = 1;
    const jobs = [
      {
        name: 'flaky',
        run: async () => {
          ran.push('flaky');
          if (failures-- > 0) throw new Error('the database went away for a moment');
        },
      },
      {
        name: 'broken',
        run: async () => {
          ran.push('broken');
          throw new Error('always fails');
        },
      },
      { name: 'after', run: async () => void ran.push('after') },
    ];
    const cron = startCron(world.ctx, jobs, { schedule: false, retryDelaysMs: [1, 1] });
    await cron.tick();
    await cron.stop();
    expect(ran).toEqual(['flaky', 'flaky', 'broken', 'broken', 'broken', 'after']);
  });

  it('keeps the action ids the nudge buttons use', () => {
    expect(Object.keys(ACTION_ITEM_IDS.actions)).toEqual(
      expect.arrayContaining(['done', 'snooze', 'reassign', 'redate']),
    );
  });
});

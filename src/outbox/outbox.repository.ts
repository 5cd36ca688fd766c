import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, DbOrTrx } from '../db/database.js';
import type { OutboxMethod } from './outbox.table.js';
import type { OutboxMessage, OutboxPayload } from './outbox-message.js';

export interface ClaimedMessage {
  id: string;
  teamId: string;
  queue: string;
  jobKey: string | null;
  method: OutboxMethod;
  payload: OutboxPayload;
  attempts: number;
  lockedUntil: Date;
  /** A DM: the person's channel opened before (`dm_channels`), read with the claim; null if none. */
  dmChannel: string | null;
  /** A DM channel opened while sending this message, kept when the send is confirmed. */
  openedDm?: OpenedDm;
}

/** A person's DM channel as `conversations.open` answered it while a message was being sent. */
export interface OpenedDm {
  teamId: string;
  userId: string;
  channelId: string;
}

/** The row `workerId` claimed and has not sent: only then may it hand the row back or give it up. */
function stillMine(id: string, workerId: string) {
  return (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.and([eb('id', '=', id), eb('locked_by', '=', workerId), eb('sent_at', 'is', null)]);
}

/** Still to send: neither sent nor given up. */
const pending = (alias: string) => sql.raw(`${alias}.sent_at is null and ${alias}.failed_at is null`);

/** A workspace that removed the app gets nothing more, even what was queued after its removal. */
const notRemoved = (alias: string) =>
  sql.raw(`not exists (select 1 from workspace_removals r
    where r.team_id = ${alias}.team_id and r.finished_at is null)`);

/**
 * Adds a message inside the caller's transaction, so the change and its message commit together.
 * Returns the row id, or undefined when a dedupe key was already taken.
 */
export async function enqueue(trx: DbOrTrx, message: OutboxMessage, now: Date): Promise<string | undefined> {
  const runAt = message.runAt && message.runAt > now ? message.runAt : now;
  const insert = sql`insert into outbox (team_id, queue, job_key, method, payload, run_at, created_at)
    values (${message.teamId}, ${message.queue}, ${message.jobKey ?? null}, ${message.method},
      ${JSON.stringify(message.payload)}::jsonb, ${runAt}, ${now})`;
  if (!message.jobKey || message.keyMode !== 'debounce') {
    const rows = await sql<{ id: string }>`${insert}
      on conflict (job_key) where job_key is not null do nothing returning id`.execute(trx);
    return idOf(rows.rows[0]);
  }
  // An edit is rendered when it is sent, so merging keeps the earlier time: a steady stream of requests
  // cannot keep pushing it back.
  const upsert = sql<{ id: string }>`${insert}
    on conflict (job_key) where job_key is not null do update
      set payload = excluded.payload, run_at = least(outbox.run_at, excluded.run_at), attempts = 0,
        last_error = null
      where ${pending('outbox')} and (outbox.locked_until is null or outbox.locked_until <= ${now})
    returning id`;
  const replaced = idOf((await upsert.execute(trx)).rows[0]);
  if (replaced) return replaced;
  // The keyed row went out already or is going out now: it gives up the key and the new content
  // queues behind it.
  await sql`update outbox set job_key = null where job_key = ${message.jobKey}`.execute(trx);
  return idOf((await upsert.execute(trx)).rows[0]);
}

/**
 * Adds many messages in one statement (dedupe keys only, e.g. a week's nudges); returns how many were
 * new. Order of ids follows the list, so a queue keeps the list's order.
 */
export async function enqueueMany(trx: DbOrTrx, messages: OutboxMessage[], now: Date): Promise<number> {
  if (messages.some((m) => m.keyMode === 'debounce')) throw new Error('enqueueMany takes no debounce keys');
  if (messages.length === 0) return 0;
  // One JSON parameter: a large batch as text[] costs more in array quoting than in the insert itself.
  const batch = messages.map((m, n) => ({
    n,
    team_id: m.teamId,
    queue: m.queue,
    job_key: m.jobKey ?? null,
    method: m.method,
    payload: m.payload,
    run_at: (m.runAt && m.runAt > now ? m.runAt : now).toISOString(),
  }));
  const { rows } = await sql<{ id: string }>`
    insert into outbox (team_id, queue, job_key, method, payload, run_at, created_at)
    select m.team_id, m.queue, m.job_key, m.method, m.payload, m.run_at, ${now}
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
      as m(n int, team_id text, queue text, job_key text, method text, payload jsonb, run_at timestamptz)
    order by m.n
    on conflict (job_key) where job_key is not null do nothing
    returning id`.execute(trx);
  return rows.length;
}

/**
 * Leases due messages to `workerId` until `now + leaseMs`: only the head of each queue (its oldest
 * message not yet sent or given up), so a queue never sends a later message while an earlier one waits
 * for a retry or is out with another worker. Workspaces take turns: every workspace's first head, then
 * every second one, up to `perTeam` each, so one workspace's thousand due messages do not fill a claim;
 * a workspace with messages `outstanding` here (claimed, not yet done) starts that many turns later, so
 * the ones with least in hand are served first and none with `perTeam` in hand gets more.
 */
export async function claim(
  db: DbOrTrx,
  workerId: string,
  now: Date,
  limit: number,
  leaseMs: number,
  fairness: { perTeam?: number; outstanding?: ReadonlyMap<string, number> } = {},
): Promise<ClaimedMessage[]> {
  const until = new Date(now.getTime() + leaseMs);
  const perTeam = fairness.perTeam ?? limit;
  const inHand = [...(fairness.outstanding ?? [])];
  const inHandTeams = inHand.map(([team]) => team);
  const inHandCounts = inHand.map(([, n]) => n);
  // Within a turn, workspaces in an order of this claim's own, so the ones queued first are not always
  // first: a round of 500 workspaces then ends for all of them at about the same time.
  const shuffle = `${workerId}:${now.getTime()}:${Math.random()}`;
  // Heads come from one ordered pass over what is pending, not from a per-row "no earlier message"
  // check: on a queue of tens of thousands that check is planned as a nested loop and runs for seconds.
  // A window function and FOR UPDATE cannot share a query: the turns are counted first, then locked.
  const { rows } = await sql<Record<string, unknown>>`
    with heads as (
      select distinct on (o.queue) o.id, o.team_id, o.run_at, o.locked_until
      from outbox o
      where ${pending('o')}
      order by o.queue, o.id
    ), due as (
      select h.id, h.team_id,
        row_number() over (partition by h.team_id order by h.run_at, h.id) as turn
      from heads h
      where h.run_at <= ${now}
        and (h.locked_until is null or h.locked_until <= ${now})
        and ${notRemoved('h')}
    ), in_hand as (
      select * from unnest(${inHandTeams}::text[], ${inHandCounts}::int[]) as b(team_id, n)
    ), candidates as materialized (
      -- Twice the limit, so a claim running beside another still finds heads the other has not locked.
      select array(select d.id from due d left join in_hand b on b.team_id = d.team_id
        where d.turn + coalesce(b.n, 0) <= ${perTeam}
        order by d.turn + coalesce(b.n, 0), md5(d.team_id || ${shuffle}) limit ${limit} * 2) as ids
    ), picked as (
      select o.id from outbox o
      where o.id = any((select c.ids from candidates c)::bigint[]) and ${pending('o')}
        and (o.locked_until is null or o.locked_until <= ${now})
      order by array_position((select c.ids from candidates c), o.id)
      limit ${limit}
      for update of o skip locked
    )
    update outbox set locked_by = ${workerId}, locked_until = ${until}, attempts = outbox.attempts + 1
    from picked where outbox.id = picked.id
    returning outbox.id, outbox.team_id, outbox.queue, outbox.job_key, outbox.method, outbox.payload,
      outbox.attempts, outbox.locked_until,
      (select c.channel_id from dm_channels c where outbox.method = 'dm'
        and c.team_id = outbox.team_id and c.user_id = outbox.payload -> 'args' ->> 'user') as dm_channel`.execute(
    db,
  );
  return rows.map((r) => ({
    id: String(r.id),
    teamId: r.team_id as string,
    queue: r.queue as string,
    jobKey: (r.job_key as string | null) ?? null,
    method: r.method as OutboxMethod,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as OutboxPayload,
    attempts: Number(r.attempts),
    lockedUntil: new Date(r.locked_until as string | Date),
    dmChannel: (r.dm_channel as string | null) ?? null,
  }));
}

/** A message Slack confirmed, and the DM channel opened for it on the way, if one was. */
export interface SentMark {
  id: string;
  sentAt: Date;
  result: unknown;
  openedDm?: OpenedDm | undefined;
}

/**
 * Slack confirmed them: recorded whoever holds the lease now, so none is ever sent again, with the DM
 * channels opened for them kept for next time. One statement for the lot: a Monday round confirms
 * hundreds a second, and a statement (and a commit) each cost more than the sends.
 */
export async function markSent(db: DbOrTrx, marks: readonly SentMark[]): Promise<void> {
  if (marks.length === 0) return;
  const rows = marks.map((m) => ({
    id: m.id,
    sent_at: m.sentAt.toISOString(),
    result: m.result ?? null,
    team_id: m.openedDm?.teamId ?? null,
    user_id: m.openedDm?.userId ?? null,
    channel_id: m.openedDm?.channelId ?? null,
  }));
  await sql`
    with m as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as m(id bigint, sent_at timestamptz, result jsonb, team_id text, user_id text, channel_id text)
    ), kept as (
      insert into dm_channels (team_id, user_id, channel_id)
      select distinct on (m.team_id, m.user_id) m.team_id, m.user_id, m.channel_id
      from m where m.channel_id is not null
      order by m.team_id, m.user_id, m.id desc
      on conflict (team_id, user_id) do update set channel_id = excluded.channel_id, opened_at = now()
    )
    update outbox set sent_at = m.sent_at, result = coalesce(m.result, 'null'::jsonb), locked_by = null,
      locked_until = null
    from m where outbox.id = m.id and outbox.sent_at is null`.execute(db);
}

/** Back to waiting until `runAt`, e.g. a 429's Retry-After or a backoff after a 5xx. */
export async function markRetry(
  db: DbOrTrx,
  id: string,
  workerId: string,
  retry: { runAt: Date; error: string; countsAsAttempt: boolean },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      run_at: retry.runAt,
      last_error: retry.error,
      locked_by: null,
      locked_until: null,
      attempts: retry.countsAsAttempt ? eb.ref('attempts') : eb('attempts', '-', 1),
    }))
    .where(stillMine(id, workerId))
    .execute();
}

/** Given up for good (Slack said the channel or person is gone); kept with its reason. */
export async function markFailed(
  db: DbOrTrx,
  id: string,
  workerId: string,
  failedAt: Date,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ failed_at: failedAt, last_error: error, locked_by: null, locked_until: null })
    .where(stillMine(id, workerId))
    .execute();
}

/** Hands back a claimed message that was not tried (e.g. on shutdown); the claim does not count. */
export async function release(db: DbOrTrx, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where(stillMine(id, workerId))
    .execute();
}

/** When the next queue head becomes sendable (its run_at, or the end of a lease someone holds). */
export async function nextDueAt(db: DbOrTrx): Promise<Date | undefined> {
  const { rows } = await sql<{ at: Date | string | null }>`
    select min(greatest(o.run_at, coalesce(o.locked_until, o.run_at))) as at from outbox o
    where ${pending('o')}
      and not exists (select 1 from outbox e where e.queue = o.queue and e.id < o.id and ${pending('e')})
      and ${notRemoved('o')}`.execute(db);
  const at = rows[0]?.at;
  return at ? new Date(at) : undefined;
}

/**
 * Takes the turn of a paced key (e.g. one retro card) to be sent now: at most once per `intervalMs`
 * across every copy of the bot, the database's clock deciding. Returns 0 when the turn is ours, else
 * how long until the next one.
 */
export async function takeTurn(
  db: DbOrTrx,
  teamId: string,
  key: string,
  intervalMs: number,
): Promise<number> {
  const seconds = intervalMs / 1000;
  const taken = await sql<{ job_key: string }>`
    insert into outbox_turns (job_key, team_id, taken_at) values (${key}, ${teamId}, now())
    on conflict (job_key) do update set taken_at = now()
      where outbox_turns.taken_at <= now() - make_interval(secs => ${seconds})
    returning job_key`.execute(db);
  if (taken.rows.length > 0) return 0;
  const wait = await sql<{ ms: number }>`
    select greatest(0, extract(epoch from (taken_at + make_interval(secs => ${seconds}) - now())) * 1000)::float8 as ms
    from outbox_turns where job_key = ${key}`.execute(db);
  return Math.ceil(Number(wait.rows[0]?.ms ?? intervalMs)) || 1;
}

/** Old sent and given-up rows, and turns long past; their keys have done their work by then. */
export async function pruneOutbox(db: DbOrTrx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where((eb) => eb.or([eb('sent_at', '<', before), eb('failed_at', '<', before)]))
    .executeTakeFirst();
  await db.deleteFrom('outbox_turns').where('taken_at', '<', before).execute();
  return Number(result.numDeletedRows);
}

function idOf(row: { id: unknown } | undefined): string | undefined {
  return row ? String(row.id) : undefined;
}

export async function keepDmChannel(
  db: DbOrTrx,
  teamId: string,
  userId: string,
  channelId: string,
): Promise<void> {
  await db
    .insertInto('dm_channels')
    .values({ team_id: teamId, user_id: userId, channel_id: channelId })
    .onConflict((oc) =>
      oc.columns(['team_id', 'user_id']).doUpdateSet({ channel_id: channelId, opened_at: sql`now()` }),
    )
    .execute();
}

export async function forgetDmChannel(db: DbOrTrx, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom('dm_channels').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

import { type Kysely, sql } from 'kysely';
import { STORE_SUBMISSIONS_SQL } from '../feedback/store-submissions.sql.js';
import { REPLACE_BALLOTS_SQL } from '../voting/replace-ballots.sql.js';

// The database functions hold rules (the phase that takes feedback or ballots, the view-id claims,
// the participation rewrite), so their text lives beside the feature that owns them, not in a frozen
// migration: changing a rule is an edit there, and every start puts the latest text in place. The
// migrations create the schema only.
//
// This list is the one place plumbing reaches into feature folders. It imports only the plain text
// modules (which import nothing but retro/phases.ts), and no feature imports anything of db/ but the
// schema type, which the structure rules leave out, so no cycle arises. The frozen migrations could
// not hold the list: they never import application code.
const FUNCTIONS: readonly string[] = [STORE_SUBMISSIONS_SQL, REPLACE_BALLOTS_SQL];

/**
 * Creates or replaces every database function in the schema the app works in (unqualified names
 * land in `current_schema()`), all in one transaction.
 *
 * Copies starting at once on one schema take turns on an advisory lock keyed by that schema:
 * PostgreSQL refuses two concurrent `create or replace` of the same function ("tuple concurrently
 * updated"), and two first creations would collide on the catalog's unique index. The lock is
 * released by the commit. Apps on other schemas of the same database do not wait for each other.
 */
export async function applyFunctions(db: Kysely<unknown>): Promise<void> {
  if (await functionsInPlace(db)) return;
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended('rearview functions in ' || current_schema(), 0))`.execute(
      trx,
    );
    for (const text of FUNCTIONS) await sql.raw(text).execute(trx);
  });
}

/** A function's name and its body: what PostgreSQL keeps as its source (`pg_proc.prosrc`). */
function nameAndBody(text: string): { name: string; body: string } {
  const name = /create or replace function\s+(\w+)\s*\(/i.exec(text)?.[1];
  const body = text.split('$$')[1];
  if (!name || body === undefined) throw new Error('a database function text without a name or a $$ body');
  return { name, body };
}

/**
 * Every function is there with the latest body, as on most starts: replacing them anyway would cost a
 * restart of the embedded database a tenth of a second, and copies starting together a wait on the
 * lock. The body is enough to compare: `create or replace` cannot change a signature.
 */
async function functionsInPlace(db: Kysely<unknown>): Promise<boolean> {
  const latest = FUNCTIONS.map(nameAndBody);
  const { rows } = await sql<{ proname: string; prosrc: string }>`
    select proname, prosrc from pg_proc
    where pronamespace = current_schema()::regnamespace and proname = any(${latest.map((f) => f.name)})`.execute(
    db,
  );
  return (
    rows.length === latest.length &&
    latest.every((f) => rows.some((row) => row.proname === f.name && row.prosrc === f.body))
  );
}

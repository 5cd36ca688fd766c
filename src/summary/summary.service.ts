import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import { listItems } from '../feedback/feedback.service.js';
import type { Retro } from '../retro/retro.js';
import { listKpis } from '../retro/retro.service.js';
import { tallyRetroVotes } from '../voting/voting.service.js';
import type { SummaryInput } from './summary.js';

/** Everything the summary is made of, read from the database in one place. */
export async function loadSummaryInput(db: DbOrTrx, retro: Retro, closedAt: Date): Promise<SummaryInput> {
  const [kpis, items, votes, participants, rootCauses, actions] = await Promise.all([
    listKpis(db, retro.id),
    listItems(db, retro.id),
    tallyRetroVotes(db, retro.id),
    db
      .selectFrom('retro_participation')
      .select(sql<number>`coalesce(sum(cardinality(user_ids)), 0)::int`.as('n'))
      .where('retro_id', '=', retro.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('five_whys')
      .select(['problem', 'root_cause'])
      .where('retro_id', '=', retro.id)
      .where('root_cause', 'is not', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('action_items')
      .select(['id', 'title', 'owner_id', 'due_date', 'status', 'source_type', 'source_label'])
      .where('retro_id', '=', retro.id)
      .orderBy('due_date')
      .execute(),
  ]);
  return {
    title: retro.title,
    kind: retro.kind,
    template: retro.template,
    closedAt,
    kpis,
    items: items.map((i) => ({
      id: i.id,
      section: i.section,
      text: i.body,
      anonymous: i.authorId === null,
      authorId: i.authorId,
    })),
    votes,
    participantCount: participants.n,
    rootCauses: rootCauses.map((r) => ({ problem: r.problem, rootCause: r.root_cause ?? '' })),
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      ownerId: a.owner_id,
      dueDate: a.due_date,
      status: a.status,
      source: actionSource(a.source_type, a.source_label),
    })),
  };
}

const SOURCE_KINDS = { root_cause: 'root cause', kpi: 'KPI', item: 'feedback', manual: null } as const;

function actionSource(type: keyof typeof SOURCE_KINDS, label: string | null): string | null {
  const kind = SOURCE_KINDS[type];
  return kind && label?.trim() ? `${kind}: ${label.trim()}` : null;
}

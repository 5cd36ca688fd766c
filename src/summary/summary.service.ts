import { sinceLastTime } from '../carry-over/carry-over.service.js';
import type { DbOrTrx } from '../db/database.js';
import { listItems } from '../feedback/feedback.service.js';
import { recurringThemes } from '../feedback/recurring-themes.service.js';
import type { Retro } from '../retro/retro.js';
import { countParticipants, kpiHistoryOf, listKpis } from '../retro/retro.service.js';
import type { Message } from '../slack/messages.js';
import { tallyRetroVotes } from '../voting/voting.service.js';
import { presentSummary } from './present-summary.js';
import { presentTopItems } from './present-top-items.js';
import { composeSummary, type SummaryInput } from './summary.js';

/** The top items of each section with their votes, posted in the retro's thread when voting ends. */
export async function topItemsPosts(db: DbOrTrx, retro: Retro, now: Date): Promise<Message[]> {
  const summary = composeSummary(await loadSummaryInput(db, retro, now));
  return presentTopItems({ retroTitle: retro.title, sections: summary.sections });
}

/** The summary posted when the retro closes; `threadUrl` links the retro's card and thread. */
export async function summaryPosts(
  db: DbOrTrx,
  retro: Retro,
  closedAt: Date,
  threadUrl: string | null = null,
): Promise<Message[]> {
  return presentSummary(composeSummary({ ...(await loadSummaryInput(db, retro, closedAt)), threadUrl }));
}

/** Everything the summary is made of, read from the database in one place. */
export async function loadSummaryInput(db: DbOrTrx, retro: Retro, closedAt: Date): Promise<SummaryInput> {
  const [kpis, kpiHistory, items, votes, participants, rootCauses, actions] = await Promise.all([
    listKpis(db, retro.id),
    kpiHistoryOf(db, retro),
    listItems(db, retro.id),
    tallyRetroVotes(db, retro.id),
    countParticipants(db, retro.id),
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
  const since = await sinceLastTime(db, retro.teamId, retro.id);
  const recurring = await recurringThemes(db, retro.id);
  return {
    title: retro.title,
    sinceLastTime: since,
    kind: retro.kind,
    template: retro.template,
    closedAt,
    startedAt: retro.createdAt,
    phase: retro.phase,
    kpis: kpis.map((kpi) => {
      const history = kpiHistory.get(kpi.id);
      return history ? { ...kpi, history } : kpi;
    }),
    items: items.map((i) => ({
      id: i.id,
      section: i.section,
      text: i.body,
      anonymous: i.authorId === null,
      authorId: i.authorId,
    })),
    recurring,
    votes,
    participantCount: participants,
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

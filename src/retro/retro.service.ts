/**
 * What other features may ask of the retro core: finding retros, counting who took part, and taking the
 * row lock under which a submission, a ballot and a phase change cannot interleave. Queries stay in the
 * repository.
 */
export {
  carriedKpis,
  carriedKpisFrom,
  countParticipants,
  findLatestRetroInChannel,
  findOpenRetroInChannel,
  findRetro,
  hasFacilitated,
  kpiHistoryOf,
  listEarlierSeries,
  listFacilitatedRetros,
  listKpis,
  listRecentRetrosNear,
  listRetrosAwaitingReminder,
  listRetrosAwaitingVotingReminder,
  listRetrosPastDeadline,
  listRetrosPastVotingDeadline,
  listStaleDiscussions,
  lockRetroPhase,
  seriesKeysOfMetrics,
} from './retro.repository.js';

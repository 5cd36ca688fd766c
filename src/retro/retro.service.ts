/**
 * What other features may ask of the retro core: finding retros and taking the row lock under
 * which a submission, a ballot and a phase change cannot interleave. Queries stay in the repository.
 */
export {
  findLatestRetroInChannel,
  findOpenRetroInChannel,
  listKpis,
  lockRetroPhase,
} from './retro.repository.js';

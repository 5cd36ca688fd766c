/** `/retro start`: the setup modal, its template-kind select and its input blocks. */
export const SETUP_IDS = {
  view: 'retro_setup',
  kindSelect: 'retro_kind_select',
  blocks: {
    title: 'title',
    kind: 'kind',
    template: 'template',
    kpis: 'kpis',
    deadline: 'deadline',
    voteBudget: 'vote_budget',
    votingLength: 'voting_length',
    facilitators: 'facilitators',
  },
} as const;

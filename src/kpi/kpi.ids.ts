/** The KPI actuals modal. */
export const KPI_IDS = { view: 'retro_edit_kpis' } as const;

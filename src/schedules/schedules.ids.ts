/** `/retro schedule`: the schedule modal, the schedule's view and its buttons, and the preparation DM's. */
export const SCHEDULE_IDS = {
  view: 'retro_schedule',
  frequencySelect: 'retro_schedule_frequency',
  overview: 'retro_schedule_overview',
  edit: 'retro_schedule_edit',
  pause: 'retro_schedule_pause',
  resume: 'retro_schedule_resume',
  delete: 'retro_schedule_delete',
  deleteConfirm: 'retro_schedule_delete_confirm',
  prepareKpis: 'retro_schedule_prepare_kpis',
  prepareView: 'retro_schedule_prepare',
  blocks: {
    title: 'schedule_title',
    frequency: 'schedule_frequency',
    /** The day's block id changes with the frequency, so Slack shows the new options' default. */
    weekday: 'schedule_weekday',
    monthDay: 'schedule_month_day',
    time: 'schedule_time',
    startingOn: 'schedule_starting_on',
    template: 'schedule_template',
    kpis: 'schedule_kpis',
    facilitators: 'schedule_facilitators',
    collect: 'schedule_collect',
    votingLength: 'schedule_voting_length',
    prepare: 'schedule_prepare',
  },
} as const;

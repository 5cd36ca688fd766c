/** `/retro settings`: its modal and the modal's input blocks (workspace-wide first, then personal). */
export const SETTINGS_IDS = {
  view: 'retro_settings',
  blocks: {
    weekday: 'settings_weekday',
    hour: 'settings_hour',
    timeZone: 'settings_time_zone',
    digest: 'settings_digest',
    digestChannel: 'settings_digest_channel',
    channelCanvas: 'settings_channel_canvas',
    optOut: 'settings_opt_out',
  },
} as const;

import type { FeatureModule } from '../feature.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { preparePressed, prepareSubmitted } from './preparation.handlers.js';
import { sendPreparations } from './preparation.service.js';
import {
  deleteConfirmed,
  deletePressed,
  editPressed,
  frequencyChanged,
  pauseOrResumePressed,
  scheduleCommand,
  scheduleSubmitted,
} from './schedules.handlers.js';
import { SCHEDULE_IDS } from './schedules.ids.js';
import { postMissingCards, startDueRetros } from './starts.service.js';

/**
 * A cadence the bot keeps: `/retro schedule` (the modal, the schedule's view and its changes), the start of
 * each due occurrence with its card (then what follows a start: `onStarted`, as for `/retro start`), and the
 * facilitators' preparation before it.
 */
export function schedulesModule(onStarted: OnRetroStarted): FeatureModule {
  return {
    register(app, ctx) {
      app.action(SCHEDULE_IDS.frequencySelect, frequencyChanged(ctx));
      app.view(SCHEDULE_IDS.view, scheduleSubmitted(ctx));
      app.action(SCHEDULE_IDS.edit, editPressed(ctx));
      app.action(SCHEDULE_IDS.pause, pauseOrResumePressed(ctx, 'pause'));
      app.action(SCHEDULE_IDS.resume, pauseOrResumePressed(ctx, 'resume'));
      app.action(SCHEDULE_IDS.delete, deletePressed(ctx));
      app.view(SCHEDULE_IDS.deleteConfirm, deleteConfirmed(ctx));
      app.action(SCHEDULE_IDS.prepareKpis, preparePressed(ctx));
      app.view(SCHEDULE_IDS.prepareView, prepareSubmitted(ctx));
    },
    subcommands: (ctx) => ({ schedule: scheduleCommand(ctx) }),
    jobs: () => [
      {
        name: 'scheduled starts',
        run: async (ctx, now) =>
          (await startDueRetros(ctx, now, onStarted)) + (await postMissingCards(ctx, now, onStarted)),
      },
      { name: 'retro preparation', run: (ctx, now) => sendPreparations(ctx, now) },
    ],
  };
}

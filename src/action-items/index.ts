import type { FeatureContext } from '../context.js';
import type { FeatureModule } from '../feature.js';
import {
  actionCommand,
  actionSubmitted,
  actionsCommand,
  changePressed,
  modalPressed,
  modalSubmitted,
  type RefreshHomes,
} from './action-items.handlers.js';
import { ACTION_ITEM_IDS } from './action-items.ids.js';
import { registerActionDms } from './action-items.service.js';

const IDS = ACTION_ITEM_IDS;

/**
 * Action items: `/retro action` and `/retro actions`, the create modal, and Done / Snooze / Reassign /
 * Change due date wherever an item shows. `refreshHomes` re-publishes the App Home of whoever a change
 * concerns (the Home tab builds on this feature, so it is handed in).
 */
export function actionItemsModule(homes: (ctx: FeatureContext) => RefreshHomes): FeatureModule {
  return {
    register(app, ctx) {
      const refreshHomes = homes(ctx);
      registerActionDms(ctx);
      app.view(IDS.views.create, actionSubmitted(ctx, refreshHomes));
      app.action(IDS.actions.done, changePressed(ctx, refreshHomes, 'done'));
      app.action(IDS.actions.snooze, changePressed(ctx, refreshHomes, 'snooze'));
      app.action(IDS.actions.reassign, modalPressed(ctx, 'reassign'));
      app.action(IDS.actions.redate, modalPressed(ctx, 'redate'));
      app.view(IDS.views.reassign, modalSubmitted(ctx, refreshHomes, 'reassign'));
      app.view(IDS.views.redate, modalSubmitted(ctx, refreshHomes, 'redate'));
    },
    subcommands: (ctx) => ({
      action: actionCommand(ctx, homes(ctx)),
      actions: actionsCommand(ctx),
    }),
  };
}

export { openActionModal } from './action-items.handlers.js';

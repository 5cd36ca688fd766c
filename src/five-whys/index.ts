import { ACTION_ITEM_IDS } from '../action-items/action-items.ids.js';
import type { FeatureModule } from '../feature.js';
import {
  addActionPressed,
  editPressed,
  itemMenuPicked,
  startPressed,
  toActionPressed,
  whysSubmitted,
} from './five-whys.handlers.js';
import { FIVE_WHYS_IDS } from './five-whys.ids.js';
import { registerChainMessages } from './five-whys.service.js';

/**
 * Five Whys from a revealed item, a missed KPI or the card, posted in the retro's thread; and the
 * *Add action item* buttons on those same sources, which need the sources read here.
 */
export const fiveWhysModule: FeatureModule = {
  register(app, ctx) {
    registerChainMessages(ctx);
    app.action(FIVE_WHYS_IDS.actions.startPattern, startPressed(ctx));
    app.action(FIVE_WHYS_IDS.actions.itemMenu, itemMenuPicked(ctx));
    app.action(FIVE_WHYS_IDS.actions.edit, editPressed(ctx));
    app.action(FIVE_WHYS_IDS.actions.toActionItem, toActionPressed(ctx));
    app.action(ACTION_ITEM_IDS.actions.add, addActionPressed(ctx));
    app.view(FIVE_WHYS_IDS.view, whysSubmitted(ctx));
  },
};

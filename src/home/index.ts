import type { FeatureModule } from '../feature.js';
import { homeOpened } from './home.handlers.js';

/** The App Home tab: my open action items, retros I facilitate, recent retros in my channels. */
export const homeModule: FeatureModule = {
  register(app, ctx) {
    app.event('app_home_opened', homeOpened(ctx));
  },
};

export { homeRefresher } from './home.service.js';

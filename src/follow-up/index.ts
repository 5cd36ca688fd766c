import type { FeatureModule } from '../feature.js';
import { userChanged } from './follow-up.handlers.js';
import { pruneDeliveries } from './follow-up.repository.js';
import { queueDigests, queueNudges, refreshTimeZones } from './follow-up.service.js';

/** Records of past weeks kept this long: a look back over a quarter of follow-up. */
const KEEP_DELIVERIES_MS = 100 * 24 * 3600_000;

/** The weekly follow-up: owners' zones first, so a nudge due this minute uses a fresh one. */
export const followUpModule: FeatureModule = {
  register(app, ctx) {
    app.event('user_change', userChanged(ctx));
  },
  jobs: () => [
    { name: 'time zones', run: refreshTimeZones },
    { name: 'nudges', run: queueNudges },
    { name: 'digests', run: queueDigests },
    {
      name: 'follow-up records',
      run: (c, now) => pruneDeliveries(c.db, new Date(now.getTime() - KEEP_DELIVERIES_MS)),
    },
  ],
};

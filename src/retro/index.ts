import type { FeatureModule } from '../feature.js';
import { CARD_RENDERER, catchUpCards, renderCard } from './card.service.js';
import { statusCommand } from './retro.handlers.js';

/** The retro core: its card and `/retro status`. Other features act on retros through its guard and service. */
export const retroModule: FeatureModule = {
  register: (_app, ctx) =>
    ctx.outbox.renderer(CARD_RENDERER, (db, job) => renderCard(db, job, ctx.clock.now())),
  subcommands: (ctx) => ({ status: statusCommand(ctx) }),
  jobs: () => [{ name: 'card counts', run: catchUpCards }],
};

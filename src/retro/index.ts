import type { FeatureModule } from '../feature.js';
import { CARD_RENDERER, renderCard } from './card.service.js';
import { statusCommand } from './retro.handlers.js';

/** The retro core: its card and `/retro status`. Other features act on retros through its guard and service. */
export const retroModule: FeatureModule = {
  register: (_app, ctx) => ctx.outbox.renderer(CARD_RENDERER, renderCard),
  subcommands: (ctx) => ({ status: statusCommand(ctx) }),
};

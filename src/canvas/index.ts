import type { FeatureModule } from '../feature.js';
import { registerChannelCanvas } from './canvas.service.js';

/**
 * A channel's retros kept on its channel canvas (when the workspace turned it on in `/retro settings`):
 * the features that change the record queue `channelCanvasEdit` through the outbox; this draws it.
 */
export const canvasModule: FeatureModule = {
  register(_app, ctx) {
    registerChannelCanvas(ctx);
  },
};

import type { FeatureModule } from '../feature.js';
import { deleteRemovedWorkspaces } from './removal.service.js';
import { appUninstalled, tokensRevoked } from './workspaces.handlers.js';

/** Uninstall means gone: nothing more is sent to a workspace that removed the app, and its data is deleted. */
export const workspacesModule: FeatureModule = {
  register(app, ctx) {
    app.event('app_uninstalled', appUninstalled(ctx));
    app.event('tokens_revoked', tokensRevoked(ctx));
  },
  jobs: () => [{ name: 'delete-removed-workspaces', run: (ctx) => deleteRemovedWorkspaces(ctx) }],
};

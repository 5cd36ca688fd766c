export { createInstallationStore, type RearviewInstallationStore } from './installation.service.js';
export { refreshOnceAcrossCopies } from './refresh-once.service.js';
export { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from './scopes.js';
export { type AuthorizeTeam, teamClients, tokenOf } from './team-clients.service.js';

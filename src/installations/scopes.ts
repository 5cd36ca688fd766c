/** What an install by OAuth asks for: the bot scopes of manifest.yml (test/unit/installations-scopes.test.ts keeps them equal). */
export const BOT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'channels:read',
  'groups:read',
  'files:write',
  'canvases:write',
];

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

import type { AuthorizeResult, InstallationQuery } from '@slack/bolt';
import type { RearviewInstallationStore } from './installation.service.js';

// Bolt's install provider refreshes a rotating token when it expires within two hours, by its own
// wall clock (Date.now), so the same margin and clock decide here whether a refresh is coming.
const BOLT_REFRESH_MARGIN_MS = 2 * 60 * 60_000;
const LEASE_MS = 30_000;
const LOOK_EVERY_MS = 100;

type Authorize = (query: InstallationQuery<boolean>) => Promise<AuthorizeResult>;

/**
 * Slack's refresh tokens are good for one refresh: two copies of the bot refreshing the same token at
 * once would leave one with a refused refresh. The copy that takes the installation's lease lets Bolt
 * refresh and store; the others wait until the stored token is fresh, then read it.
 */
export function refreshOnceAcrossCopies(
  store: RearviewInstallationStore,
  authorize: Authorize,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Authorize {
  const expiring = async (query: InstallationQuery<boolean>) => {
    const installation = await store.fetchInstallation(query).catch(() => undefined);
    const expiresAt = installation?.bot?.expiresAt;
    const due =
      installation?.bot?.refreshToken && expiresAt && expiresAt * 1000 - Date.now() < BOLT_REFRESH_MARGIN_MS;
    return due ? installation : undefined;
  };
  return async (query) => {
    for (let waited = 0; waited < LEASE_MS; waited += LOOK_EVERY_MS) {
      const installation = await expiring(query);
      if (!installation) return authorize(query);
      if (await store.claimRefresh(installation, LEASE_MS)) {
        try {
          return await authorize(query);
        } finally {
          await store.releaseRefresh(installation);
        }
      }
      await sleep(LOOK_EVERY_MS);
    }
    // The copy that held the lease is gone: this one refreshes (its lease ran out, so it can be taken).
    return authorize(query);
  };
}

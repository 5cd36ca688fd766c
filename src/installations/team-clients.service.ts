import { webApi } from '@slack/bolt';
import type { ClientFor } from '../context.js';

/** What the install provider answers for a workspace (Bolt's `authorize`, which also refreshes rotated tokens). */
export type AuthorizeTeam = (
  teamId: string,
) => Promise<{ botToken?: string | undefined; botUserId?: string | undefined }>;

/**
 * Asks for the workspace's token at each call rather than holding it: a rotated token is refreshed by
 * `authorize` and the next call already carries the new one.
 */
class TeamClient extends webApi.WebClient {
  constructor(
    private readonly tokenOf: () => Promise<string>,
    options: webApi.WebClientOptions,
  ) {
    super(undefined, options);
  }

  override async apiCall(
    method: string,
    options: Record<string, unknown> = {},
  ): Promise<webApi.WebAPICallResult> {
    return super.apiCall(method, { ...options, token: await this.tokenOf() });
  }
}

/** A workspace without an installation is refused here: its calls never go out with another's token. */
export async function tokenOf(authorize: AuthorizeTeam, teamId: string): Promise<string> {
  const result = await authorize(teamId).catch(() => undefined);
  if (!result?.botToken) throw new Error(`Rearview is not installed in workspace ${teamId}`);
  return result.botToken;
}

export function teamClients(
  authorize: AuthorizeTeam,
  options: webApi.WebClientOptions,
): { clientFor: ClientFor; botUserId(teamId: string): Promise<string> } {
  const clients = new Map<string, TeamClient>();
  return {
    clientFor(teamId) {
      let client = clients.get(teamId);
      if (!client) {
        client = new TeamClient(() => tokenOf(authorize, teamId), options);
        clients.set(teamId, client);
      }
      return client;
    },
    async botUserId(teamId) {
      const result = await authorize(teamId);
      if (!result.botUserId) throw new Error(`Rearview is not installed in workspace ${teamId}`);
      return result.botUserId;
    },
  };
}

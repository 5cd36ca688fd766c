import type { webApi } from '@slack/bolt';

/** Display names of the given users (for attributed items), one users.info call per person. */
export async function displayNames(
  client: webApi.WebClient,
  userIds: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  const names = await Promise.all(
    ids.map(async (id) => {
      try {
        const { user } = await client.users.info({ user: id });
        return user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || id;
      } catch {
        return 'a teammate';
      }
    }),
  );
  return new Map(ids.map((id, i) => [id, names[i] ?? id]));
}

/**
 * A person's time zone (e.g. 'Europe/Berlin') from their profile; undefined when Slack does not say
 * or does not answer within `withinMs` (callers answer inside Slack's 3 seconds and fall back to UTC).
 */
export async function timeZoneOf(
  client: webApi.WebClient,
  userId: string,
  withinMs = 1_000,
): Promise<string | undefined> {
  const lookup = client.users
    .info({ user: userId })
    .then(({ user }) => user?.tz || undefined)
    .catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, withinMs, undefined);
  });
  try {
    return await Promise.race([lookup, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a user id names a bot or an app (they cannot own work); false when Slack does not say. */
export async function isBotUser(client: webApi.WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.is_bot === true || user?.id === 'USLACKBOT';
  } catch {
    return false;
  }
}

/** Whether Slack says the person is a workspace admin or owner; not knowing (an error) is not being one. */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return user?.is_admin === true || user?.is_owner === true;
  } catch {
    return false;
  }
}

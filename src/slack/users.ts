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

import type { webApi } from '@slack/bolt';

/** Display names for attributed items, looked up once per user per call site. */
export function nameResolver(
  client: webApi.WebClient,
): (userIds: Iterable<string>) => Promise<Map<string, string>> {
  const cache = new Map<string, string>();
  return async (userIds) => {
    const missing = [...new Set(userIds)].filter((id) => !cache.has(id));
    await Promise.all(
      missing.map(async (id) => {
        try {
          const res = await client.users.info({ user: id });
          const profile = res.user?.profile;
          cache.set(
            id,
            profile?.display_name || profile?.real_name || res.user?.real_name || res.user?.name || id,
          );
        } catch {
          cache.set(id, 'a teammate');
        }
      }),
    );
    return new Map([...new Set(userIds)].map((id) => [id, cache.get(id) ?? id]));
  };
}

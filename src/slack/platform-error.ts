/** Slack's error code in a failed Web API call (`invalid_auth`, `expired_trigger_id`), as WebClient gives it. */
export function platformErrorOf(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}

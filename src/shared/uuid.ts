const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in button values and metadata come from clients; anything but a uuid would make Postgres throw. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

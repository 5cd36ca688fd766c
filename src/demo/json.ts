/** A JSON object as Slack sends it: read field by field, each checked where it is used. */
export type Json = { [key: string]: unknown };

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list (blocks, elements, options); anything else is none. */
export function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

/** A select's options, flat or in groups. */
export function optionsOf(element: Json): Json[] {
  return element.options !== undefined
    ? listOf(element.options)
    : listOf(element.option_groups).flatMap((g) => listOf(g.options));
}

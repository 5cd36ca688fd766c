import { z } from 'zod';

/**
 * Reads a modal's `state.values`. Every input block holds one element; values are looked up by
 * block_id and checked with zod, because a submission is user-controlled input like any other.
 */
export type ViewStateValues = Record<string, Record<string, unknown>>;

const Option = z.object({ value: z.string() });
const ElementState = z
  .object({
    value: z.string().nullish(),
    selected_option: Option.nullish(),
    selected_options: z.array(Option).nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_date_time: z.number().nullish(),
  })
  .loose();
type ElementState = z.infer<typeof ElementState>;

function elementOf(values: ViewStateValues, blockId: string): ElementState | undefined {
  const block = values[blockId];
  if (!block) return undefined;
  const first = Object.values(block)[0];
  const parsed = ElementState.safeParse(first);
  return parsed.success ? parsed.data : undefined;
}

export function textOf(values: ViewStateValues, blockId: string): string {
  return elementOf(values, blockId)?.value ?? '';
}

export function selectedOf(values: ViewStateValues, blockId: string): string | undefined {
  return elementOf(values, blockId)?.selected_option?.value;
}

export function selectedManyOf(values: ViewStateValues, blockId: string): string[] {
  return elementOf(values, blockId)?.selected_options?.map((o) => o.value) ?? [];
}

export function usersOf(values: ViewStateValues, blockId: string): string[] {
  return elementOf(values, blockId)?.selected_users ?? [];
}

export function dateTimeOf(values: ViewStateValues, blockId: string): number | undefined {
  return elementOf(values, blockId)?.selected_date_time ?? undefined;
}

/** Block ids present in the submitted state (e.g. all the vote selects). */
export function blockIdsOf(values: ViewStateValues, prefix: string): string[] {
  return Object.keys(values).filter((id) => id.startsWith(prefix));
}

import { z } from 'zod';
import { withoutControlCharacters } from '../shared/text.js';

/**
 * The one way a modal submission is read: every input block's value is taken from `state.values`
 * by block_id and checked by that block's zod schema, because a submission is user-controlled input
 * like any other. The result is either typed values or the `errors` map Slack shows under each field.
 */
export type ViewStateValues = Record<string, Record<string, unknown>>;

export type FormResult<T> = { ok: true; values: T } | { ok: false; errors: Record<string, string> };

/** Schemas keyed by input block id. */
export type FormSchema = Record<string, z.ZodType>;

type FormValues<S extends FormSchema> = { [K in keyof S]: z.output<S[K]> };

const Option = z.object({ value: z.string() });
const ElementState = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: Option.nullish(),
    selected_options: z.array(Option).nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_date_time: z.number().nullish(),
    selected_user: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_channel: z.string().nullish(),
  })
  .loose();

/**
 * The value of the one element in an input block: text for text inputs (an untouched one is ''),
 * the option value for a select, option values for checkboxes and multi-selects, user ids for a
 * users select (or the one user of a single users select), the channel of a channels select,
 * 'YYYY-MM-DD' for a date picker, unix
 * seconds for a date-time picker; undefined when the block is missing or empty.
 */
function fieldValue(values: ViewStateValues, blockId: string): string | string[] | number | undefined {
  const element = Object.values(values[blockId] ?? {})[0];
  // Text inputs, the bulk of every submission, are checked by hand: zod costs more than the rest
  // of reading a form when a whole team submits at once.
  if (isTextInput(element)) return withoutControlCharacters(element.value ?? '');
  const options = checkedOptions(element);
  if (options) return options;
  const parsed = ElementState.safeParse(element);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  if (e.selected_options !== undefined) return (e.selected_options ?? []).map((o) => o.value);
  if (e.selected_users !== undefined) return e.selected_users ?? [];
  if (e.selected_user !== undefined) return e.selected_user ?? undefined;
  if (e.selected_date !== undefined) return e.selected_date ?? undefined;
  if (e.selected_channel !== undefined) return e.selected_channel ?? undefined;
  if (e.selected_date_time !== undefined) return e.selected_date_time ?? undefined;
  if (e.selected_option !== undefined) return e.selected_option?.value;
  return withoutControlCharacters(e.value ?? '');
}

function isTextInput(element: unknown): element is { value?: string | null } {
  if (typeof element !== 'object' || element === null) return false;
  const { type, value } = element as { type?: unknown; value?: unknown };
  return type === 'plain_text_input' && (value === undefined || value === null || typeof value === 'string');
}

const MULTIPLE_CHOICES = new Set(['checkboxes', 'multi_static_select']);

/** The option values of checkboxes or a multi-select, when plainly that; undefined for anything else. */
function checkedOptions(element: unknown): string[] | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const { type, selected_options: selected } = element as { type?: unknown; selected_options?: unknown };
  if (typeof type !== 'string' || !MULTIPLE_CHOICES.has(type) || !Array.isArray(selected)) return undefined;
  const values: string[] = [];
  for (const option of selected) {
    const value = (option as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return undefined;
    values.push(value);
  }
  return values;
}

/** Reads every block of `schema`; the first problem of each block becomes that block's error. */
export function readForm<S extends FormSchema>(
  values: ViewStateValues,
  schema: S,
): FormResult<FormValues<S>> {
  const out: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [blockId, blockSchema] of Object.entries(schema)) {
    const parsed = blockSchema.safeParse(fieldValue(values, blockId));
    if (parsed.success) out[blockId] = parsed.data;
    else errors[blockId] = parsed.error.issues[0]?.message ?? 'Check this field.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: out as FormValues<S> };
}

/** Block ids present in the submitted state (e.g. all the vote selects). */
export function blockIdsOf(values: ViewStateValues, prefix: string): string[] {
  return Object.keys(values).filter((id) => id.startsWith(prefix));
}

/** Text of a block (untouched → ''). */
export const text = () => z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** Option values of checkboxes or a multi-select (none picked → []). */
export const picked = () => z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.string()));

/**
 * A block checked by a domain parser that answers `{ ok, value }` or `{ ok: false, error }`: the
 * parser keeps its rules, the form only carries its error to the field.
 */
export function parsedBy<T, In = string>(
  input: z.ZodType<In>,
  parse: (raw: In) => { ok: true; value: T } | { ok: false; error: string },
) {
  return input.transform((raw, ctx): T => {
    const result = parse(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });
}

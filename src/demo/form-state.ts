/** A value typed or picked into one input: text, option values, user ids, a date, a unix time. */
export type FillValue = string | string[] | number | boolean | null;

import { isJson, type Json, listOf, optionsOf } from './json.js';

/**
 * `view.state.values` as Slack builds it on submission: every input with what was filled in by block id,
 * the rest with its initial value. The guided start fills modals with it, as a person would.
 */
export function formValues(
  view: Json,
  fill: Record<string, FillValue> = {},
): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of listOf(view.blocks)) {
    const element = block.element;
    if (block.type !== 'input' || !isJson(element)) continue;
    const id = String(block.block_id);
    const value = Object.hasOwn(fill, id) ? fill[id] : undefined;
    state[id] = { [String(element.action_id)]: inputState(element, value) };
  }
  return state;
}

/**
 * What to do with a value the element does not offer: a person cannot pick it (`drop`); a test forging a
 * submission sends it anyway (`keep`), as a hand-made request to Slack's endpoint could.
 */
export type UnknownOptions = 'drop' | 'keep';

/** One input's entry of `view.state.values`: `value` filled in, or its initial value when undefined. */
export function inputState(
  element: Json,
  value: FillValue | undefined,
  unknown: UnknownOptions = 'drop',
): unknown {
  const options = optionsOf(element);
  const pick = (_: Json, wanted: string[]): Json[] =>
    wanted.flatMap((v) => {
      const found = options.find((o) => o.value === v);
      if (found) return [found];
      return unknown === 'keep' ? [{ text: { type: 'plain_text', text: v }, value: v }] : [];
    });
  const type = String(element.type);
  const given = value !== undefined;
  switch (type) {
    case 'checkboxes':
    case 'multi_static_select': {
      const chosen =
        value === true
          ? optionsOf(element)
          : value === false || value === null
            ? []
            : given
              ? pick(element, [value as string | string[]].flat().map(String))
              : (element.initial_options ?? []);
      return { type, selected_options: chosen };
    }
    case 'static_select':
    case 'radio_buttons':
      return {
        type,
        selected_option: given
          ? (pick(element, [String(value)])[0] ?? null)
          : (element.initial_option ?? null),
      };
    case 'users_select':
      return { type, selected_user: given ? value : (element.initial_user ?? null) };
    case 'multi_users_select':
      return { type, selected_users: given ? [value].flat().filter(Boolean) : (element.initial_users ?? []) };
    case 'channels_select':
      return { type, selected_channel: given ? value : (element.initial_channel ?? null) };
    case 'conversations_select':
      return { type, selected_conversation: given ? value : (element.initial_conversation ?? null) };
    case 'datepicker':
      return { type, selected_date: given ? value : (element.initial_date ?? null) };
    case 'timepicker':
      return { type, selected_time: given ? value : (element.initial_time ?? null) };
    case 'datetimepicker':
      return { type, selected_date_time: given ? value : (element.initial_date_time ?? null) };
    default:
      return {
        type,
        value: given ? (value === null ? null : String(value)) : (element.initial_value ?? null),
      };
  }
}

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
    state[id] = { [String(element.action_id)]: elementState(element, value) };
  }
  return state;
}

function pick(element: Json, wanted: string[]): Json[] {
  const options = optionsOf(element);
  return wanted.flatMap((v) => options.filter((o) => o.value === v).slice(0, 1));
}

function elementState(element: Json, value: FillValue | undefined): unknown {
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

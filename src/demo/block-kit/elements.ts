import { localTime } from '../../shared/wall-clock.js';
import { escapeHtml, mrkdwnToHtml, plainToHtml, type TextContext } from './mrkdwn.js';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit as Slack sends it, read field by field.
export type Json = Record<string, any>;

export interface ElementContext extends TextContext {
  /** Who a users select offers. */
  people?: readonly { id: string; name: string }[] | undefined;
  /** Which channels a channels select offers. */
  channels?: readonly { id: string; name: string }[] | undefined;
  fileUrl?(fileId: string): string | undefined;
}

/** A text object (`plain_text` or `mrkdwn`) as HTML. */
export function textHtml(text: unknown, ctx: TextContext): string {
  if (typeof text === 'string') return plainToHtml(text);
  if (!text || typeof text !== 'object') return '';
  const t = text as Json;
  const body = String(t.text ?? '');
  return t.type === 'mrkdwn' ? mrkdwnToHtml(body, ctx) : plainToHtml(body, t.emoji !== false);
}

/** What the page needs to send back: a data attribute holding JSON. */
function data(name: string, value: unknown): string {
  return ` data-${name}="${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}"`;
}

function idAttrs(element: Json, blockId: string): string {
  return `${data('type', String(element.type))}${data('action-id', String(element.action_id ?? ''))}${data('block-id', blockId)}`;
}

function placeholderText(element: Json): string {
  const p = element.placeholder as Json | undefined;
  return p ? String(p.text ?? '') : '';
}

function optionsOf(element: Json): Json[] {
  if (Array.isArray(element.options)) return element.options as Json[];
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as Json[]).flatMap((g) =>
      Array.isArray(g.options) ? (g.options as Json[]) : [],
    );
  }
  return [];
}

/** An option as it goes back to the app: its text and value (and description), nothing the page added. */
function optionJson(option: Json): Json {
  return {
    text: option.text,
    value: option.value,
    ...(option.description ? { description: option.description } : {}),
  };
}

function sameOption(a: Json | undefined, b: Json): boolean {
  return !!a && a.value === b.value;
}

function selectOptionsHtml(element: Json, chosen: (o: Json) => boolean, ctx: TextContext): string {
  const one = (o: Json) =>
    `<option value="${escapeHtml(String(o.value ?? ''))}"${chosen(o) ? ' selected' : ''}${data('option', optionJson(o))}>${textHtml(o.text, ctx)}</option>`;
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as Json[])
      .map(
        (g) =>
          `<optgroup label="${escapeHtml(String((g.label as Json | undefined)?.text ?? ''))}">${((g.options as Json[]) ?? []).map(one).join('')}</optgroup>`,
      )
      .join('');
  }
  return optionsOf(element).map(one).join('');
}

function confirmAttr(element: Json): string {
  const c = element.confirm as Json | undefined;
  if (!c) return '';
  const plain = (t: unknown) => String((t as Json | undefined)?.text ?? '');
  return data('confirm', {
    title: plain(c.title),
    text: plain(c.text),
    confirm: plain(c.confirm),
    deny: plain(c.deny),
  });
}

/** An interactive element or an image, where it stands (an actions block, an accessory, an input). */
export function elementHtml(element: Json, blockId: string, ctx: ElementContext): string {
  const type = String(element.type);
  const attrs = idAttrs(element, blockId);
  switch (type) {
    case 'button': {
      const style = element.style === 'primary' || element.style === 'danger' ? ` bk-${element.style}` : '';
      // The page opens it: a web address only, never a `javascript:` one.
      const url = /^https?:\/\//i.test(String(element.url ?? '')) ? data('url', String(element.url)) : '';
      return `<button type="button" class="bk-button${style}"${attrs}${data('value', String(element.value ?? ''))}${url}${confirmAttr(element)}>${textHtml(element.text, ctx)}</button>`;
    }
    case 'overflow':
      return `<details class="bk-overflow"><summary class="bk-button" data-chrome title="More actions">⋯</summary><div class="bk-menu">${optionsOf(
        element,
      )
        .map(
          (o) =>
            `<button type="button" class="bk-menu-item"${attrs}${data('option', optionJson(o))}>${textHtml(o.text, ctx)}</button>`,
        )
        .join('')}</div></details>`;
    case 'static_select':
    case 'multi_static_select': {
      const multi = type === 'multi_static_select';
      const initial = multi ? ((element.initial_options as Json[]) ?? []) : [element.initial_option as Json];
      const blank = multi
        ? ''
        : `<option value="" data-chrome>${escapeHtml(placeholderText(element) || 'Select…')}</option>`;
      return `<select class="bk-select"${multi ? ' multiple' : ''}${attrs}>${blank}${selectOptionsHtml(element, (o) => initial.some((i) => sameOption(i, o)), ctx)}</select>`;
    }
    case 'users_select':
    case 'multi_users_select': {
      const multi = type === 'multi_users_select';
      const initial: string[] = multi
        ? ((element.initial_users as string[]) ?? [])
        : [String(element.initial_user ?? '')];
      return pickerOfIds(multi, attrs, element, initial, ctx.people ?? [], '@');
    }
    case 'channels_select':
    case 'conversations_select': {
      const initial = String(element.initial_channel ?? element.initial_conversation ?? '');
      const known = ctx.channels ?? [];
      const list =
        known.some((c) => c.id === initial) || !initial
          ? known
          : [...known, { id: initial, name: ctx.channelName(initial) ?? initial }];
      return pickerOfIds(false, attrs, element, [initial], list, '#');
    }
    case 'datepicker':
      return `<input type="date" class="bk-input-el"${attrs} value="${escapeHtml(String(element.initial_date ?? ''))}">`;
    case 'timepicker':
      return `<input type="time" class="bk-input-el"${attrs} value="${escapeHtml(String(element.initial_time ?? ''))}">`;
    case 'datetimepicker': {
      const initial = Number(element.initial_date_time);
      const value = Number.isFinite(initial) ? localDateTime(new Date(initial * 1000), ctx.zone) : '';
      return `<input type="datetime-local" class="bk-input-el"${attrs}${data('zone', ctx.zone)} value="${escapeHtml(value)}">`;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const initial =
        type === 'checkboxes'
          ? ((element.initial_options as Json[]) ?? [])
          : [element.initial_option as Json];
      const kind = type === 'checkboxes' ? 'checkbox' : 'radio';
      const name = escapeHtml(`${blockId}/${String(element.action_id ?? '')}`);
      return `<div class="bk-choices"${attrs}>${optionsOf(element)
        .map(
          (o) =>
            `<label class="bk-choice"><input type="${kind}" name="${name}"${initial.some((i) => sameOption(i, o)) ? ' checked' : ''}${data('option', optionJson(o))}> <span>${textHtml(o.text, ctx)}${o.description ? `<br><small>${textHtml(o.description, ctx)}</small>` : ''}</span></label>`,
        )
        .join('')}</div>`;
    }
    case 'plain_text_input': {
      const value = escapeHtml(String(element.initial_value ?? ''));
      const common = `${attrs} placeholder="${escapeHtml(placeholderText(element))}"${element.max_length ? ` maxlength="${Number(element.max_length)}"` : ''}`;
      return element.multiline
        ? `<textarea class="bk-input-el" rows="4"${common}>${value}</textarea>`
        : `<input type="text" class="bk-input-el"${common} value="${value}">`;
    }
    case 'image':
      return `<img class="bk-image-el" src="${escapeHtml(safeSrc(element.image_url, ctx))}" alt="${escapeHtml(String(element.alt_text ?? ''))}">`;
    default:
      return `<span class="bk-unsupported">[${escapeHtml(type)}]</span>`;
  }
}

function pickerOfIds(
  multi: boolean,
  attrs: string,
  element: Json,
  initial: string[],
  list: readonly { id: string; name: string }[],
  sigil: string,
): string {
  const blank = multi
    ? ''
    : `<option value="" data-chrome>${escapeHtml(placeholderText(element) || 'Select…')}</option>`;
  const options = list
    .map(
      (p) =>
        `<option value="${escapeHtml(p.id)}"${initial.includes(p.id) ? ' selected' : ''}>${sigil}${escapeHtml(p.name)}</option>`,
    )
    .join('');
  return `<select class="bk-select"${multi ? ' multiple' : ''}${attrs}>${blank}${options}</select>`;
}

/** An image shown from the page: an uploaded file, a web address, or nothing at all. */
export function safeSrc(url: unknown, ctx: ElementContext): string {
  const text = String(url ?? '');
  const file = /^slack-file:(.+)$/.exec(text)?.[1];
  if (file) return ctx.fileUrl?.(file) ?? '';
  return /^(https?:|\/)/i.test(text) ? text : '';
}

/** `YYYY-MM-DDTHH:mm` of an instant on the wall clock of `zone` (what a datetime-local input shows). */
function localDateTime(at: Date, zone: string): string {
  const t = localTime(at, zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
}

import { type ElementContext, elementHtml, type Json, safeSrc, textHtml } from './elements.js';
import { escapeHtml, mrkdwnToHtml } from './mrkdwn.js';

/** Everything the page needs to draw a surface the way Slack draws it for one reader. */
export type RenderContext = ElementContext;

const attr = (value: string) => escapeHtml(value);

/** One block of a message, a modal or the Home tab. */
function blockHtml(block: Json, ctx: RenderContext): string {
  const id = String(block.block_id ?? '');
  const wrap = (kind: string, inner: string) =>
    `<div class="bk-block bk-${kind}" data-block="${attr(id)}">${inner}</div>`;
  switch (block.type) {
    case 'section': {
      const text = block.text ? `<div class="bk-text">${textHtml(block.text, ctx)}</div>` : '';
      const fields = Array.isArray(block.fields)
        ? `<div class="bk-fields">${(block.fields as unknown[]).map((f) => `<div class="bk-field">${textHtml(f, ctx)}</div>`).join('')}</div>`
        : '';
      const accessory = block.accessory
        ? `<div class="bk-accessory">${elementHtml(block.accessory as Json, id, ctx)}</div>`
        : '';
      return wrap('section', `<div class="bk-section-body">${text}${fields}</div>${accessory}`);
    }
    case 'header':
      return wrap('header', `<h3>${textHtml(block.text, ctx)}</h3>`);
    case 'divider':
      return wrap('divider', '<hr>');
    case 'context':
      return wrap(
        'context',
        ((block.elements as Json[]) ?? [])
          .map((e) =>
            e.type === 'image'
              ? elementHtml(e, id, ctx)
              : `<span class="bk-context-text">${textHtml(e, ctx)}</span>`,
          )
          .join(' '),
      );
    case 'actions':
      return wrap('actions', ((block.elements as Json[]) ?? []).map((e) => elementHtml(e, id, ctx)).join(''));
    case 'image': {
      const title = block.title ? `<div class="bk-image-title">${textHtml(block.title, ctx)}</div>` : '';
      const src = safeSrc(
        block.image_url ?? (block.slack_file ? `slack-file:${block.slack_file.id}` : ''),
        ctx,
      );
      return wrap('image', `${title}<img src="${attr(src)}" alt="${attr(String(block.alt_text ?? ''))}">`);
    }
    case 'input': {
      const optional = block.optional ? ' <span class="bk-optional" data-chrome>(optional)</span>' : '';
      const hint = block.hint ? `<div class="bk-hint">${textHtml(block.hint, ctx)}</div>` : '';
      return wrap(
        'input',
        `<label class="bk-label">${textHtml(block.label, ctx)}${optional}</label>${elementHtml((block.element as Json) ?? {}, id, ctx)}${hint}<div class="bk-error" data-chrome data-error-for="${attr(id)}"></div>`,
      );
    }
    case 'markdown':
      return wrap('markdown', mrkdwnToHtml(String(block.text ?? ''), ctx));
    default:
      return wrap('unsupported', `<span class="bk-unsupported">[${escapeHtml(String(block.type))}]</span>`);
  }
}

function blocksHtml(blocks: unknown[] | undefined, ctx: RenderContext): string {
  return (blocks ?? []).map((b) => (b && typeof b === 'object' ? blockHtml(b as Json, ctx) : '')).join('');
}

/** A message (posted, updated, ephemeral, or sent to a response URL): its blocks, or its text when it has none. */
export function renderMessage(
  message: { text?: string; blocks?: unknown[] },
  ctx: RenderContext,
  where: { channel: string; ts: string; ephemeral?: boolean },
): string {
  const body =
    message.blocks && message.blocks.length > 0
      ? blocksHtml(message.blocks, ctx)
      : `<div class="bk-block bk-section"><div class="bk-text">${mrkdwnToHtml(message.text ?? '', ctx)}</div></div>`;
  return `<div class="bk-surface bk-message" data-surface="message" data-channel="${attr(where.channel)}" data-ts="${attr(where.ts)}"${where.ephemeral ? ' data-ephemeral="1"' : ''}>${body}</div>`;
}

/** A modal, with its title, close and submit buttons, or a Home tab (`type: 'home'`). */
export function renderView(
  view: {
    id: string;
    type: string;
    title?: unknown;
    submit?: unknown;
    close?: unknown;
    blocks: unknown[];
  },
  ctx: RenderContext,
): string {
  const open = `<div class="bk-surface bk-view" data-surface="view" data-view-id="${attr(view.id)}" data-view-type="${attr(view.type)}">`;
  if (view.type !== 'modal') return `${open}${blocksHtml(view.blocks, ctx)}</div>`;
  const close = textHtml(view.close ?? { type: 'plain_text', text: view.submit ? 'Cancel' : 'Close' }, ctx);
  const submit = view.submit
    ? `<button type="button" class="bk-button bk-primary" data-submit>${textHtml(view.submit, ctx)}</button>`
    : '';
  return `${open}<div class="bk-modal-title">${textHtml(view.title, ctx)}</div><div class="bk-modal-body">${blocksHtml(view.blocks, ctx)}</div><div class="bk-modal-foot"><button type="button" class="bk-button" data-close>${close}</button>${submit}</div></div>`;
}

import { blocksHtml } from './blocks.js';
import { type ElementContext, textHtml } from './elements.js';
import { escapeHtml, mrkdwnToHtml } from './mrkdwn.js';

export { escapeHtml };

/** Everything the page needs to draw a surface the way Slack draws it for one reader. */
export type RenderContext = ElementContext;

const attr = (value: string) => escapeHtml(value);

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
    private_metadata?: string;
    callback_id?: string;
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

import { type ElementContext, elementHtml, type Json, safeSrc, textHtml } from './elements.js';
import { escapeHtml, mrkdwnToHtml } from './mrkdwn.js';

const attr = (value: string) => escapeHtml(value);

/** One block of a message, a modal or the Home tab. */
function blockHtml(block: Json, ctx: ElementContext): string {
  const id = String(block.block_id ?? '');
  const wrap = (kind: string, inner: string, extra = '') =>
    `<div class="bk-block bk-${kind}" data-block="${attr(id)}"${extra}>${inner}</div>`;
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
        // A choice in such a block is sent to the app at once (it redraws the modal), not only with the submission.
        block.dispatch_action ? ' data-dispatch="1"' : '',
      );
    }
    case 'markdown':
      return wrap('markdown', mrkdwnToHtml(String(block.text ?? ''), ctx));
    default:
      return wrap('unsupported', `<span class="bk-unsupported">[${escapeHtml(String(block.type))}]</span>`);
  }
}

/** A surface's blocks, in order; anything that is not an object is skipped. */
export function blocksHtml(blocks: unknown[] | undefined, ctx: ElementContext): string {
  return (blocks ?? []).map((b) => (b && typeof b === 'object' ? blockHtml(b as Json, ctx) : '')).join('');
}

import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  type RenderContext,
  renderMessage,
  renderView,
} from '../../src/demo/block-kit/render.js';
import { presentSetupModal } from '../../src/setup/present-setup-modal.js';

/** The demo's renderer, read as text: what a person would read, and what the page needs to answer a click. */

type Json = Record<string, unknown>;

const now = new Date('2026-11-24T15:00:00Z');
const names: Record<string, string> = { U0LENA: 'Lena Fischer', U0MARCUS: 'Marcus Reed' };
const ctxIn = (zone: string): RenderContext => ({
  zone,
  now,
  userName: (id) => names[id],
  channelName: (id) => (id === 'C0GTM' ? 'gtm-launch' : undefined),
  fileUrl: (id) => `/demo/files/${id}`,
  people: Object.entries(names).map(([id, name]) => ({ id, name })),
  channels: [{ id: 'C0GTM', name: 'gtm-launch' }],
});
const ctx = ctxIn('Europe/Berlin');
const where = { channel: 'C0GTM', ts: '1795100000.000100' };

/** The text a browser shows of some HTML: tags gone (inline ones leave no space), entities read once. */
function textOf(html: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return html
    .replace(/<\/?(span|b|i|s|code|a)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|lt|gt|amp|quot);/g, (_, e: string) =>
      e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : (entities[e] ?? e),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every tag in some HTML, with its attribute names; throws on a `<` that starts no well-formed tag. */
function tagsOf(html: string): { tag: string; attrs: string[] }[] {
  const tags: { tag: string; attrs: string[] }[] = [];
  const rest = html.replace(
    /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g,
    (_, close, tag, attrs: string) => {
      if (!close)
        tags.push({ tag, attrs: [...attrs.matchAll(/\s+([a-z-]+)(?:="[^"]*")?/g)].map((m) => m[1] ?? '') });
      return '';
    },
  );
  if (rest.includes('<') || rest.includes('>')) throw new Error(`stray markup: ${rest}`);
  return tags;
}

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const option = (text: string, value: string) => ({ text: plain(text), value });
const message = (...blocks: Json[]) => renderMessage({ blocks }, ctx, where);
const mrkdwn = (text: string, zone = 'Europe/Berlin') =>
  renderMessage({ blocks: [{ type: 'section', text: md(text) }] }, ctxIn(zone), where);

/** An input block around one element, as the app's modals hold them. */
const input = (element: Json, label = 'Pick') => ({
  type: 'input',
  block_id: 'b1',
  label: plain(label),
  element: { action_id: 'a1', ...element },
});

describe('the demo renderer, element by element', () => {
  const cases: { name: string; block: Json; text: string[]; type?: string }[] = [
    {
      name: 'section text',
      block: { type: 'section', text: md('*Q3 launch* retro') },
      text: ['Q3 launch retro'],
    },
    {
      name: 'section fields',
      block: { type: 'section', fields: [md('*Phase*\nCollecting'), md('*Deadline*\nFriday')] },
      text: ['Phase Collecting', 'Deadline Friday'],
    },
    {
      name: 'section with a button accessory',
      block: {
        type: 'section',
        block_id: 'b1',
        text: md('An item'),
        accessory: { type: 'button', action_id: 'a1', text: plain('Edit'), value: '42' },
      },
      text: ['An item', 'Edit'],
      type: 'button',
    },
    { name: 'header', block: { type: 'header', text: plain('Retro: Q3') }, text: ['Retro: Q3'] },
    {
      name: 'context',
      block: { type: 'context', elements: [md('Started by <@U0LENA>')] },
      text: ['Started by @Lena Fischer'],
    },
    {
      name: 'actions with a styled button and a link button',
      block: {
        type: 'actions',
        block_id: 'b1',
        elements: [
          { type: 'button', action_id: 'a1', text: plain('Add feedback'), style: 'primary', value: 'r1' },
          { type: 'button', action_id: 'a2', text: plain('Open'), url: 'https://example.com/x' },
        ],
      },
      text: ['Add feedback', 'Open'],
      type: 'button',
    },
    {
      name: 'overflow',
      block: {
        type: 'section',
        block_id: 'b1',
        text: md('Card'),
        accessory: {
          type: 'overflow',
          action_id: 'a1',
          options: [option('Close the retro', 'close'), option('Cancel it', 'cancel')],
        },
      },
      text: ['Card', 'Close the retro', 'Cancel it'],
      type: 'overflow',
    },
    {
      name: 'image',
      block: {
        type: 'image',
        image_url: 'https://example.com/c.png',
        alt_text: 'KPI chart',
        title: plain('Chart'),
      },
      text: ['Chart'],
    },
    {
      name: 'plain_text_input, multiline, with its initial value',
      block: input(
        { type: 'plain_text_input', multiline: true, initial_value: 'Went well' },
        'What went well?',
      ),
      text: ['What went well?', 'Went well'],
      type: 'plain_text_input',
    },
    {
      name: 'static_select',
      block: input({ type: 'static_select', options: [option('Start', 's'), option('Stop', 't')] }),
      text: ['Pick', 'Start', 'Stop'],
      type: 'static_select',
    },
    {
      name: 'multi_static_select',
      block: input({
        type: 'multi_static_select',
        options: [option('Item one', '1')],
        initial_options: [option('Item one', '1')],
      }),
      text: ['Item one'],
      type: 'multi_static_select',
    },
    {
      name: 'users_select',
      block: input({ type: 'users_select', initial_user: 'U0MARCUS' }, 'Owner'),
      text: ['Owner', '@Marcus Reed'],
      type: 'users_select',
    },
    {
      name: 'multi_users_select',
      block: input({ type: 'multi_users_select', initial_users: ['U0LENA'] }, 'Facilitators'),
      text: ['Facilitators', '@Lena Fischer'],
      type: 'multi_users_select',
    },
    {
      name: 'datepicker',
      block: input({ type: 'datepicker', initial_date: '2026-11-27' }, 'Due'),
      text: ['Due'],
      type: 'datepicker',
    },
    {
      name: 'timepicker',
      block: input({ type: 'timepicker', initial_time: '17:00' }, 'At'),
      text: ['At'],
      type: 'timepicker',
    },
    {
      name: 'checkboxes',
      block: input({ type: 'checkboxes', options: [option('Anonymous', 'anon')] }, 'Options'),
      text: ['Options', 'Anonymous'],
      type: 'checkboxes',
    },
    {
      name: 'radio_buttons',
      block: input(
        {
          type: 'radio_buttons',
          options: [option('Start/Stop/Continue', 'ssc'), option('4Ls', '4l')],
          initial_option: option('4Ls', '4l'),
        },
        'Template',
      ),
      text: ['Template', 'Start/Stop/Continue', '4Ls'],
      type: 'radio_buttons',
    },
  ];

  it.each(cases)('$name: its text is shown', ({ block, text, type }) => {
    const html = message(block);
    const shown = textOf(html);
    for (const t of text) expect(shown).toContain(t);
    expect(html).not.toContain('bk-unsupported');
    if (type) {
      expect(html).toContain(`data-type="${type}"`);
      expect(html).toContain('data-action-id="a1"');
      expect(html).toContain('data-block-id="b1"');
    }
  });

  it('keeps what the page sends back: a button value, an option as JSON, initial values', () => {
    const html = message(cases[2]?.block ?? {}, cases[6]?.block ?? {});
    expect(html).toContain('data-value="42"');
    const optionAttr = /data-option="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(JSON.parse(textOf(optionAttr))).toEqual(option('Close the retro', 'close'));
    const date = renderView({ id: 'V1', type: 'modal', blocks: [cases[13]?.block ?? {}] }, ctx);
    expect(date).toContain('value="2026-11-27"');
    const radio = renderView({ id: 'V1', type: 'modal', blocks: [cases[16]?.block ?? {}] }, ctx);
    expect((radio.match(/ checked/g) ?? []).length).toBe(1);
  });

  it('marks an input block whose choices go to the app at once', () => {
    const select = { type: 'static_select', options: [option('Launch', 'launch')] };
    const dispatching = renderView(
      { id: 'V1', type: 'modal', blocks: [{ ...input(select), dispatch_action: true }] },
      ctx,
    );
    expect(dispatching).toContain('data-dispatch="1"');
    expect(renderView({ id: 'V1', type: 'modal', blocks: [input(select)] }, ctx)).not.toContain(
      'data-dispatch',
    );
  });

  it('asks before a button with a confirm dialog acts', () => {
    const html = message({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'close',
          text: plain('Close'),
          confirm: {
            title: plain('Close it?'),
            text: md('No more feedback'),
            confirm: plain('Yes'),
            deny: plain('No'),
          },
        },
      ],
    });
    expect(html).toContain('data-confirm=');
    expect(textOf(/data-confirm="([^"]*)"/.exec(html)?.[1] ?? '')).toContain('"title":"Close it?"');
  });

  it('marks each surface with where it is', () => {
    expect(message()).toContain('data-surface="message" data-channel="C0GTM" data-ts="1795100000.000100"');
    expect(renderMessage({ text: 'hi' }, ctx, { ...where, ephemeral: true })).toContain('data-ephemeral="1"');
    const modal = renderView(
      { id: 'V9', type: 'modal', title: plain('Add feedback'), submit: plain('Add'), blocks: [] },
      ctx,
    );
    expect(modal).toContain('data-surface="view" data-view-id="V9" data-view-type="modal"');
    expect(textOf(modal)).toBe('Add feedback Cancel Add');
    expect(modal).toContain('data-submit');
    expect(modal).toContain('data-close');
    const home = renderView({ id: 'VH', type: 'home', blocks: [{ type: 'divider' }] }, ctx);
    expect(home).toContain('data-view-type="home"');
    expect(home).not.toContain('data-submit');
  });

  it('draws a message with no blocks from its text', () => {
    expect(textOf(renderMessage({ text: '/foo is not a valid command :thinking_face:' }, ctx, where))).toBe(
      '/foo is not a valid command 🤔',
    );
  });

  it('draws the setup modal the app sends with every label and choice in it', () => {
    const view = presentSetupModal({ title: 'Q3 launch', kind: 'launch', now, metadata: '{}' });
    const html = renderView({ ...view, id: 'V1' }, ctx);
    expect(html).not.toContain('bk-unsupported');
    const shown = textOf(html);
    for (const block of view.blocks as unknown as Json[]) {
      const label = (block.label as Json | undefined)?.text;
      if (typeof label === 'string') expect(shown).toContain(label.replace(/\s+/g, ' ').trim());
    }
    expect(html).toContain('value="Q3 launch"');
  });
});

describe('hostile text', () => {
  const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

  it('stays text in every place it can arrive', () => {
    const html = message(
      { type: 'header', block_id: evil, text: plain(evil) },
      { type: 'section', text: md(escapeHtml(evil)), fields: [plain(evil)] },
      {
        type: 'actions',
        block_id: evil,
        elements: [
          { type: 'button', action_id: evil, text: plain(evil), value: evil, url: evil },
          { type: 'static_select', action_id: 'x', placeholder: plain(evil), options: [option(evil, evil)] },
        ],
      },
      input({ type: 'plain_text_input', initial_value: evil, placeholder: plain(evil) }, evil),
      input({ type: 'plain_text_input', multiline: true, initial_value: `</textarea>${evil}` }),
      { type: 'image', image_url: 'javascript:alert(3)', alt_text: evil },
    );
    const modal = renderView(
      { id: evil, type: 'modal', title: plain(evil), submit: plain(evil), blocks: [] },
      ctx,
    );
    const safeTag =
      /^(div|span|h3|b|i|s|hr|br|button|select|option|optgroup|input|textarea|label|img|details|summary|small|a|pre|code|blockquote)$/;
    const safeAttr =
      /^(class|data-[a-z-]+|type|value|placeholder|src|alt|href|target|rel|name|rows|maxlength|title|multiple|selected|checked|label)$/;
    for (const { tag, attrs } of [...tagsOf(html), ...tagsOf(modal)]) {
      expect(tag).toMatch(safeTag);
      for (const a of attrs) expect(a).toMatch(safeAttr);
    }
    expect(tagsOf(html).filter((t) => t.tag === 'img')).toHaveLength(1);
    expect(html).toContain('<img src=""');
    expect(textOf(html)).toContain('<script>alert(1)</script>');
  });

  it('keeps a link to a script from being a link', () => {
    expect(mrkdwn('<javascript:alert(1)|click>')).toContain('href="#"');
    const button = (url: string) =>
      message({ type: 'actions', elements: [{ type: 'button', action_id: 'b', text: plain('Go'), url }] });
    expect(button('javascript:alert(1)')).not.toContain('data-url');
    expect(button('https://example.com/x')).toContain('data-url="https://example.com/x"');
    expect(mrkdwn('<https://example.com/a?b=1&amp;c=2|docs>')).toContain(
      'href="https://example.com/a?b=1&#38;c=2"',
    );
  });

  it('reads entities once: escaped angle brackets show as brackets, never as tags', () => {
    const html = mrkdwn('a &lt;b&gt; &amp;lt; c');
    expect(html).not.toContain('<b>');
    expect(textOf(html)).toBe('a <b> &lt; c');
  });
});

describe('mrkdwn', () => {
  it('formats as Slack does', () => {
    const html = mrkdwn('*bold* _italic_ ~gone~ `code` and\n```pre *not bold*```\n> quoted\nafter');
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('<i>italic</i>');
    expect(html).toContain('<s>gone</s>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<pre>pre *not bold*</pre>');
    expect(html).toContain('<blockquote>quoted</blockquote>');
    expect(textOf(html)).toContain('after');
  });

  it('reads emphasis markers where Slack does, and only there', () => {
    expect(mrkdwn('*Vote*\'s card, "*quoted*", *done*—next')).toContain(
      '<b>Vote</b>&#39;s card, &#34;<b>quoted</b>&#34;, <b>done</b>—next',
    );
    expect(mrkdwn('1 * 2 * 3, snake_case_name, a~b~c')).toContain('>1 * 2 * 3, snake_case_name, a~b~c<');
    expect(mrkdwn('>no space')).toContain('<blockquote>no space</blockquote>');
  });

  it('resolves mentions, channels and special mentions', () => {
    expect(
      textOf(mrkdwn('<@U0LENA> and <@U0NOBODY> in <#C0GTM> and <#C0OTHER|other>, <!here> <!channel>')),
    ).toBe('@Lena Fischer and @U0NOBODY in #gtm-launch and #other, @here @channel');
    expect(textOf(mrkdwn('<https://example.com|the docs> <https://example.com/raw>'))).toBe(
      'the docs https://example.com/raw',
    );
  });

  it('shows a few common emoji and leaves the rest as typed', () => {
    expect(textOf(mrkdwn(':tada: :white_check_mark: :no_such_emoji:'))).toBe('🎉 ✅ :no_such_emoji:');
  });

  it('reads a date token in the reader’s zone', () => {
    // 2026-11-24 23:30 UTC: already the 25th in Berlin, still the 24th in New York.
    const token = `<!date^${Date.UTC(2026, 10, 24, 23, 30) / 1000}^{date_short_pretty} at {time}|Nov 24 23:30 UTC>`;
    expect(textOf(mrkdwn(`Due ${token}`, 'Europe/Berlin'))).toBe('Due tomorrow at 12:30 AM');
    expect(textOf(mrkdwn(`Due ${token}`, 'America/New_York'))).toBe('Due today at 6:30 PM');
    const later = `<!date^${Date.UTC(2026, 11, 3, 8, 0) / 1000}^{date_short} {time}|fallback>`;
    expect(textOf(mrkdwn(later, 'Asia/Tokyo'))).toBe('Dec 3, 2026 5:00 PM');
    expect(textOf(mrkdwn(later, 'America/Los_Angeles'))).toBe('Dec 3, 2026 12:00 AM');
    expect(textOf(mrkdwn('<!date^oops^{time}|the fallback>'))).toBe('the fallback');
  });
});

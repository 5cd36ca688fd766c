/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSlackDate } from '../../src/demo/block-kit/mrkdwn.js';
import { type RenderContext, renderMessage, renderView } from '../../src/demo/block-kit/render.js';
import { type FillValue, formValues } from '../../src/demo/form-state.js';
import { PAGE_CSS } from '../../src/demo/page/styles.js';
import { DEMO_CHANNEL, DEMO_PEOPLE } from '../../src/demo/people.js';
import type { DemoApp } from '../../src/demo/start-demo.js';
import { waitFor } from '../harness/poll.js';
import { startTestDemo, type TestDemo } from '../harness/test-demo.js';
import { launchBrowser, screenshot } from './browser.js';

/**
 * Every Block Kit element type the app sends, drawn by the demo page as a browser shows it, and the
 * page's text compared with the text of the message (or modal, or Home tab) the app sent. The surfaces
 * are the app's own: a retro played through the demo, with its modals opened along the way.
 */

type Json = Record<string, any>;
interface Surface {
  name: string;
  kind: 'message' | 'view';
  body: Json;
}

const LENA = 'U0LENA';
const MARCUS = 'U0MARCUS';
const ZONE = 'Europe/Berlin';

let started: TestDemo | undefined;
let demo: DemoApp;
let browser: Browser;
let page: Page;
const surfaces: Surface[] = [];

async function post(path: string, body: Json): Promise<Json> {
  const res = await fetch(`http://127.0.0.1:${demo.port}/demo/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Json;
}

/** The modal a person has open now, kept as a surface of its own, then closed. */
async function keepModal(as: string, name: string): Promise<Json> {
  const top = await waitFor(() => demo.workspace.topView(as), `${name} open`, 15_000);
  const view = structuredClone(top.view) as Json;
  surfaces.push({ name, kind: 'view', body: { ...view, id: top.id } });
  return { id: top.id, view };
}

async function closeAll(as: string): Promise<void> {
  for (let top = demo.workspace.topView(as); top; top = demo.workspace.topView(as)) {
    await post('close', { as, viewId: top.id });
  }
}

const card = () =>
  demo.workspace.messages
    .filter(
      (m) =>
        m.channel === DEMO_CHANNEL.id && JSON.stringify(m.blocks ?? []).includes('retro_facilitator_menu'),
    )
    .at(-1);

async function cardAction(as: string, actionId: string, optionPrefix?: string): Promise<void> {
  const message = card();
  if (!message) throw new Error('no card');
  const block = (message.blocks as Json[]).find((b) =>
    [b.accessory, ...(b.elements ?? [])].some((e: Json | undefined) => e?.action_id === actionId),
  ) as Json;
  const element = [block.accessory, ...(block.elements ?? [])].find(
    (e: Json | undefined) => e?.action_id === actionId,
  );
  const option = optionPrefix
    ? (element.options as Json[]).find((o) => String(o.text.text).startsWith(optionPrefix))
    : undefined;
  await post('action', {
    as,
    surface: { kind: 'message', channel: DEMO_CHANNEL.id, ts: message.ts },
    action: {
      type: element.type,
      action_id: actionId,
      block_id: block.block_id,
      ...(option
        ? { selected_option: { text: option.text, value: option.value } }
        : { value: element.value }),
    },
  });
}

/** Fills a modal the way a person would: an owner, a date a week on, the rest as offered. */
function filled(view: Json, now: Date): Record<string, Record<string, unknown>> {
  const fill: Record<string, FillValue> = {};
  const week = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const block of (view.blocks ?? []) as Json[]) {
    const type = block.element?.type;
    if (type === 'users_select') fill[block.block_id] = MARCUS;
    if (type === 'datepicker') fill[block.block_id] = week;
  }
  return formValues(view, fill);
}

beforeAll(async () => {
  started = await startTestDemo();
  demo = started.demo;

  // The modals of a retro's life, each opened as a person opens it.
  await post('command', { as: LENA, text: '/retro start Brand refresh' });
  await keepModal(LENA, 'setup modal');
  await closeAll(LENA);
  await post('command', { as: LENA, text: '/retro settings' });
  await keepModal(LENA, 'settings modal');
  await closeAll(LENA);
  await post('command', { as: LENA, text: '/retro schedule' });
  await keepModal(LENA, 'schedule modal');
  await closeAll(LENA);

  expect(await post('sample', {})).toEqual({ ok: true });
  await cardAction(MARCUS, 'retro_add_feedback');
  await keepModal(MARCUS, 'feedback modal');
  await closeAll(MARCUS);
  await cardAction(LENA, 'retro_facilitator_menu', 'Reveal');
  await waitFor(() => (JSON.stringify(card()?.blocks).includes('Vote') ? true : undefined), 'voting', 15_000);
  await cardAction(MARCUS, 'retro_vote');
  await keepModal(MARCUS, 'vote modal');
  await closeAll(MARCUS);

  await post('command', { as: LENA, text: '/retro action Rewrite the pricing page FAQ' });
  const action = await keepModal(LENA, 'action item modal');
  await post('submit', { as: LENA, viewId: action.id, values: filled(action.view, demo.clock.now()) });
  await closeAll(LENA);
  await waitFor(
    () => demo.workspace.messages.find((m) => m.channel !== DEMO_CHANNEL.id && m.blocks?.length),
    'the owner DM',
    15_000,
  );
  await post('home', { as: MARCUS });
  const home = await waitFor(
    () => demo.workspace.views.get(demo.workspace.homes.get(MARCUS) ?? ''),
    'home',
    15_000,
  );
  surfaces.push({ name: 'home tab', kind: 'view', body: { ...(home.view as Json), id: home.id } });
  for (const [i, m] of demo.workspace.messages.entries()) {
    surfaces.push({
      name: `message ${i + 1}`,
      kind: 'message',
      body: { text: m.text, blocks: m.blocks ?? [] },
    });
  }

  browser = await launchBrowser();
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await started?.close();
});

const names = new Map<string, string>([
  ...DEMO_PEOPLE.map((p) => [p.id, p.name] as const),
  ['U0REARVIEW', 'Rearview'],
]);
const ctx: RenderContext = {
  zone: ZONE,
  userName: (id) => names.get(id),
  channelName: (id) => (id === DEMO_CHANNEL.id ? DEMO_CHANNEL.name : undefined),
  people: DEMO_PEOPLE.map((p) => ({ id: p.id, name: p.name })),
  channels: [{ id: DEMO_CHANNEL.id, name: DEMO_CHANNEL.name }],
};

/** Every element type found in the surfaces, and every block type. */
function typesIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) typesIn(n, found);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (
      typeof o.type === 'string' &&
      (o.action_id !== undefined || o.block_id !== undefined || o.type === 'divider')
    ) {
      found.add(o.type);
    }
    for (const value of Object.values(o)) typesIn(value, found);
  }
  return found;
}

/** A text object as a reader sees it: tokens resolved, markup gone (the browser's text has no `*`). */
function plain(text: Json | undefined): string {
  if (!text) return '';
  let t = String(text.text ?? '');
  if (text.type === 'mrkdwn') {
    t = t
      .replace(
        /<@([A-Z0-9]+)(?:\|([^>]+))?>/g,
        (_, id: string, label?: string) => `@${label ?? names.get(id) ?? id}`,
      )
      .replace(
        /<#([A-Z0-9]+)(?:\|([^>]+))?>/g,
        (_, id: string, label?: string) => `#${label ?? DEMO_CHANNEL.name ?? id}`,
      )
      .replace(/<!date\^(\d+)\^([^|^>]*)[^>]*>/g, (_, epoch: string, format: string) =>
        formatSlackDate(new Date(Number(epoch) * 1000), format, ZONE),
      )
      .replace(/<!(here|channel|everyone)>/g, '@$1')
      .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
      .replace(/<([^>]+)>/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return t;
}

/** The words a surface carries, in the order Slack shows them. */
function expectedText(surface: Surface): string {
  const parts: string[] = [];
  const element = (e: Json | undefined) => {
    if (!e) return;
    switch (e.type) {
      case 'button':
        parts.push(plain(e.text));
        break;
      case 'overflow':
      case 'static_select':
      case 'multi_static_select':
      case 'checkboxes':
      case 'radio_buttons': {
        const options = (e.options ?? (e.option_groups ?? []).flatMap((g: Json) => g.options)) as Json[];
        // Slack shows an option's description under checkboxes and radio buttons only.
        const described = e.type === 'checkboxes' || e.type === 'radio_buttons';
        for (const o of options) parts.push(plain(o.text), described ? plain(o.description) : '');
        break;
      }
      case 'plain_text_input':
        parts.push(String(e.initial_value ?? ''));
        break;
      default:
        break;
    }
  };
  const b = surface.body;
  if (surface.kind === 'view' && b.type === 'modal') parts.push(plain(b.title));
  const blocks = (b.blocks ?? []) as Json[];
  if (surface.kind === 'message' && blocks.length === 0) parts.push(plain({ type: 'mrkdwn', text: b.text }));
  for (const block of blocks) {
    switch (block.type) {
      case 'section':
        parts.push(plain(block.text), ...((block.fields ?? []) as Json[]).map(plain));
        element(block.accessory);
        break;
      case 'header':
        parts.push(plain(block.text));
        break;
      case 'context':
        for (const e of block.elements ?? []) if (e.type !== 'image') parts.push(plain(e));
        break;
      case 'actions':
        for (const e of block.elements ?? []) element(e);
        break;
      case 'input':
        parts.push(plain(block.label));
        element(block.element);
        parts.push(plain(block.hint));
        break;
      default:
        break;
    }
  }
  if (surface.kind === 'view' && b.type === 'modal') {
    parts.push(plain(b.close) || (b.submit ? 'Cancel' : 'Close'), plain(b.submit));
  }
  return parts.join(' ');
}

/** Spacing, emoji and mrkdwn's markers aside, the same words in the same order. */
function normalise(text: string): string {
  return text
    .replace(/:[a-z0-9_+-]+:/g, '')
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, '')
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, '');
}

describe('the demo page draws the Block Kit the app sent', () => {
  it('covers every element type the app uses', () => {
    const found = typesIn(surfaces.map((s) => s.body.blocks));
    for (const type of [
      'section',
      'header',
      'divider',
      'context',
      'actions',
      'input',
      'button',
      'overflow',
      'static_select',
      'multi_static_select',
      'users_select',
      'multi_users_select',
      'channels_select',
      'datepicker',
      'timepicker',
      'datetimepicker',
      'checkboxes',
      'radio_buttons',
      'plain_text_input',
    ]) {
      expect(found, type).toContain(type);
    }
  });

  it('shows each surface with exactly the text of its blocks', async () => {
    const html = surfaces
      .map(
        (s, i) =>
          `<section id="s${i}">${s.kind === 'message' ? renderMessage(s.body, ctx, { channel: DEMO_CHANNEL.id, ts: `${i}.000000` }) : renderView(s.body as never, ctx)}</section>`,
      )
      .join('<hr>');
    await page.setContent(
      `<!doctype html><meta charset="utf-8"><style>${PAGE_CSS}</style><body>${html}</body>`,
    );
    await screenshot(page, 'block-kit-surfaces');
    const shown = await page.evaluate((count) => {
      const texts: string[] = [];
      for (let i = 0; i < count; i++) {
        const copy = document.querySelector(`#s${i}`)?.cloneNode(true) as HTMLElement;
        for (const chrome of copy.querySelectorAll('[data-chrome]')) chrome.remove();
        // People and channels to pick from are the workspace's, not words of the message.
        for (const select of copy.querySelectorAll(
          'select[data-type$="users_select"], select[data-type="channels_select"]',
        )) {
          select.remove();
        }
        // A one-line input shows its text in its value, not as text of the page.
        for (const input of copy.querySelectorAll('input[type="text"]')) {
          input.replaceWith(input.getAttribute('value') ?? '');
        }
        texts.push(copy.textContent ?? '');
      }
      return texts;
    }, surfaces.length);
    for (const [i, surface] of surfaces.entries()) {
      const seen = normalise(shown[i] ?? '');
      const expected = normalise(expectedText(surface));
      expect(seen, surface.name).toBe(expected);
    }
    expect(surfaces.length).toBeGreaterThanOrEqual(10);
  });

  it('reads a date in the reader’s own zone', async () => {
    const at = Date.UTC(2026, 11, 8, 16, 0) / 1000;
    const message = {
      text: '',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: `Closes <!date^${at}^{date_short} at {time}|fallback>` },
        },
      ],
    };
    const html = ['Europe/Berlin', 'America/New_York'].map(
      (zone, i) =>
        `<div id="z${i}">${renderMessage(message, { ...ctx, zone }, { channel: 'C', ts: '1.0' })}</div>`,
    );
    await page.setContent(`<!doctype html><meta charset="utf-8"><body>${html.join('')}</body>`);
    expect(await page.$eval('#z0', (e) => (e as HTMLElement).innerText.trim())).toBe(
      'Closes Dec 8, 2026 at 5:00 PM',
    );
    expect(await page.$eval('#z1', (e) => (e as HTMLElement).innerText.trim())).toBe(
      'Closes Dec 8, 2026 at 11:00 AM',
    );
  });
});

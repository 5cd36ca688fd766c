/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoApp } from '../../src/demo/start-demo.js';
import { retroKindLabel } from '../../src/retro/templates.js';
import { SETUP_IDS } from '../../src/setup/setup.ids.js';
import { startTestDemo, type TestDemo } from '../harness/test-demo.js';
import { launchBrowser, screenshot } from './browser.js';

/**
 * The demo in a real browser, as a visitor meets it: the sample retro, feedback from two people, the
 * reveal, votes, the close, and the summary read off the page. Each step leaves a screenshot.
 */

const LENA = 'U0LENA';
const MARCUS = 'U0MARCUS';
const PRIYA = 'U0PRIYA';
const STEP_MS = 30_000;

let started: TestDemo | undefined;
let demo: DemoApp;
let browser: Browser;
let page: Page;
/** The page's console errors and failed requests, named when a step fails. */
const pageTrouble: string[] = [];

beforeAll(async () => {
  started = await startTestDemo();
  demo = started.demo;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageTrouble.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => pageTrouble.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.setViewport({ width: 1280, height: 900 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await started?.close();
});

const text = (selector: string) =>
  page.$eval(selector, (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());

/**
 * A wait that, when it runs out, says what the page last showed (its toast, the open window) and what the
 * app logged, so a failure names its cause rather than only the time.
 */
async function explained<T>(what: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const shown = (selector: string) =>
      page
        .$eval(selector, (el) => `${el.className} ${(el as HTMLElement).textContent?.slice(0, 400)}`)
        .catch(() => '');
    throw new Error(
      [
        `${what}: ${(error as Error).message}`,
        `last toast: ${await shown('#toast')}`,
        `window: ${await shown('#overlay')}`,
        ...pageTrouble.slice(-10),
        'app log:',
        ...(started?.logs.slice(-20).map((line) => line.slice(0, 600)) ?? []),
      ].join('\n'),
    );
  }
}

async function waitForText(selector: string, wanted: string): Promise<void> {
  await explained(
    `"${wanted}" in ${selector}`,
    page.waitForFunction(
      (sel, w) => {
        const el = document.querySelector(sel) as HTMLElement | null;
        return !!el && el.innerText.includes(w);
      },
      { timeout: STEP_MS },
      selector,
      wanted,
    ),
  );
}

/** Acts as another demo person through the page's switch. */
async function actAs(userId: string, name: string): Promise<void> {
  await page.click(`[data-person="${userId}"]`);
  await waitForText('#clock', name);
}

/** The card: the last channel message with the retro's buttons. */
async function pressOnCard(label: string): Promise<void> {
  const done = await page.evaluate((wanted) => {
    const cards = [...document.querySelectorAll('#messages [data-surface="message"]')].filter((m) =>
      m.querySelector('[data-action-id="retro_facilitator_menu"], [data-action-id="retro_add_feedback"]'),
    );
    const card = cards.at(-1);
    const button = [...(card?.querySelectorAll('button[data-action-id]') ?? [])].find(
      (b) => (b as HTMLElement).innerText.trim() === wanted,
    ) as HTMLElement | undefined;
    button?.click();
    return !!button;
  }, label);
  expect(done, `a "${label}" button on the card`).toBe(true);
}

/** Opens the card's ⋯ menu and picks the option whose text starts with `label`. */
async function pickFromMenu(label: string): Promise<void> {
  const done = await page.evaluate((wanted) => {
    const menus = [...document.querySelectorAll('#messages details.bk-overflow')];
    const menu = menus.at(-1) as HTMLDetailsElement | undefined;
    if (!menu) return false;
    menu.open = true;
    const item = [...menu.querySelectorAll('.bk-menu-item')].find((b) =>
      (b as HTMLElement).innerText.trim().startsWith(wanted),
    ) as HTMLElement | undefined;
    item?.click();
    return !!item;
  }, label);
  expect(done, `"${label}" in the card's menu`).toBe(true);
}

async function waitForModal(title: string): Promise<void> {
  await waitForText('#overlay.open .bk-modal-title', title);
}

async function closeModal(): Promise<void> {
  await page.click('#overlay.open [data-close]');
  await explained(
    'the window closing',
    page.waitForSelector('#overlay.open', { hidden: true, timeout: STEP_MS }),
  );
}

async function addFeedback(lines: string): Promise<void> {
  await pressOnCard('Add feedback');
  await explained(
    'the feedback window',
    page.waitForSelector('#overlay.open textarea', { timeout: STEP_MS }),
  );
  await page.type('#overlay.open textarea', lines);
  await page.click('#overlay.open [data-submit]');
  await waitForText('#overlay.open', 'saved');
}

describe('the demo in a browser', () => {
  it('runs a sample retro from the first screen to the summary', async () => {
    await page.goto(`http://127.0.0.1:${demo.port}/demo?as=${LENA}`);
    await page.waitForSelector('#sample-retro', { timeout: STEP_MS });
    expect(await text('#banner')).toContain('Local demo — nothing leaves this machine');
    await screenshot(page, '01-empty-demo');

    await page.click('#sample-retro');
    await waitForText('#messages', 'Q4 launch: Atlas');
    await waitForText('#messages', 'Add feedback');
    const card = await text('#messages');
    expect(card).toContain('Pipeline');
    expect(card).toContain('Collecting feedback');
    await screenshot(page, '02-sample-retro');

    await actAs(MARCUS, 'Marcus Reed');
    await addFeedback('Sales enablement landed a week before launch, which kept the first demos sharp');
    await screenshot(page, '03-feedback-marcus');
    await closeModal();

    await actAs(PRIYA, 'Priya Shah');
    await addFeedback('The pricing page copy changed twice in launch week');
    await screenshot(page, '04-feedback-priya');
    await closeModal();

    await actAs(LENA, 'Lena Hoffmann');
    await pickFromMenu('Reveal');
    await waitForText('#messages', 'Vote');
    await screenshot(page, '05-revealed');

    await actAs(MARCUS, 'Marcus Reed');
    await pressOnCard('Vote');
    await waitForModal('Vote');
    await page.evaluate(() => {
      const select = document.querySelector('#overlay.open select[multiple]') as HTMLSelectElement;
      // The two items typed in this test, so the summary's top items are theirs.
      for (const option of select.options) {
        option.selected = /Sales enablement|pricing page copy/.test(option.text);
      }
    });
    await page.click('#overlay.open [data-submit]');
    await explained(
      'the vote being taken',
      page.waitForFunction(
        () =>
          !document.querySelector('#overlay.open [data-submit]') || !document.querySelector('#overlay.open'),
        { timeout: STEP_MS },
      ),
    );
    await screenshot(page, '06-voted');
    if (await page.$('#overlay.open')) await closeModal();

    await actAs(LENA, 'Lena Hoffmann');
    await pickFromMenu('Close');
    await explained(
      'the close being asked',
      page.waitForSelector('#overlay.open [data-submit]', { timeout: STEP_MS }),
    );
    await screenshot(page, '07-close-asked');
    await page.click('#overlay.open [data-submit]');
    await waitForText('#messages', 'Retro summary: Q4 launch: Atlas');
    await screenshot(page, '08-summary');

    const summary = await text('#messages');
    expect(summary).toContain('Retro summary: Q4 launch: Atlas');
    expect(summary).toContain('Win rate');
    expect(summary).toContain('Top items');
    expect(summary).toContain('Sales enablement landed a week before launch');
    expect(summary).toContain('The pricing page copy changed twice in launch week');
    // What the page shows is drawn from the message the app sent: its header is there word for word.
    const posted = demo.workspace.messages.find((m) =>
      JSON.stringify(m.blocks ?? []).includes('Retro summary'),
    );
    expect(posted).toBeDefined();
  }, 240_000);

  it('sends a dispatching select at once and keeps what was typed when the app redraws the modal', async () => {
    await page.goto(`http://127.0.0.1:${demo.port}/demo?as=${LENA}`);
    await page.waitForSelector('#composer', { timeout: STEP_MS });
    await page.type('#composer', '/retro start Brand refresh');
    await page.keyboard.press('Enter');
    await waitForModal('Start a retro');
    const kpis = `#overlay.open textarea[data-block-id="${SETUP_IDS.blocks.kpis}"]`;
    const kind = `#overlay.open select[data-action-id="${SETUP_IDS.kindSelect}"]`;
    // The last retro's KPIs are offered: the person replaces them.
    await page.$eval(kpis, (el) => {
      (el as HTMLTextAreaElement).value = '';
    });
    await page.type(kpis, 'Signups | 500 | 420');
    const before = await page.$eval(kind, (el) => (el as HTMLSelectElement).value);
    const next = before === 'quarter' ? 'launch' : 'quarter';
    await page.select(kind, next);
    // The app answers the select with views.update: the KPI hint names the new kind.
    await waitForText('#overlay.open', `Ideas for a ${retroKindLabel(next).toLowerCase()}`);
    expect(await page.$eval(kpis, (el) => (el as HTMLTextAreaElement).value)).toBe('Signups | 500 | 420');
    expect(await page.$eval(kind, (el) => (el as HTMLSelectElement).value)).toBe(next);
    await screenshot(page, '09-setup-kind-changed');
    await closeModal();
  }, 120_000);

  it('reads at phone width: nothing wider than the screen, the sidebar and the composer at hand', async () => {
    await page.setViewport({ width: 390, height: 844 });
    try {
      await page.goto(`http://127.0.0.1:${demo.port}/demo?as=${PRIYA}`);
      await waitForText('#messages', 'Retro summary');
      await screenshot(page, '10-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const selector of ['[data-nav="channel"]', '[data-nav="dm"]', '[data-nav="home"]', '#composer']) {
        const box = await page.$eval(selector, (el) => el.getBoundingClientRect().toJSON() as DOMRect);
        expect(box.width, selector).toBeGreaterThan(0);
        expect(box.right, selector).toBeLessThanOrEqual(390);
      }
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
    }
  }, 60_000);
});

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's chromium (never a downloaded browser); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A headless Chromium for the browser tests. The suite may run under libfaketime (CI moves the process
 * clock a year ahead); the browser is started without it, as a visitor's browser would be.
 */
export function launchBrowser(): Promise<Browser> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME')) env[key] = value;
  }
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    env,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

let folder: string | undefined;

/** Where screenshots go: SCREENSHOT_DIR (CI keeps it as an artifact), else a temporary folder. */
export function screenshotDir(): string {
  if (!folder) {
    folder = process.env.SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'rearview-screenshots-'));
    mkdirSync(folder, { recursive: true });
  }
  return folder;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

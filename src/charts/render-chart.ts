import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './chart-spec.js';

// Vega, Vega-Lite and resvg are loaded by the first chart, not at start: an idle process (most of the
// week) does not hold them, and a start does not wait for them.
const loadVega = () => import('vega');
const loadVegaLite = () => import('vega-lite');
const loadResvg = () => import('@resvg/resvg-js');

/** Every chart is this wide in pixels (twice its drawn size, for sharp text on high-density screens). */
export const CHART_PNG_WIDTH = 1_000;

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * The fonts shipped in `assets/fonts`, from the source tree (`src/charts`) or the build (`dist/src/charts`):
 * a chart looks the same on a bare machine or in the image, whatever fonts the host has.
 */
function shippedFonts(): string[] {
  for (const up of ['../../assets/fonts/', '../../../assets/fonts/']) {
    const files = FONT_FILES.map((name) => fileURLToPath(new URL(`${up}${name}`, import.meta.url)));
    if (files.every((file) => existsSync(file))) return files;
  }
  throw new Error('the chart fonts are missing from assets/fonts');
}

/** Exported by Vega's scenegraph at run time, missing from its typings. */
interface VegaTextMetrics {
  textMetrics: { canvas(use: boolean): void };
}

/** The chart as SVG: Vega-Lite compiled to Vega, run headless, drawn as a string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Text is measured by Vega's own estimate, never a canvas package the host may or may not have, so
  // the layout is the same everywhere; ids of clip paths and gradients restart, so the same chart
  // gives the same bytes.
  const [vega, { compile }] = await Promise.all([loadVega(), loadVegaLite()]);
  (vega as unknown as VegaTextMetrics).textMetrics.canvas(false);
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * SVG → PNG by resvg with the shipped fonts only, off the event loop (resvg's worker threads): a tall
 * chart takes a good part of a second, and requests keep being answered meanwhile.
 */
export async function rasterise(svg: string): Promise<RenderedChart> {
  const { renderAsync } = await loadResvg();
  const image = await renderAsync(svg, {
    font: { fontFiles: shippedFonts(), loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'width', value: CHART_PNG_WIDTH },
    background: 'white',
  });
  return { png: image.asPng(), width: image.width, height: image.height };
}

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  return await rasterise(await renderSvg(spec));
}

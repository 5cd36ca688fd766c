import type { TopLevelSpec } from 'vega-lite';
import {
  axisTitle,
  type ChartInput,
  type ChartRow,
  chartRows,
  STATUS_LABEL,
  valueLabel,
} from './chart-data.js';

export const CHART_FONT = 'DejaVu Sans';
/** Narrow enough to read on a phone without zooming: one column, one KPI under the other. */
const PANEL_WIDTH = 440;
const BAR_HEIGHT = 26;
const TREND_HEIGHT = 90;
/** A title longer than this is cut with an ellipsis rather than pushing the chart wider. */
const TITLE_LIMIT = PANEL_WIDTH + 200;

// Met and missed differ by shape and word too, never by colour alone.
const STATUS_COLOUR = { met: '#1a7f37', missed: '#c2410c', pending: '#6b7280', no_target: '#6b7280' };
const STATUS_SHAPE = { met: 'circle', missed: 'cross', pending: 'square', no_target: 'square' };

/**
 * The Vega-Lite spec of a retro's KPI chart: per KPI, the actual as a bar against a target mark with the
 * verdict in words in its title, the unit and the good direction on the axis; under it, where the series
 * has earlier values in the same unit, the trend across retros with the target as a dashed line.
 */
export function chartSpec(input: ChartInput): TopLevelSpec {
  const rows = chartRows(input);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `KPIs: ${input.retroTitle}`, limit: TITLE_LIMIT, anchor: 'start', fontSize: 16 },
    background: 'white',
    padding: 16,
    config: {
      font: CHART_FONT,
      title: { font: CHART_FONT, limit: TITLE_LIMIT },
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelLimit: 120 },
      legend: { disable: true },
      view: { stroke: null },
    },
    spacing: 22,
    vconcat: rows.flatMap((row) => panels(row)),
  } as TopLevelSpec;
}

function panels(row: ChartRow): object[] {
  const list = [bulletPanel(row)];
  if (row.trend.length > 1) list.push(trendPanel(row));
  return list;
}

function kpiTitle(row: ChartRow): object {
  const target = row.target === null ? null : `target ${valueLabel(row.target, row.unit)}`;
  const actual = row.actual === null ? null : valueLabel(row.actual, row.unit);
  const numbers = [actual, target].filter(Boolean).join(' vs ');
  return {
    // Two lines, so a long metric name never pushes the numbers and the verdict out of sight.
    text: [row.metric, numbers ? `${numbers} — ${STATUS_LABEL[row.status]}` : STATUS_LABEL[row.status]],
    anchor: 'start',
    fontSize: 13,
    limit: TITLE_LIMIT,
    ...(row.notes.length ? { subtitle: row.notes.map((n) => `Note: ${n}`), subtitleColor: '#6b7280' } : {}),
  };
}

/** Zero, the actual and the target always on the axis, so a negative value or a target of 0 still reads. */
function domainOf(values: (number | null)[]): [number, number] {
  const present = values.filter((v): v is number => v !== null);
  const low = Math.min(0, ...present);
  const high = Math.max(0, ...present);
  return low === high ? [0, 1] : [low, high];
}

function numberFormat(domain: [number, number]): string {
  return Math.max(Math.abs(domain[0]), Math.abs(domain[1])) >= 10_000 ? '.3~s' : ',~f';
}

// Layers share one data source per panel: fewer dataflow operators, so 20 KPIs compose quickly.
function bulletPanel(row: ChartRow): object {
  const domain = domainOf([row.actual, row.target]);
  const x = (field: 'actual' | 'target') => ({
    field,
    type: 'quantitative',
    scale: { domain, nice: true, zero: true },
    axis: { title: axisTitle(row), format: numberFormat(domain), tickCount: 5 },
  });
  const layers: object[] = [];
  if (row.actual !== null) {
    layers.push(
      {
        mark: { type: 'bar', color: STATUS_COLOUR[row.status], height: 16 },
        encoding: { x: x('actual'), x2: { datum: 0 } },
      },
      {
        mark: { type: 'point', shape: STATUS_SHAPE[row.status], filled: true, size: 140, color: '#111827' },
        encoding: { x: x('actual') },
      },
    );
  }
  if (row.target !== null) {
    layers.push({
      mark: { type: 'tick', color: '#111827', thickness: 3, size: BAR_HEIGHT },
      encoding: { x: x('target') },
    });
  }
  if (layers.length === 0) layers.push({ mark: { type: 'rule', opacity: 0 }, encoding: { x: x('actual') } });
  return {
    title: kpiTitle(row),
    width: PANEL_WIDTH,
    height: BAR_HEIGHT,
    data: { values: [{ actual: row.actual ?? 0, target: row.target ?? 0 }] },
    layer: layers,
  };
}

function trendPanel(row: ChartRow): object {
  const values = row.trend.map((p, order) => ({ ...p, order, text: valueLabel(p.value, row.unit) }));
  const domain = domainOf([...values.map((v) => v.value), row.target]);
  const x = {
    field: 'label',
    type: 'ordinal',
    sort: { field: 'order' },
    axis: { title: null, labelAngle: 0, labelLimit: Math.max(50, PANEL_WIDTH / values.length - 8) },
  };
  const scale = { domain, nice: true, zero: true };
  const y = {
    field: 'value',
    type: 'quantitative',
    scale,
    axis: { title: row.unit.trim() || null, format: numberFormat(domain), tickCount: 4 },
  };
  const layers: object[] = [
    {
      mark: { type: 'line', color: '#2563eb', point: { filled: true, size: 60, color: '#2563eb' } },
      encoding: { x, y },
    },
    {
      mark: { type: 'text', dy: -10, fontSize: 10, color: '#111827' },
      encoding: { x, y, text: { field: 'text' } },
    },
  ];
  if (row.target !== null) {
    const target = { datum: row.target, type: 'quantitative', scale };
    layers.push({
      data: { values: [{}] },
      layer: [
        { mark: { type: 'rule', strokeDash: [6, 4], color: '#111827' }, encoding: { y: target } },
        {
          mark: { type: 'text', align: 'right', dy: -6, fontSize: 10, x: 'width' },
          encoding: { y: target, text: { value: `target ${valueLabel(row.target, row.unit)}` } },
        },
      ],
    });
  }
  return {
    title: { text: `${row.metric} across retros`, anchor: 'start', fontSize: 11, limit: TITLE_LIMIT },
    width: PANEL_WIDTH,
    height: TREND_HEIGHT,
    data: { values },
    layer: layers,
  };
}

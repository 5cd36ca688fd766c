import { formatNumber, type KpiStatus, kpiVariance } from '../retro/kpi.js';

/** A value the KPI's series reached in an earlier retro of the channel. */
export interface ChartPoint {
  label: string;
  value: number;
  unit: string;
}

/** One KPI as the chart sees it: no target is allowed, so a chart never has to invent one. */
export interface ChartKpi {
  metric: string;
  unit: string;
  higherIsBetter: boolean;
  target: number | null;
  actual: number | null;
  /** Oldest first. */
  earlier: readonly ChartPoint[];
}

export interface ChartInput {
  retroTitle: string;
  /** Labels this retro's value beside the earlier ones. */
  currentLabel: string;
  kpis: readonly ChartKpi[];
}

export type ChartStatus = KpiStatus | 'no_target';

/** A KPI made ready to draw: numbers checked, the trend in one unit, and what was left out said in notes. */
export interface ChartRow {
  metric: string;
  unit: string;
  higherIsBetter: boolean;
  actual: number | null;
  target: number | null;
  status: ChartStatus;
  /** Earlier values then this one, all in the KPI's unit; empty without an earlier one. */
  trend: { label: string; value: number; current: boolean }[];
  notes: string[];
}

/** What the parser accepts: beyond it a number is a typo, and an axis would not read. */
const MAX_MAGNITUDE = 1e15;
/** The parser's limit too; a chart of more would not read on a phone. */
const MAX_CHART_KPIS = 20;

function usable(n: number | null): n is number {
  return n !== null && Number.isFinite(n) && Math.abs(n) <= MAX_MAGNITUDE;
}

function sameUnit(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

export function chartRows(input: ChartInput): ChartRow[] {
  return input.kpis.slice(0, MAX_CHART_KPIS).map((kpi) => chartRow(kpi, input.currentLabel));
}

function chartRow(kpi: ChartKpi, currentLabel: string): ChartRow {
  const notes: string[] = [];
  const actual = usable(kpi.actual) ? kpi.actual : null;
  const target = usable(kpi.target) ? kpi.target : null;
  if (kpi.actual !== null && actual === null) notes.push('the actual is not a number the chart can draw');
  if (kpi.target !== null && target === null) notes.push('the target is not a number the chart can draw');
  let status: ChartStatus = 'pending';
  if (target === null) status = 'no_target';
  else if (actual !== null) {
    status = kpiVariance({ ...kpi, target, actual }).status;
  }
  if (target === null) notes.push('no target set');
  const inUnit = kpi.earlier.filter((p) => sameUnit(p.unit, kpi.unit) && usable(p.value));
  const otherUnits = [
    ...new Set(kpi.earlier.filter((p) => !sameUnit(p.unit, kpi.unit)).map((p) => p.unit.trim())),
  ];
  if (otherUnits.length > 0) {
    const shown = otherUnits.map((u) => u || 'no unit').join(', ');
    notes.push(`earlier values in ${shown} not drawn (now in ${kpi.unit.trim() || 'no unit'})`);
  }
  const trend =
    inUnit.length === 0
      ? []
      : [
          ...inUnit.map((p) => ({ label: p.label, value: p.value, current: false })),
          ...(actual === null ? [] : [{ label: currentLabel, value: actual, current: true }]),
        ];
  return {
    metric: kpi.metric,
    unit: kpi.unit,
    higherIsBetter: kpi.higherIsBetter,
    actual,
    target,
    status,
    trend,
    notes,
  };
}

/** "k$", "%": what the axis counts in, and which way is good. */
export function axisTitle(row: Pick<ChartRow, 'unit' | 'higherIsBetter'>): string {
  const unit = row.unit.trim() || 'value';
  return row.higherIsBetter ? `${unit} · higher is better →` : `← lower is better · ${unit}`;
}

export const STATUS_LABEL: Record<ChartStatus, string> = {
  met: '✓ met',
  missed: '✗ missed',
  pending: '… not measured yet',
  no_target: '○ no target',
};

/** A value as the chart labels it: "$1,200", "19%". */
export function valueLabel(value: number | null, unit: string): string {
  return value === null ? '—' : formatNumber(value, unit);
}

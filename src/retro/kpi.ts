import { z } from 'zod';

export interface Kpi {
  metric: string;
  target: number;
  actual: number | null;
  unit: string;
  higherIsBetter: boolean;
}

/** KPIs of one channel's retros are one series when their keys match: the metric without case or surrounding spaces. */
export function seriesKeyOf(metric: string): string {
  return metric.trim().toLowerCase();
}

const MAX_METRIC_LENGTH = 80;
const MAX_UNIT_LENGTH = 20;
const MAX_KPIS = 20;

export const KPI_LINE_FORMAT = 'Metric | target | actual | unit | higher/lower';
/** What a line must have at least; unit and direction may be left off. */
const KPI_LINE_MINIMUM = 'Metric | target | actual';

export type ParseKpiResult = { ok: true; kpis: Kpi[] } | { ok: false; errors: string[] };

interface ParsedNumber {
  value: number;
  /** Unit implied by the way the number was written ("12%", "$40"), used when the unit column is blank. */
  unitHint: string | null;
}

// Maps, not object literals: user text is used as the key, and "constructor" must not hit the prototype.
const CURRENCY_BY_SYMBOL = new Map([
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
]);
const SYMBOL_BY_CURRENCY = new Map([...CURRENCY_BY_SYMBOL].map(([symbol, code]) => [code, symbol]));
const MULTIPLIER = new Map([
  ['k', 1_000],
  ['m', 1_000_000],
]);

// Thousands separators must be well formed ("1,200", not "1,2"): a lone comma is more likely a
// decimal comma, and guessing wrong would silently change a target by a factor of 1000.
const NUMBER_BODY = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/;
const NUMBER_PARTS = /^([+\-\u2212]?)([$\u20ac\u00a3]?)(.*?)([km]?)(%?)$/i;

/**
 * Far beyond any marketing figure, and within what a double holds exactly: larger numbers are typos
 * (or someone testing the limits) and would print as 1e+21, Infinity or NaN%.
 */
export const MAX_KPI_MAGNITUDE = 1e15;

/** Parses how marketers write numbers: "1,200", "1200.5", "12%", "$40", "2.5k", "1.2m". */
export function parseNumber(raw: string): ParsedNumber | null {
  // Spaces carry no meaning in a number ("12 %", "1 200"), so drop them before matching.
  const parts = NUMBER_PARTS.exec(raw.replace(/\s+/g, ''));
  if (!parts) return null;
  const [, sign = '', symbol = '', body = '', suffix = '', percent = ''] = parts;
  if (!NUMBER_BODY.test(body)) return null;
  const currency = CURRENCY_BY_SYMBOL.get(symbol);
  if (currency && percent) return null;
  const multiplier = MULTIPLIER.get(suffix.toLowerCase()) ?? 1;
  // toPrecision trims float noise such as 1.1 * 1e6 = 1100000.0000000002.
  const magnitude = Number((Number(body.replaceAll(',', '')) * multiplier).toPrecision(15));
  if (!Number.isFinite(magnitude) || magnitude > MAX_KPI_MAGNITUDE) return null;
  const value = sign === '-' || sign === '−' ? -magnitude : magnitude;
  return { value: Object.is(value, -0) ? 0 : value, unitHint: currency ?? (percent ? '%' : null) };
}

function quote(raw: string): string {
  return raw.length > 30 ? `"${raw.slice(0, 29)}…"` : `"${raw}"`;
}

function numberCell(name: 'target' | 'actual') {
  return z.string().transform((raw, ctx): ParsedNumber | null => {
    if (raw === '') {
      if (name === 'target') ctx.addIssue('target is missing.');
      return null;
    }
    const parsed = parseNumber(raw);
    if (!parsed && /\d{16,}/.test(raw.replace(/[\s,.]/g, ''))) {
      ctx.addIssue(`${name} ${quote(raw)} is too large (at most a million billion).`);
    } else if (!parsed) ctx.addIssue(`${name} ${quote(raw)} is not a number.`);
    return parsed;
  });
}

const DIRECTIONS = new Map([
  ['', true],
  ['higher', true],
  ['higher is better', true],
  ['lower', false],
  ['lower is better', false],
]);

const kpiLineSchema = z
  .object({
    metric: z.string().superRefine((metric, ctx) => {
      if (metric === '') ctx.addIssue('metric name is missing.');
      else if (metric.length > MAX_METRIC_LENGTH) {
        ctx.addIssue(`metric name is ${metric.length} characters; keep it to ${MAX_METRIC_LENGTH} or fewer.`);
      }
    }),
    target: numberCell('target'),
    actual: numberCell('actual'),
    unit: z.string().superRefine((unit, ctx) => {
      if (unit.length > MAX_UNIT_LENGTH) {
        ctx.addIssue(
          `unit ${quote(unit)} is ${unit.length} characters; keep it to ${MAX_UNIT_LENGTH} or fewer.`,
        );
      }
    }),
    direction: z.string().transform((raw, ctx) => {
      const higherIsBetter = DIRECTIONS.get(normalDirection(raw));
      if (higherIsBetter === undefined) ctx.addIssue(`direction ${quote(raw)} must be "higher" or "lower".`);
      return higherIsBetter ?? true;
    }),
  })
  .superRefine(({ target, actual, unit }, ctx) => {
    // "22% | $19" has no one unit to show both numbers in; picking one would misreport the other.
    const hints = [target?.unitHint, actual?.unitHint];
    if (unit === '' && hints[0] && hints[1] && hints[0] !== hints[1]) {
      ctx.addIssue({
        code: 'custom',
        message: `target and actual are in different units (${unitName(hints[0])} and ${unitName(hints[1])}).`,
      });
    }
  })
  .transform(
    ({ metric, target, actual, unit, direction }): Kpi => ({
      metric,
      // Only reached when every field is valid, so target is non-null here.
      target: target?.value ?? 0,
      actual: actual?.value ?? null,
      unit: unit || target?.unitHint || actual?.unitHint || '',
      higherIsBetter: direction,
    }),
  );

function unitName(unit: string): string {
  return unit === '%' ? 'a percentage' : unit;
}

function splitColumns(line: string): string[] {
  let text = line.trim();
  // Accept rows pasted from a Markdown table: "| MQLs | 500 | | leads | higher |".
  if (text.length > 1 && text.startsWith('|') && text.endsWith('|')) text = text.slice(1, -1);
  return text.split('|').map((c) => c.trim());
}

/**
 * A typed line's columns as the five fields. Unit and direction may be left off (`Win rate | 22% | 19%`),
 * and a four-column line whose last column is a direction (`CAC | 180 | 212 | lower`) means the direction,
 * not a unit called "lower".
 */
function fiveColumns(columns: string[]): string[] {
  if (columns.length === 3) return [...columns, '', ''];
  const last = columns[3] ?? '';
  if (columns.length === 4 && last !== '' && DIRECTIONS.has(normalDirection(last))) {
    return [...columns.slice(0, 3), '', last];
  }
  return columns;
}

function normalDirection(raw: string): string {
  return raw.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * One KPI per line: `Metric | target | actual | unit | higher/lower`. Actual and unit may be blank; unit
 * and direction may be left off, the unit then coming from the numbers ("22%", "$180") and higher being
 * better. Every bad line is reported, so the user can fix them all in one go.
 */
export function parseKpiLines(text: string): ParseKpiResult {
  const kpis: Kpi[] = [];
  const errors: string[] = [];
  let count = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    count++;
    const lineNo = index + 1;
    const columns = splitColumns(line);
    if (columns.length < 3 || columns.length > 5) {
      const found = `${columns.length} column${columns.length === 1 ? '' : 's'}`;
      errors.push(
        `Line ${lineNo}: expected "${KPI_LINE_MINIMUM}", then optionally "| unit | higher/lower" — found ${found}.`,
      );
      return;
    }
    const [metric = '', target = '', actual = '', unit = '', direction = ''] = fiveColumns(columns);
    const result = kpiLineSchema.safeParse({ metric, target, actual, unit, direction });
    if (result.success) kpis.push(result.data);
    else for (const issue of result.error.issues) errors.push(`Line ${lineNo}: ${issue.message}`);
  });
  if (count > MAX_KPIS) errors.push(`You listed ${count} KPIs; keep it to ${MAX_KPIS} or fewer.`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, kpis };
}

// Plain digits, no grouping, so a number written into a line parses back unchanged.
const PLAIN_NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });

/** A KPI as a line `parseKpiLines` reads back to the same KPI: `CAC | 180 | | USD | lower`. */
export function kpiLineOf(kpi: Kpi): string {
  const actual = kpi.actual === null ? '' : PLAIN_NUMBER.format(kpi.actual);
  const direction = kpi.higherIsBetter ? 'higher' : 'lower';
  const cells = [kpi.metric.trim(), PLAIN_NUMBER.format(kpi.target), actual, kpi.unit.trim(), direction];
  return cells
    .map((cell) => (cell === '' ? ' ' : ` ${cell} `))
    .join('|')
    .trim();
}

/** A KPI's actual as a facilitator types it later: blank means not measured yet. */
export function parseKpiActual(
  raw: string,
): { ok: true; value: number | null } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  const parsed = parseNumber(text);
  return parsed
    ? { ok: true, value: parsed.value }
    : { ok: false, error: `"${text.slice(0, 40)}" is not a number. Write it like 1200, 1,200, 2.5k or 12%.` };
}

export type KpiStatus = 'met' | 'missed' | 'pending';

export interface KpiVariance {
  status: KpiStatus;
  variance: number | null;
  variancePct: number | null;
}

export function kpiVariance(kpi: Kpi): KpiVariance {
  if (kpi.actual === null) return { status: 'pending', variance: null, variancePct: null };
  const variance = Number((kpi.actual - kpi.target).toPrecision(12));
  const variancePct = kpi.target === 0 ? null : (variance / Math.abs(kpi.target)) * 100;
  const met = kpi.higherIsBetter ? kpi.actual >= kpi.target : kpi.actual <= kpi.target;
  return { status: met ? 'met' : 'missed', variance, variancePct };
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const MINUS = '−';

/** "1,200 leads", "2.5%", "$40", "€40". */
export function formatNumber(n: number, unit: string): string {
  const sign = n < 0 && GROUPED.format(Math.abs(n)) !== '0' ? MINUS : '';
  const digits = GROUPED.format(Math.abs(n));
  const trimmedUnit = unit.trim();
  const symbol =
    SYMBOL_BY_CURRENCY.get(trimmedUnit.toUpperCase()) ??
    (CURRENCY_BY_SYMBOL.has(trimmedUnit) ? trimmedUnit : undefined);
  if (symbol) return `${sign}${symbol}${digits}`;
  if (trimmedUnit === '') return `${sign}${digits}`;
  if (trimmedUnit === '%') return `${sign}${digits}%`;
  return `${sign}${digits} ${trimmedUnit}`;
}

/**
 * "+12.5%" / "−8.0%" relative to the target; when the target is 0 a percentage means nothing, so the
 * absolute difference is shown instead ("+3 leads"). "—" while the actual is unknown.
 */
export function formatVariance(result: Pick<KpiVariance, 'variance' | 'variancePct'>, unit = ''): string {
  if (result.variancePct !== null) {
    const rounded = Math.round(result.variancePct * 10) / 10;
    return `${signOf(rounded)}${Math.abs(rounded).toFixed(1)}%`;
  }
  if (result.variance !== null) {
    return `${signOf(result.variance)}${formatNumber(Math.abs(result.variance), unit)}`;
  }
  return '—';
}

function signOf(n: number): string {
  if (n > 0) return '+';
  if (n < 0) return MINUS;
  return '';
}

/** How the actual compares with the target, judged by the KPI's direction. */
type KpiComparison = 'better' | 'worse' | 'on_target';

function kpiComparison(kpi: Kpi): KpiComparison | null {
  const { variance } = kpiVariance(kpi);
  if (variance === null) return null;
  if (variance === 0) return 'on_target';
  return variance > 0 === kpi.higherIsBetter ? 'better' : 'worse';
}

function isPercent(unit: string): boolean {
  return unit.trim() === '%';
}

/**
 * The size of the gap between actual and target, without a sign: "250 signups", "$32", and for a
 * percentage "3 percentage points", since "3%" would read as a relative change.
 */
export function formatGap(gap: number, unit: string): string {
  if (!isPercent(unit)) return formatNumber(Math.abs(gap), unit);
  const points = GROUPED.format(Math.abs(gap));
  return `${points} percentage ${points === '1' ? 'point' : 'points'}`;
}

/**
 * The relative change from the target, "+17.8%"; for a percentage KPI "−13.6% relative", so it is not
 * taken for the gap in points. Null when there is none (not measured, or a target of 0).
 */
function formatRelativeChange(variancePct: number | null, unit: string): string | null {
  if (variancePct === null) return null;
  const rounded = Math.round(variancePct * 10) / 10;
  const change = `${signOf(rounded)}${Math.abs(rounded).toFixed(1)}%`;
  return isPercent(unit) ? `${change} relative` : change;
}

const STATUS_WORD: Record<KpiStatus, string> = { met: 'met', missed: 'missed', pending: 'not measured yet' };

/**
 * The verdict in words, so it reads without the emoji (screen readers) and says whether a plus is good:
 * "met, 250 signups better than target (+12.5%)", "missed, 3 percentage points worse than target
 * (−13.6% relative)", "met, on target", "not measured yet". Plain text: the unit is user text.
 */
export function kpiVerdict(kpi: Kpi): string {
  const result = kpiVariance(kpi);
  const comparison = kpiComparison(kpi);
  if (comparison === null || result.variance === null) return STATUS_WORD[result.status];
  if (comparison === 'on_target') return `${STATUS_WORD[result.status]}, on target`;
  const relative = formatRelativeChange(result.variancePct, kpi.unit);
  const gap = `${formatGap(result.variance, kpi.unit)} ${comparison} than target`;
  return `${STATUS_WORD[result.status]}, ${gap}${relative ? ` (${relative})` : ''}`;
}

export const KPI_STATUS_EMOJI = { met: '✅', missed: '⚠️', pending: '⏳' } as const satisfies Record<
  KpiStatus,
  string
>;

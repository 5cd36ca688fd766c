import { isUuid } from './uuid.js';

/**
 * What a Five Whys chain or an action item starts from, as carried in a button or overflow value
 * (`item:<uuid>`): a revealed feedback item, a KPI, a chain's root cause, or the retro itself (a free
 * problem statement). Values come back from clients, so reading one checks it.
 */
export type SourceRef = { type: 'item' | 'kpi' | 'root_cause' | 'retro'; id: string };

const TYPES = new Set<SourceRef['type']>(['item', 'kpi', 'root_cause', 'retro']);

export function sourceRefValue(ref: SourceRef): string {
  return `${ref.type}:${ref.id}`;
}

export function readSourceRef(value: string | undefined): SourceRef | null {
  const match = /^([a-z_]+):(.+)$/.exec(value ?? '');
  const type = match?.[1] as SourceRef['type'] | undefined;
  const id = match?.[2];
  if (!type || !id || !TYPES.has(type) || !isUuid(id)) return null;
  return { type, id };
}

export type TemplateId = 'start_stop_continue' | 'swot' | 'four_ls';

/** The first entry is the default offered in the setup modal. */
export const TEMPLATE_IDS = [
  'start_stop_continue',
  'swot',
  'four_ls',
] as const satisfies readonly TemplateId[];

export interface Section {
  id: string;
  label: string;
  emoji: string;
  hint: string;
}

export interface Template {
  id: TemplateId;
  label: string;
  sections: readonly Section[];
}

export const TEMPLATES: Record<TemplateId, Template> = {
  start_stop_continue: {
    id: 'start_stop_continue',
    label: 'Start / Stop / Continue',
    sections: [
      { id: 'start', label: 'Start', emoji: '🌱', hint: 'What should we begin doing?' },
      { id: 'stop', label: 'Stop', emoji: '🛑', hint: 'What should we stop doing?' },
      { id: 'continue', label: 'Continue', emoji: '🔁', hint: 'What worked and should keep going?' },
    ],
  },
  swot: {
    id: 'swot',
    label: 'SWOT',
    sections: [
      { id: 'strengths', label: 'Strengths', emoji: '💪', hint: 'What gave us an edge?' },
      { id: 'weaknesses', label: 'Weaknesses', emoji: '🩹', hint: 'Where did we fall short?' },
      { id: 'opportunities', label: 'Opportunities', emoji: '🚀', hint: 'What could we take advantage of?' },
      { id: 'threats', label: 'Threats', emoji: '⚡', hint: 'What could hurt us next time?' },
    ],
  },
  four_ls: {
    id: 'four_ls',
    label: '4Ls',
    sections: [
      { id: 'liked', label: 'Liked', emoji: '👍', hint: 'What did you enjoy?' },
      { id: 'learned', label: 'Learned', emoji: '💡', hint: 'What did you learn?' },
      { id: 'lacked', label: 'Lacked', emoji: '🕳️', hint: 'What was missing?' },
      { id: 'longed_for', label: 'Longed for', emoji: '✨', hint: 'What do you wish we had?' },
    ],
  },
};

export function sectionsOf(template: TemplateId): readonly Section[] {
  return TEMPLATES[template].sections;
}

/** Falls back to the raw id so a renamed or removed section still renders in old retros. */
export function sectionLabel(template: TemplateId, sectionId: string): string {
  return sectionsOf(template).find((s) => s.id === sectionId)?.label ?? sectionId;
}

export type RetroKind = 'campaign' | 'launch' | 'quarter' | 'other';

export const RETRO_KINDS = [
  { id: 'campaign', label: 'Campaign' },
  { id: 'launch', label: 'Launch' },
  { id: 'quarter', label: 'Quarter' },
  { id: 'other', label: 'Other' },
] as const satisfies readonly { id: RetroKind; label: string }[];

export function retroKindLabel(kind: RetroKind): string {
  return RETRO_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Example lines in the KPI line format (see src/kpi/kpi.ts), used as placeholders in the setup modal. */
export const SUGGESTED_KPIS: Record<RetroKind, string[]> = {
  campaign: [
    'MQLs | 500 | | leads | higher',
    'Cost per lead | 40 | | USD | lower',
    'CTR | 2.5 | | % | higher',
  ],
  launch: [
    'Signups | 2,000 | | signups | higher',
    'Activation rate | 30 | | % | higher',
    'Press mentions | 15 | | mentions | higher',
  ],
  quarter: [
    'Pipeline | 1.2m | | USD | higher',
    'Win rate | 25 | | % | higher',
    'CAC | 1,500 | | USD | lower',
  ],
  other: ['Goal metric | 100 | | | higher', 'Budget spent | 10k | | USD | lower'],
};

export interface SectionGroup<T> {
  id: string;
  label: string;
  /** Null for a section the template no longer has. */
  emoji: string | null;
  items: T[];
}

/**
 * Items grouped by section: the template's sections in order (empty ones too), then sections the
 * template no longer has, in the order first seen, so a renamed section still shows in old retros.
 * Each group keeps the items' order.
 */
export function groupBySection<T extends { section: string }>(
  template: TemplateId,
  items: readonly T[],
): SectionGroup<T>[] {
  const bySection = new Map<string, T[]>();
  for (const item of items) {
    const list = bySection.get(item.section);
    if (list) list.push(item);
    else bySection.set(item.section, [item]);
  }
  const known = sectionsOf(template);
  const strays = [...bySection.keys()].filter((id) => !known.some((s) => s.id === id));
  return [
    ...known.map((s) => ({ id: s.id, label: s.label, emoji: s.emoji, items: bySection.get(s.id) ?? [] })),
    ...strays.map((id) => ({ id, label: id, emoji: null, items: bySection.get(id) ?? [] })),
  ];
}

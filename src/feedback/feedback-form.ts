import { ANONYMOUS } from '../retro/retro.ids.js';
import { sectionsOf, TEMPLATE_IDS, type TemplateId } from '../retro/templates.js';
import { type FormSchema, picked, readForm, text, type ViewStateValues } from '../slack/read-form.js';
import { FEEDBACK_IDS } from './feedback.ids.js';
import { parseSubmission } from './feedback-lines.js';

export type FeedbackFormResult =
  | { ok: true; items: { section: string; body: string }[]; anonymous: boolean }
  | { ok: false; errors: Record<string, string> };

/** The feedback modal's fields for a template: one text per section, and the anonymity checkbox. */
function feedbackForm(template: TemplateId): FormSchema {
  return {
    ...Object.fromEntries(sectionsOf(template).map((s) => [FEEDBACK_IDS.blocks.section(s.id), text()])),
    [ANONYMOUS.block]: picked(),
  };
}

/**
 * Reads a submitted feedback modal (from the card or from a saved message): the items of every section,
 * errors keyed by the section's block, and whether they go in anonymously. The schemas are built once per
 * reader: a burst of submissions reads them many times a second.
 */
export function createFeedbackFormReader(): (
  values: ViewStateValues,
  template: TemplateId,
) => FeedbackFormResult {
  const forms = new Map(TEMPLATE_IDS.map((id) => [id, feedbackForm(id)]));
  return (values, template) => {
    const form = readForm(values, forms.get(template) ?? feedbackForm(template));
    const read: Record<string, unknown> = form.ok ? form.values : {};
    const parsed = parseSubmission(
      sectionsOf(template).map((s) => s.id),
      (id) => read[FEEDBACK_IDS.blocks.section(id)] as string | undefined,
    );
    if (!parsed.ok) {
      return {
        ok: false,
        errors: Object.fromEntries(
          Object.entries(parsed.errors).map(([id, error]) => [FEEDBACK_IDS.blocks.section(id), error]),
        ),
      };
    }
    const anonymous = ((read[ANONYMOUS.block] as string[] | undefined) ?? []).includes(ANONYMOUS.option);
    return { ok: true, items: parsed.items, anonymous };
  };
}

/** Where an error about the whole submission is shown: the template's first section. */
export function firstSectionBlock(template: TemplateId): string {
  return FEEDBACK_IDS.blocks.section(sectionsOf(template)[0]?.id ?? '');
}

import { formatNumber, type Kpi } from '../retro/kpi.js';
import type { Retro, RetroKpi } from '../retro/retro.js';
import type { InputBlock, KnownBlock, ModalView } from '../slack/block-kit.js';
import { context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { bold, truncate } from '../slack/mrkdwn.js';
import { KPI_IDS } from './kpi.ids.js';
import { type EarlierSeries, linkableKpis } from './series-links.js';

/** Input block id of one KPI's actual; view_submission state and inline errors are keyed by it. */
export function kpiBlockId(id: string): string {
  return `kpi_${id}`;
}

/** Input block id of the earlier series a KPI continues (a renamed KPI). */
export function kpiSeriesBlockId(id: string): string {
  return `kpi_series_${id}`;
}

function seriesSelect(kpi: RetroKpi, choices: EarlierSeries[]): InputBlock {
  return {
    type: 'input',
    block_id: kpiSeriesBlockId(kpi.id),
    optional: true,
    label: plainText(`${kpi.metric.trim() || 'KPI'}: continues the series of`, LIMITS.inputLabel),
    hint: plainText(
      'New name for a KPI of an earlier retro? Pick its old name so its values are followed from retro to retro.',
      LIMITS.inputHint,
    ),
    element: {
      type: 'static_select',
      action_id: INPUT,
      placeholder: plainText('Earlier KPI', LIMITS.placeholder),
      options: choices.slice(0, LIMITS.optionsPerElement).map((s) => ({
        text: plainText(s.metric.trim() || s.seriesKey, LIMITS.optionText),
        value: s.seriesKey,
      })),
    },
  };
}

// Plain digits, no grouping, so the value parses back unchanged (parseNumber accepts it).
const PLAIN_NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });

/** One KPI's actual as a modal input: its target and direction in the hint, the actual typed so far kept. */
export function kpiActualInput(blockId: string, kpi: Kpi): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plainText(kpi.metric.trim() || 'KPI', LIMITS.inputLabel),
    hint: plainText(
      `Target: ${formatNumber(kpi.target, kpi.unit)} · ${kpi.higherIsBetter ? 'higher' : 'lower'} is better`,
      LIMITS.inputHint,
    ),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      max_length: 50,
      placeholder: plainText('e.g. 1200', LIMITS.placeholder),
      ...(kpi.actual === null ? {} : { initial_value: truncate(PLAIN_NUMBER.format(kpi.actual), 50) }),
    },
  };
}

export function presentKpiActualsModal(input: {
  retro: Retro;
  kpis: RetroKpi[];
  /** The series of the channel's earlier retros, offered to the KPIs that start one of their own. */
  earlierSeries?: EarlierSeries[];
  metadata: string;
}): ModalView {
  const { retro } = input;
  const title = plainText('KPI actuals', LIMITS.modalTitle);

  if (input.kpis.length === 0) {
    return {
      type: 'modal',
      callback_id: KPI_IDS.view,
      title,
      close: plainText('Close', LIMITS.modalButton),
      private_metadata: input.metadata,
      blocks: [
        section(
          `${bold(retro.title, 'This retro')} has no KPIs. KPIs are added when starting a retro ` +
            '(`/retro start`), one per line with a target; their actuals can then be updated here.',
        ),
      ],
    };
  }

  const blocks: KnownBlock[] = [
    context(
      `What did each KPI of ${bold(retro.title, 'this retro')} actually reach? Leave a field empty if it isn't measured yet.`,
    ),
  ];
  const linkable = new Map(
    linkableKpis(input.kpis, input.earlierSeries ?? []).map(({ kpi, choices }) => [kpi.id, choices]),
  );
  const kpis = [...input.kpis]
    .sort((a, b) => a.position - b.position)
    .slice(0, Math.floor((LIMITS.modalBlocks - 1) / 2));
  for (const kpi of kpis) {
    blocks.push(kpiActualInput(kpiBlockId(kpi.id), kpi));
    const choices = linkable.get(kpi.id);
    if (choices) blocks.push(seriesSelect(kpi, choices));
  }

  return {
    type: 'modal',
    callback_id: KPI_IDS.view,
    title,
    submit: plainText('Save', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

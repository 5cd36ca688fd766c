import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '../slack/block-kit.js';
import { chunkLines, context, LIMITS, plainText, section } from '../slack/blocks.js';
import { INPUT } from '../slack/ids.js';
import { fallbackText } from '../slack/messages.js';
import { inlineText, italic } from '../slack/mrkdwn.js';
import { FIVE_WHYS_IDS } from './five-whys.ids.js';
import type { FiveWhys } from './whys.js';
import { MAX_WHYS, WHYS_LIMITS, type WhysChain } from './whys.js';

const IDS = FIVE_WHYS_IDS;

function textInput(input: {
  blockId: string;
  label: string;
  max: number;
  value: string | undefined;
  optional?: boolean;
  placeholder?: string;
  hint?: string;
}): InputBlock {
  const value = input.value?.slice(0, input.max);
  return {
    type: 'input',
    block_id: input.blockId,
    optional: input.optional ?? false,
    label: plainText(input.label),
    ...(input.hint ? { hint: plainText(input.hint, LIMITS.inputHint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: true,
      max_length: input.max,
      ...(input.placeholder ? { placeholder: plainText(input.placeholder, LIMITS.placeholder) } : {}),
      ...(value?.trim() ? { initial_value: value } : {}),
    },
  };
}

/**
 * The Five Whys modal: Problem (pre-filled from its source), Why 1 (required) to Why 5, Root cause.
 * `chain` pre-fills an edit; `source` (mrkdwn) says what the chain started from.
 */
export function presentFiveWhysModal(input: {
  problem: string;
  chain?: Partial<WhysChain>;
  source?: string | null;
  metadata: string;
}): ModalView {
  const blocks: KnownBlock[] = [];
  if (input.source) blocks.push(context(input.source));
  blocks.push(
    textInput({
      blockId: IDS.blocks.problem,
      label: 'Problem',
      max: WHYS_LIMITS.problem,
      value: input.chain?.problem ?? input.problem,
      placeholder: 'What went wrong, as a fact',
    }),
  );
  for (let n = 1; n <= MAX_WHYS; n++) {
    blocks.push(
      textInput({
        blockId: IDS.blocks.why(n),
        label: `Why ${n}`,
        max: WHYS_LIMITS.why,
        value: input.chain?.whys?.[n - 1],
        optional: n > 1,
        placeholder: n === 1 ? 'Why did this happen?' : `Why did that happen? (optional)`,
      }),
    );
  }
  blocks.push(
    textInput({
      blockId: IDS.blocks.rootCause,
      label: 'Root cause',
      max: WHYS_LIMITS.rootCause,
      value: input.chain?.rootCause,
      placeholder: 'The cause that, once fixed, stops this from happening again',
      hint: 'It can become an action item once the chain is posted.',
    }),
  );
  return {
    type: 'modal',
    callback_id: IDS.view,
    title: plainText(input.chain ? 'Edit Five Whys' : 'Five Whys', LIMITS.modalTitle),
    submit: plainText('Post to thread', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: input.metadata,
    blocks,
  };
}

function buttons(chainId: string): ActionsBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plainText('Turn root cause into an action item', LIMITS.buttonText),
        action_id: IDS.actions.toActionItem,
        value: chainId,
        style: 'primary',
      },
      {
        type: 'button',
        text: plainText('Edit', LIMITS.buttonText),
        action_id: IDS.actions.edit,
        value: chainId,
      },
    ],
  };
}

/** The chain in the retro thread, problem → why → … → root cause; updated in place after an edit. */
export function presentFiveWhysMessage(chain: FiveWhys): { text: string; blocks: KnownBlock[] } {
  const from = chain.sourceLabel?.trim() ? ` on ${italic(chain.sourceLabel)}` : '';
  const lines = [
    `*Problem:* ${inlineText(chain.problem)}`,
    ...chain.whys.map((why, i) => `↓ *Why ${i + 1}:* ${inlineText(why)}`),
    `↓ *Root cause:* ${inlineText(chain.rootCause)}`,
  ];
  const edited = chain.updatedAt.getTime() > chain.createdAt.getTime() ? ' · edited' : '';
  return {
    text: fallbackText(`Five Whys: ${chain.problem} → root cause: ${chain.rootCause}`),
    blocks: [
      section(`:mag: *Five Whys* by <@${chain.createdBy}>${from}${edited}`),
      ...chunkLines(lines).map(section),
      buttons(chain.id),
    ],
  };
}

/**
 * What the action modal shows beside its fields when it starts from a chain's root cause. The root cause
 * names a problem, not the work that fixes it, so it is shown as context and the action is left to write.
 */
export function presentRootCauseSource(rootCause: string): string {
  return `*Root cause:* ${inlineText(rootCause)}\nWrite the action that will fix it.`;
}

import { expect } from 'vitest';

/**
 * Walks Block Kit JSON and lists every broken Slack limit (FACTS §4 and the Block Kit reference). Tests call
 * assertMessageLimits / assertModalLimits; the list of problems makes a failure easy to read.
 */

type Json = Record<string, any>;

const MESSAGE_BLOCKS = 50;
const MODAL_BLOCKS = 100;
/** Our own guard against msg_blocks_too_long (see LIMITS.messageBlocksJson in src/slack/limits.ts). */
const MESSAGE_JSON = 12_000;

function textOf(obj: unknown): string | undefined {
  if (obj && typeof obj === 'object' && typeof (obj as Json).text === 'string') return (obj as Json).text;
  return undefined;
}

function checkText(problems: string[], where: string, obj: unknown, max: number, min = 1): void {
  const text = textOf(obj);
  if (text === undefined) {
    problems.push(`${where}: missing text object`);
    return;
  }
  if (text.length < min) problems.push(`${where}: text is empty`);
  if (text.length > max) problems.push(`${where}: text is ${text.length} chars (max ${max})`);
  if (text.includes('undefined') || text.includes('[object Object]') || text.includes('NaN')) {
    problems.push(`${where}: text looks broken: ${text.slice(0, 80)}`);
  }
}

function checkOption(problems: string[], where: string, option: Json): void {
  checkText(problems, `${where}.text`, option.text, 75);
  if (option.description !== undefined) checkText(problems, `${where}.description`, option.description, 75);
  if (typeof option.value !== 'string' || option.value.length === 0 || option.value.length > 150) {
    problems.push(`${where}: option value must be 1..150 chars, got ${JSON.stringify(option.value)}`);
  }
}

function checkConfirm(problems: string[], where: string, confirm: Json | undefined): void {
  if (!confirm) return;
  if (confirm.title) checkText(problems, `${where}.confirm.title`, confirm.title, 100);
  checkText(problems, `${where}.confirm.text`, confirm.text, 300);
  if (confirm.confirm) checkText(problems, `${where}.confirm.confirm`, confirm.confirm, 30);
  if (confirm.deny) checkText(problems, `${where}.confirm.deny`, confirm.deny, 30);
}

function checkElement(problems: string[], where: string, el: Json): void {
  if (typeof el.action_id === 'string' && el.action_id.length > 255)
    problems.push(`${where}: action_id > 255`);
  checkConfirm(problems, where, el.confirm);
  if (el.placeholder) checkText(problems, `${where}.placeholder`, el.placeholder, 150);
  switch (el.type) {
    case 'button':
      checkText(problems, `${where}.text`, el.text, 75);
      if (typeof el.value === 'string' && el.value.length > 2000)
        problems.push(`${where}: button value > 2000`);
      break;
    case 'plain_text_input': {
      const max = el.max_length ?? 3000;
      if (max < 1 || max > 3000) problems.push(`${where}: max_length ${max} not in 1..3000`);
      if (typeof el.initial_value === 'string' && el.initial_value.length > max) {
        problems.push(`${where}: initial_value longer than max_length`);
      }
      break;
    }
    default:
      break;
  }
  const options: Json[] = [];
  if (Array.isArray(el.options)) options.push(...el.options);
  if (Array.isArray(el.option_groups)) {
    if (el.option_groups.length > 100) problems.push(`${where}: more than 100 option groups`);
    el.option_groups.forEach((g: Json, i: number) => {
      checkText(problems, `${where}.option_groups[${i}].label`, g.label, 75);
      if (!Array.isArray(g.options) || g.options.length === 0) {
        problems.push(`${where}.option_groups[${i}]: no options`);
      } else options.push(...g.options);
    });
  }
  if (el.options !== undefined || el.option_groups !== undefined) {
    if (options.length === 0) problems.push(`${where}: select without options`);
    if (options.length > 100) problems.push(`${where}: ${options.length} options (max 100)`);
    options.forEach((o, i) => {
      checkOption(problems, `${where}.options[${i}]`, o);
    });
    const values = options.map((o) => o.value);
    if (new Set(values).size !== values.length) problems.push(`${where}: duplicate option values`);
    const initial: Json[] = [
      ...(el.initial_options ?? []),
      ...(el.initial_option ? [el.initial_option] : []),
    ];
    for (const o of initial) {
      if (!options.some((candidate) => JSON.stringify(candidate) === JSON.stringify(o))) {
        problems.push(`${where}: initial option ${JSON.stringify(o.value)} is not one of the options`);
      }
    }
    if (el.initial_options !== undefined && el.initial_options.length === 0) {
      problems.push(`${where}: empty initial_options (omit the key instead)`);
    }
    if (el.max_selected_items !== undefined) {
      if (el.max_selected_items < 1) problems.push(`${where}: max_selected_items < 1`);
      if ((el.initial_options?.length ?? 0) > el.max_selected_items) {
        problems.push(`${where}: more initial options than max_selected_items`);
      }
    }
  }
}

function checkBlocks(problems: string[], blocks: Json[], maxBlocks: number): void {
  if (!Array.isArray(blocks) || blocks.length === 0) {
    problems.push('no blocks');
    return;
  }
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || block.block_id.length === 0 || block.block_id.length > 255) {
        problems.push(`${where}: block_id must be 1..255 chars`);
      } else if (blockIds.has(block.block_id)) {
        problems.push(`${where}: duplicate block_id ${block.block_id}`);
      } else blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined)
          problems.push(`${where}: no text or fields`);
        if (block.text !== undefined) checkText(problems, `${where}.text`, block.text, 3000);
        if (block.fields !== undefined) {
          if (block.fields.length > 10) problems.push(`${where}: more than 10 fields`);
          block.fields.forEach((f: Json, j: number) => {
            checkText(problems, `${where}.fields[${j}]`, f, 2000);
          });
        }
        if (block.accessory) checkElement(problems, `${where}.accessory`, block.accessory);
        break;
      case 'header':
        checkText(problems, `${where}.text`, block.text, 150);
        if (block.text?.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) {
          problems.push(`${where}: context needs 1..10 elements`);
        } else {
          block.elements.forEach((e: Json, j: number) => {
            checkText(problems, `${where}.elements[${j}]`, e, 3000);
          });
        }
        break;
      case 'actions': {
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 25) {
          problems.push(`${where}: actions needs 1..25 elements`);
          break;
        }
        const actionIds = new Set<string>();
        block.elements.forEach((e: Json, j: number) => {
          checkElement(problems, `${where}.elements[${j}]`, e);
          if (e.action_id !== undefined) {
            if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
            actionIds.add(e.action_id);
          }
        });
        break;
      }
      case 'input':
        checkText(problems, `${where}.label`, block.label, 2000);
        if (block.hint !== undefined) checkText(problems, `${where}.hint`, block.hint, 2000);
        if (!block.element) problems.push(`${where}: no element`);
        else checkElement(problems, `${where}.element`, block.element);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
}

export function messageProblems(msg: { text: string; blocks: unknown[] }): string[] {
  const problems: string[] = [];
  if (typeof msg.text !== 'string' || msg.text.trim() === '') problems.push('message has no fallback text');
  else if (msg.text.length > 40_000) problems.push('fallback text over 40,000 chars');
  checkBlocks(problems, msg.blocks as Json[], MESSAGE_BLOCKS);
  const json = (msg.blocks as Json[]).reduce((sum, b) => sum + JSON.stringify(b).length, 0);
  if (json > MESSAGE_JSON) problems.push(`blocks JSON is ${json} chars (max ${MESSAGE_JSON})`);
  if ((msg.blocks as Json[]).some((b) => b.type === 'input')) problems.push('input block in a message');
  return problems;
}

export function modalProblems(view: Json): string[] {
  const problems: string[] = [];
  if (view.type !== 'modal') problems.push('not a modal');
  checkText(problems, 'title', view.title, 24);
  if (view.submit !== undefined) checkText(problems, 'submit', view.submit, 24);
  if (view.close !== undefined) checkText(problems, 'close', view.close, 24);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255)
    problems.push('callback_id > 255');
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    problems.push('private_metadata > 3000');
  }
  const blocks = (view.blocks ?? []) as Json[];
  if (blocks.some((b) => b.type === 'input') && view.submit === undefined) {
    problems.push('modal with input blocks needs a submit button');
  }
  checkBlocks(problems, blocks, MODAL_BLOCKS);
  const size = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (size > 250_000) problems.push(`view is ${size} bytes (view_too_large)`);
  return problems;
}

export function assertMessageLimits(msg: { text: string; blocks: unknown[] }): void {
  expect(messageProblems(msg)).toEqual([]);
}

export function assertModalLimits(view: unknown): void {
  expect(modalProblems(view as Json)).toEqual([]);
}

/** Every mrkdwn / plain text string in blocks (section text and fields, context elements, headers). */
export function blockTexts(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const block of blocks as Json[]) {
    if (block.text?.text !== undefined) out.push(block.text.text);
    for (const f of block.fields ?? []) out.push(f.text);
    if (block.type === 'context')
      for (const e of block.elements ?? []) if (e.text !== undefined) out.push(e.text);
  }
  return out;
}

export interface SampleItem {
  id: string;
  section: 'start' | 'stop' | 'continue';
  body: string;
  authorName: string | null;
}

const WORDS = [
  'launch',
  'webinar',
  'pipeline',
  'MQL',
  'landing page',
  'A/B test',
  'sales',
  'creative',
  'budget',
];

/**
 * Deterministic feedback: unique tags, lengths from ~20 up to 500 characters, a few Slack control
 * characters, every third item anonymous, sections unevenly filled (Start has more than 100 items of 300).
 */
export function sampleItems(count: number): SampleItem[] {
  return Array.from({ length: count }, (_, i) => {
    const tag = `[item-${String(i).padStart(4, '0')}]`;
    const target = i % 10 === 0 ? 500 : 20 + ((i * 137) % 481);
    let body = `${tag} ${i % 11 === 0 ? 'Q&A <b>late</b> ' : ''}`;
    let w = i;
    while (body.length < target) body += `${WORDS[w++ % WORDS.length]} `;
    body = body.slice(0, target).trim();
    const mod = i % 7;
    const section = mod < 4 ? 'start' : mod < 6 ? 'stop' : 'continue';
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      section,
      body,
      authorName: i % 3 === 0 ? null : `Author ${i}`,
    };
  });
}

/**
 * Slack's Block Kit limits as the Web API enforces them: a message or view over one is refused whole
 * (`invalid_blocks` for messages, `invalid_arguments` for views), with one line per problem naming its
 * place as Slack's `response_metadata.messages` do.
 */

type Node = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'image',
  'input',
  'rich_text',
  'file',
  'video',
  'markdown',
]);

const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  contextElements: 10,
  actionsElements: 25,
  options: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  altText: 2000,
  imageUrl: 3000,
} as const;

/** Every problem found; none means Slack would take the blocks. */
export function blockProblems(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  const fail: Fail = (message, at) => {
    problems.push(`[ERROR] ${message} [json-pointer:${at}]`);
  };
  if (!Array.isArray(blocks)) {
    fail('must be an array', '/blocks');
    return problems;
  }
  const max = surface === 'message' ? MAX.messageBlocks : MAX.viewBlocks;
  if (blocks.length > max) fail(`no more than ${max} items allowed`, '/blocks');
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const at = `/blocks/${i}`;
    if (!isNode(raw)) {
      fail('must be an object', at);
      return;
    }
    const type = String(raw.type);
    if (!BLOCK_TYPES.has(type)) {
      fail(`unsupported type: ${type}`, `${at}/type`);
      return;
    }
    if (raw.block_id !== undefined) {
      const id = String(raw.block_id);
      if (id.length > MAX.blockId) fail(`must be less than ${MAX.blockId + 1} characters`, `${at}/block_id`);
      if (blockIds.has(id)) fail(`duplicate block_id: ${id}`, `${at}/block_id`);
      blockIds.add(id);
    }
    checkBlock(raw, type, surface, at, fail);
  });
  return problems;
}

type Fail = (message: string, at: string) => void;

function checkBlock(block: Node, type: string, surface: Surface, at: string, fail: Fail): void {
  switch (type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        fail('must provide either text or fields', at);
      }
      if (block.text !== undefined) checkText(block.text, MAX.sectionText, `${at}/text`, fail);
      if (block.fields !== undefined) {
        const fields = Array.isArray(block.fields) ? block.fields : [];
        if (fields.length > MAX.fields) fail(`no more than ${MAX.fields} items allowed`, `${at}/fields`);
        fields.forEach((f, j) => {
          checkText(f, MAX.field, `${at}/fields/${j}`, fail);
        });
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, fail);
      return;
    }
    case 'header':
      checkText(block.text, MAX.headerText, `${at}/text`, fail, 'plain_text');
      return;
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) fail('must contain at least 1 item', `${at}/elements`);
      if (elements.length > MAX.contextElements) {
        fail(`no more than ${MAX.contextElements} items allowed`, `${at}/elements`);
      }
      elements.forEach((e, j) => {
        if (isNode(e) && e.type === 'image') return;
        checkText(e, MAX.sectionText, `${at}/elements/${j}`, fail);
      });
      return;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0) fail('must contain at least 1 item', `${at}/elements`);
      if (elements.length > MAX.actionsElements) {
        fail(`no more than ${MAX.actionsElements} items allowed`, `${at}/elements`);
      }
      const ids = new Set<string>();
      elements.forEach((e, j) => {
        checkElement(e, `${at}/elements/${j}`, fail);
        const id = isNode(e) ? e.action_id : undefined;
        if (typeof id === 'string') {
          if (ids.has(id)) fail(`duplicate action_id: ${id}`, `${at}/elements/${j}/action_id`);
          ids.add(id);
        }
      });
      return;
    }
    case 'input':
      if (surface === 'message') fail('input blocks are not allowed in messages', at);
      checkText(block.label, MAX.label, `${at}/label`, fail, 'plain_text');
      if (block.hint !== undefined) checkText(block.hint, MAX.hint, `${at}/hint`, fail, 'plain_text');
      if (!isNode(block.element)) fail('must provide an element', `${at}/element`);
      else checkElement(block.element, `${at}/element`, fail);
      return;
    case 'image':
      if (typeof block.alt_text !== 'string' || block.alt_text.length > MAX.altText) {
        fail(`alt_text must be a string of at most ${MAX.altText} characters`, `${at}/alt_text`);
      }
      if (block.image_url === undefined && block.slack_file === undefined) {
        fail('must provide image_url or slack_file', at);
      }
      return;
    default:
      return;
  }
}

function checkElement(raw: unknown, at: string, fail: Fail): void {
  if (!isNode(raw)) {
    fail('must be an object', at);
    return;
  }
  const type = String(raw.type);
  if (raw.action_id !== undefined && String(raw.action_id).length > MAX.actionId) {
    fail(`must be less than ${MAX.actionId + 1} characters`, `${at}/action_id`);
  }
  if (raw.placeholder !== undefined) {
    checkText(raw.placeholder, MAX.placeholder, `${at}/placeholder`, fail, 'plain_text');
  }
  if (raw.confirm !== undefined) checkConfirm(raw.confirm, `${at}/confirm`, fail);
  switch (type) {
    case 'button':
      checkText(raw.text, MAX.buttonText, `${at}/text`, fail, 'plain_text');
      if (raw.value !== undefined && String(raw.value).length > MAX.buttonValue) {
        fail(`must be less than ${MAX.buttonValue + 1} characters`, `${at}/value`);
      }
      if (raw.url !== undefined && String(raw.url).length > MAX.url) {
        fail(`must be less than ${MAX.url + 1} characters`, `${at}/url`);
      }
      if (raw.style !== undefined && raw.style !== 'primary' && raw.style !== 'danger') {
        fail('must be one of primary, danger', `${at}/style`);
      }
      return;
    case 'overflow':
    case 'static_select':
    case 'multi_static_select':
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(raw, at, fail, type === 'overflow' ? 5 : MAX.options);
      return;
    case 'image':
      return;
    default:
      return;
  }
}

function checkOptions(element: Node, at: string, fail: Fail, max: number): void {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : undefined;
  const options = groups
    ? groups.flatMap((g) => (isNode(g) && Array.isArray(g.options) ? g.options : []))
    : Array.isArray(element.options)
      ? element.options
      : [];
  if (!groups && options.length === 0) fail('must contain at least 1 item', `${at}/options`);
  if (options.length > max) fail(`no more than ${max} items allowed`, `${at}/options`);
  options.forEach((o, j) => {
    const where = `${at}/options/${j}`;
    if (!isNode(o)) {
      fail('must be an object', where);
      return;
    }
    checkText(o.text, MAX.optionText, `${where}/text`, fail);
    if (o.value !== undefined && String(o.value).length > MAX.optionValue) {
      fail(`must be less than ${MAX.optionValue + 1} characters`, `${where}/value`);
    }
    if (o.description !== undefined) {
      checkText(o.description, MAX.optionDescription, `${where}/description`, fail);
    }
  });
}

function checkConfirm(raw: unknown, at: string, fail: Fail): void {
  if (!isNode(raw)) {
    fail('must be an object', at);
    return;
  }
  checkText(raw.title, MAX.confirmTitle, `${at}/title`, fail, 'plain_text');
  checkText(raw.text, MAX.confirmText, `${at}/text`, fail);
  checkText(raw.confirm, MAX.confirmButton, `${at}/confirm`, fail, 'plain_text');
  checkText(raw.deny, MAX.confirmButton, `${at}/deny`, fail, 'plain_text');
}

/** A text object: the right type, not empty, within `max` characters. */
function checkText(raw: unknown, max: number, at: string, fail: Fail, only?: 'plain_text'): void {
  if (!isNode(raw)) {
    fail('must be a text object', at);
    return;
  }
  const type = raw.type;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    fail('must be plain_text or mrkdwn', `${at}/type`);
    return;
  }
  if (only && type !== only) {
    fail(`must be ${only}`, `${at}/type`);
    return;
  }
  if (typeof raw.text !== 'string' || raw.text.length === 0) {
    fail('must be more than 0 characters', `${at}/text`);
    return;
  }
  if (raw.text.length > max) fail(`must be less than ${max + 1} characters`, `${at}/text`);
}

/** A modal or Home tab as views.open/push/update/publish take it. */
export function viewProblems(view: unknown, surface: 'modal' | 'home'): string[] {
  if (!isNode(view)) return ['[ERROR] must be an object [json-pointer:/view]'];
  const problems: string[] = [];
  const fail: Fail = (message, at) => {
    problems.push(`[ERROR] ${message} [json-pointer:${at}]`);
  };
  if (view.type !== surface) fail(`must be ${surface}`, '/view/type');
  if (surface === 'modal') {
    checkText(view.title, MAX.viewTitle, '/view/title', fail, 'plain_text');
    for (const key of ['submit', 'close'] as const) {
      if (view[key] !== undefined) checkText(view[key], MAX.viewButton, `/view/${key}`, fail, 'plain_text');
    }
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isNode(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) fail('a view with input blocks must have a submit', '/view');
  }
  if (view.private_metadata !== undefined && String(view.private_metadata).length > MAX.privateMetadata) {
    fail(`must be less than ${MAX.privateMetadata + 1} characters`, '/view/private_metadata');
  }
  if (view.callback_id !== undefined && String(view.callback_id).length > MAX.callbackId) {
    fail(`must be less than ${MAX.callbackId + 1} characters`, '/view/callback_id');
  }
  if (view.external_id !== undefined && String(view.external_id).length > MAX.externalId) {
    fail(`must be less than ${MAX.externalId + 1} characters`, '/view/external_id');
  }
  for (const p of blockProblems(view.blocks, surface))
    problems.push(p.replace('json-pointer:/', 'json-pointer:/view/'));
  return problems;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

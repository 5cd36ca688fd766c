// What other folders use of the outbox: the service on the feature context and the message builders.
// Its scheduled jobs are in outbox.jobs.ts, which app.ts lists (the context names the outbox, so this
// file stays free of the feature types).

export { createOutbox, type Outbox } from './outbox.service.js';
export { createOutboxClient } from './outbox-client.service.js';
export {
  CHANNEL_CANVAS_RENDERER,
  channelCanvasEdit,
  channelPost,
  channelQueue,
  directMessage,
  dmQueue,
  messageEdit,
  type OutboxMessage,
} from './outbox-message.js';
export type { MethodBudget } from './rate-gate.js';
export { type RenderedCall, type RenderedEdit, toFailure } from './sender.service.js';

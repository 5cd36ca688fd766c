// What other folders use of the outbox: the service on the feature context and the message builders.

export { createOutbox, type Outbox } from './outbox.service.js';
export { channelPost, debouncedUpdate, directMessage, type OutboxMessage } from './outbox-message.js';
export { createOutboxClient } from './outbox-worker.js';

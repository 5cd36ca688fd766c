/** Other features (the Home tab) read open action items through here. */
export { listOpenActionsOf } from './action-item.repository.js';

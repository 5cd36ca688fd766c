// The limited Slack's thread (limited-slack.ts, startLimitedSlack). A worker thread does not inherit tsx's
// loader on Node 20, so the thread registers it before it loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./limited-slack.ts');

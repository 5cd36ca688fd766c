import type { App } from '@slack/bolt';
import type { SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';

export function retroSubcommands(_ctx: AppContext): Record<string, SubcommandHandler> {
  return {};
}

export function registerRetro(_app: App, _ctx: AppContext): void {}

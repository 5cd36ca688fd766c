import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { COMMAND } from '../slack/ids.js';
import { parseCommandText } from './parse-command.js';
import { presentUsage } from './usage.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
/** A subcommand handler: it must ack() (within 3 s) and then do its work. */
export type SubcommandHandler = (args: CommandArgs, rest: string) => Promise<void>;

/** Feature modules contribute their subcommands; `help` and unknown words are answered here. */
export function registerRetroCommand(app: App, subcommands: Record<string, SubcommandHandler>): void {
  app.command(COMMAND, async (args) => handleRetroCommand(args, subcommands));
}

async function handleRetroCommand(
  args: CommandArgs,
  subcommands: Record<string, SubcommandHandler>,
): Promise<void> {
  const { subcommand, rest } = parseCommandText(args.command.text);
  const handler = Object.hasOwn(subcommands, subcommand) ? subcommands[subcommand] : undefined;
  if (handler) return handler(args, rest);
  const usage = presentUsage(subcommand === '' || subcommand === 'help' ? undefined : subcommand);
  await args.ack({ response_type: 'ephemeral', ...usage });
}

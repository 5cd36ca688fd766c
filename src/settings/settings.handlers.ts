import type { CommandArgs, SubcommandHandler } from '../commands/register.js';

const NOTHING_TO_CONFIGURE =
  'The weekly follow-up of action items (a Monday 09:00 reminder to each owner in their own time zone, and a digest per retro channel) is not switched on in this version yet, so there is nothing to configure here. `/retro actions` lists open action items meanwhile.';

/** `/retro settings`: there is nothing to configure until the weekly follow-up runs. */
export function settingsCommand(): SubcommandHandler {
  return async ({ ack }: CommandArgs) => {
    await ack({ response_type: 'ephemeral', text: NOTHING_TO_CONFIGURE });
  };
}

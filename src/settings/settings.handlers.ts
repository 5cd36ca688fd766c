import { z } from 'zod';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { isTimeZone } from '../shared/wall-clock.js';
import { teamOf, type ViewArgs } from '../slack/handler-types.js';
import { parsedBy, picked, readForm, text } from '../slack/read-form.js';
import { presentSettingsModal, SETTINGS_ERRORS, SETTINGS_OPTIONS } from './present-settings-modal.js';
import { SETTINGS_IDS } from './settings.ids.js';
import { parseHour } from './settings.js';
import { loadSettings, mayEditWorkspace, saveSettings } from './settings.service.js';

const B = SETTINGS_IDS.blocks;
const WORKSPACE_BLOCKS = [B.weekday, B.hour, B.timeZone, B.digest, B.digestChannel, B.channelCanvas];

const ok = <T>(value: T) => ({ ok: true as const, value });
const problem = (error: string) => ({ ok: false as const, error });

const WORKSPACE_FORM = {
  [B.weekday]: z.coerce.number({ error: SETTINGS_ERRORS.weekday }).int().min(0).max(6),
  [B.hour]: parsedBy(text(), (v: string) => {
    const hour = parseHour(v);
    return hour ? ok(hour) : problem(SETTINGS_ERRORS.hour);
  }),
  [B.timeZone]: parsedBy(text(), (v: string) =>
    isTimeZone(v.trim()) && v.trim() ? ok(v.trim()) : problem(SETTINGS_ERRORS.timeZone),
  ),
  [B.digest]: picked(),
  [B.digestChannel]: z.string().optional(),
  [B.channelCanvas]: picked(),
};
const PERSONAL_FORM = { [B.optOut]: picked() };

/** `/retro settings`: opens the modal; workspace fields only for those who may change them. */
export function settingsCommand(ctx: AppContext): SubcommandHandler {
  return async ({ ack, command, client }: CommandArgs) => {
    await ack();
    const [settings, mayEdit] = await Promise.all([
      loadSettings(ctx.db, command.team_id, command.user_id),
      mayEditWorkspace(ctx.db, client, command.team_id, command.user_id),
    ]);
    await client.views.open({
      trigger_id: command.trigger_id,
      view: presentSettingsModal(settings, mayEdit),
    });
  };
}

export function settingsSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const teamId = teamOf(body);
    const userId = body.user.id;
    const values = view.state.values;
    const workspaceSent = WORKSPACE_BLOCKS.some((id) => values[id] !== undefined);
    if (workspaceSent && !(await mayEditWorkspace(ctx.db, client, teamId, userId))) {
      const present = WORKSPACE_BLOCKS.filter((id) => values[id] !== undefined);
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(present.map((id) => [id, SETTINGS_ERRORS.notAllowed])),
      });
      return;
    }
    const personal = readForm(values, PERSONAL_FORM);
    const workspace = workspaceSent ? readForm(values, WORKSPACE_FORM) : undefined;
    if (!personal.ok || (workspace && !workspace.ok)) {
      const errors = {
        ...(personal.ok ? {} : personal.errors),
        ...(workspace?.ok === false ? workspace.errors : {}),
      };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const w = workspace?.ok ? workspace.values : undefined;
    await saveSettings(
      ctx.db,
      teamId,
      userId,
      {
        optOut: personal.values[B.optOut].includes(SETTINGS_OPTIONS.optOut),
        ...(w
          ? {
              workspace: {
                schedule: { weekday: w[B.weekday], time: w[B.hour] },
                defaultTimeZone: w[B.timeZone],
                digestEnabled: w[B.digest].includes(SETTINGS_OPTIONS.digestOn),
                digestChannelId: w[B.digestChannel] ?? null,
                channelCanvas: w[B.channelCanvas].includes(SETTINGS_OPTIONS.canvasOn),
              },
            }
          : {}),
      },
      ctx.clock.now(),
    );
    await ack();
  };
}

import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { unescapeCommandText } from '../commands/parse-command.js';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext, FeatureContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { carriedKpisFrom, findOpenRetroInChannel } from '../retro/retro.service.js';
import type { OnRetroStarted } from '../retro/retro-started.js';
import { RETRO_KINDS, type RetroKind } from '../retro/templates.js';
import { type ActionArgs, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { readForm, text } from '../slack/read-form.js';
import { tellUser } from '../slack/tell-user.js';
import { timeZoneOf } from '../slack/users.js';
import { presentSetupModal } from './present-setup-modal.js';
import {
  alreadyOpenText,
  CHANNEL_HAS_OPEN_RETRO,
  couldNotStartText,
  INVITE_HELP,
  NOT_A_CHANNEL,
  SETUP_FORGED,
  SETUP_FORGED_TITLE,
} from './present-setup-notice.js';
import { SETUP_IDS } from './setup.ids.js';
import { createRetro, postFirstCard } from './setup.service.js';
import { parseSetupForm } from './setup-form.js';

const SetupMetadata = z.object({ channelId: z.string().regex(/^[CG][A-Z0-9]+$/) });

/** `/retro start [title]`: checks the channel, then opens the setup modal. */
export function startCommand(ctx: AppContext): SubcommandHandler {
  return async (args: CommandArgs, rest: string) => {
    const { ack, command, client, respond } = args;
    await ack();
    const channelId = command.channel_id;
    if (!/^[CG]/.test(channelId)) {
      await respond({ response_type: 'ephemeral', text: NOT_A_CHANNEL });
      return;
    }
    const open = await findOpenRetroInChannel(ctx.db, command.team_id, channelId);
    if (open) {
      await respond({
        response_type: 'ephemeral',
        text: alreadyOpenText(open.title, await cardLink(client, open)),
      });
      return;
    }
    // Side by side: the modal must open within the trigger's 3 seconds; the zone is asked for at most 1.
    const [canPost, timeZone, carried] = await Promise.all([
      botCanPost(client, channelId),
      timeZoneOf(client, command.user_id),
      carriedKpisFrom(ctx.db, command.team_id, channelId),
    ]);
    if (!canPost) {
      await respond({ response_type: 'ephemeral', text: INVITE_HELP });
      return;
    }
    await client.views.open({
      trigger_id: command.trigger_id,
      view: presentSetupModal({
        title: unescapeCommandText(rest),
        kind: 'campaign',
        now: ctx.clock.now(),
        timeZone,
        carried,
        metadata: sealMetadata(metadataKey(ctx.config), { channelId }),
      }),
    });
  };
}

async function cardLink(
  client: webApi.WebClient,
  open: { channelId: string; cardTs: string | null },
): Promise<string | undefined> {
  if (!open.cardTs) return undefined;
  return client.chat
    .getPermalink({ channel: open.channelId, message_ts: open.cardTs })
    .then((r) => r.permalink)
    .catch(() => undefined);
}

/** Public channels accept our posts (chat:write.public); private ones only once we are invited. */
async function botCanPost(client: webApi.WebClient, channelId: string): Promise<boolean> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    return Boolean(info.channel?.is_member || !info.channel?.is_private);
  } catch {
    return false;
  }
}

const KindChange = { [SETUP_IDS.blocks.title]: text(), [SETUP_IDS.blocks.kind]: z.string().optional() };

/** Changing "what is reviewed" re-renders the modal so the KPI suggestions fit the kind. */
export function kindChanged(ctx: AppContext) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const form = readForm(view.state.values, KindChange);
    const values = form.ok
      ? form.values
      : { [SETUP_IDS.blocks.title]: '', [SETUP_IDS.blocks.kind]: undefined };
    const kind =
      RETRO_KINDS.find((k) => k.id === values[SETUP_IDS.blocks.kind])?.id ?? ('campaign' satisfies RetroKind);
    // Slack keeps what was typed in a field it finds again; the carried KPIs keep their hint.
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, SetupMetadata);
    const [timeZone, carried] = await Promise.all([
      timeZoneOf(client, body.user.id),
      meta ? carriedKpisFrom(ctx.db, teamOf(body), meta.channelId) : null,
    ]);
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: presentSetupModal({
        title: values[SETUP_IDS.blocks.title],
        kind,
        now: ctx.clock.now(),
        timeZone,
        carried,
        metadata: view.private_metadata,
      }),
    });
  };
}

/** The setup modal's submission: validate, store, close the modal, post the card. */
export function setupSubmitted(ctx: FeatureContext, onStarted: OnRetroStarted) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, SetupMetadata);
    if (!meta) {
      await ack({ response_action: 'update', view: presentNoticeModal(SETUP_FORGED_TITLE, SETUP_FORGED) });
      return;
    }
    const userId = body.user.id;
    const form = parseSetupForm(view.state.values, ctx.clock.now(), userId);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const created = await createRetro(ctx.db, {
      ...form.values,
      teamId: teamOf(body),
      channelId: meta.channelId,
      createdBy: userId,
      createdAt: ctx.clock.now(),
    });
    if (!created.ok) {
      await ack({ response_action: 'errors', errors: { [SETUP_IDS.blocks.title]: CHANNEL_HAS_OPEN_RETRO } });
      return;
    }
    await ack();
    const { retro } = created;
    const posted = await postFirstCard(ctx, client, retro, onStarted);
    if (!posted.ok) {
      childLogger(ctx.logger, 'retro').warn(
        { err: safeError(posted.error), retro: retro.id },
        'could not post the retro card',
      );
      await tellUser(client, { channelId: undefined, userId }, couldNotStartText(retro.title));
    }
  };
}

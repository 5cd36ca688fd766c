import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { unescapeCommandText } from '../commands/parse-command.js';
import type { CommandArgs, SubcommandHandler } from '../commands/register.js';
import type { AppContext } from '../context.js';
import { childLogger, safeError } from '../logger.js';
import { type ActionArgs, teamOf, type ViewArgs } from '../slack/handler-types.js';
import { BLOCKS } from '../slack/ids.js';
import { bold, inlineText } from '../slack/limits.js';
import { metadataKey, openMetadata, sealMetadata } from '../slack/metadata.js';
import { presentNoticeModal } from '../slack/present-notice.js';
import { tellUser } from '../slack/tell-user.js';
import { selectedOf, textOf } from '../slack/view-state.js';
import { loadCardModel } from './card.js';
import { presentCard } from './present-card.js';
import { presentSetupModal } from './present-setup-modal.js';
import { createRetro, findOpenRetroInChannel, setCardTs, transitionPhase } from './retro.repository.js';
import { parseSetupForm } from './setup-form.js';
import { RETRO_KINDS, type RetroKind } from './templates.js';

const SetupMetadata = z.object({ channelId: z.string().regex(/^[CG][A-Z0-9]+$/) });

const INVITE_HELP =
  'I can’t post in this channel yet. Invite me with `/invite @Rearview` (or mention @Rearview and choose *Invite*), then run `/retro start` again.';

/** `/retro start [title]`: checks the channel, then opens the setup modal. */
export function startCommand(ctx: AppContext): SubcommandHandler {
  return async (args: CommandArgs, rest: string) => {
    const { ack, command, client, respond } = args;
    await ack();
    const channelId = command.channel_id;
    if (!/^[CG]/.test(channelId)) {
      await respond({
        response_type: 'ephemeral',
        text: 'Retros run in a channel: type `/retro start` in the channel where the team talks.',
      });
      return;
    }
    const open = await findOpenRetroInChannel(ctx.db, command.team_id, channelId);
    if (open) {
      await respond({ response_type: 'ephemeral', text: await alreadyOpenText(client, open) });
      return;
    }
    if (!(await botCanPost(client, channelId))) {
      await respond({ response_type: 'ephemeral', text: INVITE_HELP });
      return;
    }
    await client.views.open({
      trigger_id: command.trigger_id,
      view: presentSetupModal({
        title: unescapeCommandText(rest),
        kind: 'campaign',
        now: ctx.clock.now(),
        metadata: sealMetadata(metadataKey(ctx.config), { channelId }),
      }),
    });
  };
}

async function alreadyOpenText(
  client: webApi.WebClient,
  open: { title: string; channelId: string; cardTs: string | null },
) {
  const link = open.cardTs
    ? await client.chat
        .getPermalink({ channel: open.channelId, message_ts: open.cardTs })
        .then((r) => r.permalink)
        .catch(() => undefined)
    : undefined;
  const name = link ? `<${link}|${inlineText(open.title).replaceAll('|', '')}>` : bold(open.title);
  return `This channel already has an open retro: ${name}. Close it (\`/retro close\`) before starting another.`;
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

/** Changing "what is reviewed" re-renders the modal so the KPI suggestions fit the kind. */
export function kindChanged(ctx: AppContext) {
  return async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const values = view.state.values as Parameters<typeof textOf>[0];
    const chosen = selectedOf(values, BLOCKS.kind);
    const kind = RETRO_KINDS.find((k) => k.id === chosen)?.id ?? ('campaign' satisfies RetroKind);
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: presentSetupModal({
        title: textOf(values, BLOCKS.title),
        kind,
        now: ctx.clock.now(),
        metadata: view.private_metadata,
      }),
    });
  };
}

/** The setup modal's submission: validate, store, close the modal, post the card. */
export function setupSubmitted(ctx: AppContext) {
  return async ({ ack, body, view, client }: ViewArgs) => {
    const meta = openMetadata(metadataKey(ctx.config), view.private_metadata, SetupMetadata);
    if (!meta) {
      await ack({
        response_action: 'update',
        view: presentNoticeModal(
          'Retro not started',
          'This form could not be verified, so nothing was saved. Run `/retro start` again.',
        ),
      });
      return;
    }
    const teamId = teamOf(body);
    const userId = body.user.id;
    const form = parseSetupForm(view.state.values, ctx.clock.now(), userId);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const retro = await createRetro(ctx.db, {
      ...form.value,
      teamId,
      channelId: meta.channelId,
      createdBy: userId,
      createdAt: ctx.clock.now(),
    });
    if (!retro) {
      await ack({
        response_action: 'errors',
        errors: {
          [BLOCKS.title]: 'This channel already has an open retro. Close it with `/retro close` first.',
        },
      });
      return;
    }
    await ack();
    try {
      const posted = await client.chat.postMessage({
        channel: retro.channelId,
        ...presentCard(await loadCardModel(ctx.db, retro)),
      });
      if (posted.ts) await setCardTs(ctx.db, retro.id, posted.ts);
    } catch (error) {
      // Without a card nobody can take part: undo the start and say how to fix it.
      await transitionPhase(ctx.db, retro.id, 'collecting', 'cancelled', ctx.clock.now());
      childLogger(ctx.logger, 'retro').warn(
        { err: safeError(error), retro: retro.id },
        'could not post the retro card',
      );
      await tellUser(
        client,
        { channelId: undefined, userId },
        `Your retro ${bold(retro.title)} could not start. ${INVITE_HELP}`,
      );
    }
  };
}

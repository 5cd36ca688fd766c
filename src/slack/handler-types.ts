import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
/** A message shortcut (the ⋯ menu of a message): the message, its channel and a trigger for a modal. */
export type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** The workspace a request came from; every query is scoped by it. */
export function teamOf(body: { team?: { id?: string } | null; user?: { team_id?: string } }): string {
  return body.team?.id ?? body.user?.team_id ?? '';
}

/** The value of the (button) action that was pressed. */
export function actionValue(args: ActionArgs): string {
  const action = args.action as { value?: string; selected_option?: { value?: string } };
  return action.value ?? action.selected_option?.value ?? '';
}

/** The channel a block action happened in, when it happened on a message. */
export function actionChannel(args: ActionArgs): string | undefined {
  return args.body.channel?.id ?? (args.body.container as { channel_id?: string } | undefined)?.channel_id;
}

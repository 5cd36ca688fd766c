import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { BUTTON_OPTION } from './blocks.js';
import type { ActionArgs, ShortcutArgs, ViewArgs } from './handler-types.js';

type Handler<A> = (args: A) => Promise<void>;
type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

/** Where features register what they answer: buttons and menus by action id, modals by callback id. */
export interface Listeners {
  action(actionId: string | RegExp, handler: Handler<ActionArgs>): void;
  view(callbackId: string, handler: Handler<ViewArgs>): void;
  /** A message shortcut, by its callback id (declared in manifest.yml). */
  shortcut(callbackId: string, handler: Handler<ShortcutArgs>): void;
  event<E extends string>(type: E, handler: Handler<SlackEventMiddlewareArgs<E> & AllMiddlewareArgs>): void;
}

type MenuOrButton = { action_id?: string; value?: string; selected_option?: { value?: string } };

/** A menu option that stands for a button, as the button would be pressed; anything else as it is. */
function asButton(action: MenuOrButton): MenuOrButton {
  const chosen = action.selected_option?.value;
  if (!chosen?.startsWith(BUTTON_OPTION)) return action;
  const [actionId = '', value = ''] = chosen.slice(BUTTON_OPTION.length).split('|', 2);
  return { ...action, action_id: actionId, value };
}

/**
 * One Bolt listener per kind of request, dispatching by id (events by type). Bolt runs every
 * registered listener's middleware chain for every request to find the one that matches; with thirty
 * listeners that was about a third of a millisecond of each submission, paid thirty times over when a
 * team submits at once. A map lookup costs nothing, and an id registered twice is a mistake caught at
 * start-up.
 */
export function createRouter(app: App): Listeners {
  const actions = new Map<string, Handler<ActionArgs>>();
  const actionPatterns: [RegExp, Handler<ActionArgs>][] = [];
  const views = new Map<string, Handler<ViewArgs>>();
  const shortcuts = new Map<string, Handler<ShortcutArgs>>();
  const events = new Map<string, Handler<EventArgs>>();
  const once = (kind: string, id: string, known: Map<string, unknown>) => {
    if (known.has(id)) throw new Error(`Two listeners for the ${kind} ${id}`);
  };

  app.action(/.*/, async (args) => {
    const pressed = asButton(args.action as MenuOrButton);
    if (pressed !== args.action) Object.assign(args, { action: pressed });
    const id = pressed.action_id ?? '';
    const handler = actions.get(id) ?? actionPatterns.find(([pattern]) => pattern.test(id))?.[1];
    // Link buttons report their clicks too; they only need their acknowledgement.
    if (!handler) return args.ack();
    return handler(args as ActionArgs);
  });
  app.view(/.*/, async (args) => {
    const handler = views.get(args.view.callback_id);
    if (!handler) return args.ack();
    return handler(args as ViewArgs);
  });
  app.shortcut(/.*/, async (args) => {
    const handler = shortcuts.get(args.shortcut.callback_id);
    if (!handler || args.shortcut.type !== 'message_action') return args.ack();
    return handler(args as ShortcutArgs);
  });
  // Bolt acknowledges an event before its listeners run: one without a handler needs nothing more.
  app.event(/.*/, async (args) => {
    await events.get(args.event.type)?.(args);
  });

  return {
    action(actionId, handler) {
      if (typeof actionId !== 'string') {
        actionPatterns.push([actionId, handler]);
        return;
      }
      once('action', actionId, actions);
      actions.set(actionId, handler);
    },
    view(callbackId, handler) {
      once('view', callbackId, views);
      views.set(callbackId, handler);
    },
    shortcut(callbackId, handler) {
      once('shortcut', callbackId, shortcuts);
      shortcuts.set(callbackId, handler);
    },
    event(type, handler) {
      once('event', type, events);
      events.set(type, handler as Handler<EventArgs>);
    },
  };
}

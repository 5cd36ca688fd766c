import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { FakeSlack } from '../test/harness/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/harness/test-app.js';

export interface BareBolt {
  /** Where Slack would send its requests. */
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * A Bolt app with the same receiver, token check and signature verification as Rearview, whose
 * listeners only acknowledge; a modal submission is acknowledged once `beforeViewAck` is done.
 */
export async function ackingApp(
  slack: FakeSlack,
  beforeViewAck?: (viewId: string) => Promise<unknown>,
): Promise<{ app: App; receiver: HTTPReceiver }> {
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: slack.apiUrl },
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack, body }) => {
    if (beforeViewAck) await beforeViewAck(body.view.id);
    await ack();
  });
  await app.init();
  return { app, receiver };
}

/** The floor: nothing an app does can answer faster than Bolt's own server and listeners that only acknowledge. */
export async function startBareBolt(slack: FakeSlack): Promise<BareBolt> {
  const { app } = await ackingApp(slack);
  const server = (await app.start(0)) as { address(): AddressInfo };
  return {
    eventsUrl: `http://127.0.0.1:${server.address().port}/slack/events`,
    close: async () => {
      await app.stop();
    },
  };
}

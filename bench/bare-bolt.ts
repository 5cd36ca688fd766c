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
 * The floor: the same Bolt, receiver, token check and signature verification as Rearview, with
 * listeners that only acknowledge. Nothing an app does can answer faster than this.
 */
export async function startBareBolt(slack: FakeSlack): Promise<BareBolt> {
  const app = new App({
    token: BOT_TOKEN,
    receiver: new HTTPReceiver({
      signingSecret: SIGNING_SECRET,
      endpoints: '/slack/events',
      logLevel: LogLevel.ERROR,
    }),
    clientOptions: { slackApiUrl: slack.apiUrl },
    deferInitialization: true,
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  await app.init();
  const server = (await app.start(0)) as { address(): AddressInfo };
  return {
    eventsUrl: `http://127.0.0.1:${server.address().port}/slack/events`,
    close: async () => {
      await app.stop();
    },
  };
}

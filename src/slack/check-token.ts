import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { explainSlackFailure } from '../startup.js';

const SILENT: webApi.WebClientOptions['logger'] = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => 'error' as never,
  setName: () => {},
};

/**
 * Asks Slack whether it accepts the bot token, before anything slow (migrations) happens. Installed by
 * OAuth, each workspace's token comes with its installation: there is no one token to ask about, and
 * Slack would refuse a call without one (`not_authed`).
 */
export async function checkBotToken(config: Config): Promise<void> {
  if (config.slack.oauth) return;
  const client = new webApi.WebClient(config.slack.botToken, {
    timeout: 5_000,
    retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 500 },
    // Its warnings would add lines to the one line this check reports.
    logger: SILENT,
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
  try {
    await client.auth.test();
  } catch (error) {
    throw explainSlackFailure(error, 'SLACK_BOT_TOKEN', config);
  }
}

import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS, loadConfig } from '../../src/config.js';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };

describe('loadConfig', () => {
  it('applies defaults: embedded database in ./data, port 3000, info logs, HTTP mode', () => {
    const result = loadConfig(valid);
    expect(result).toEqual({
      ok: true,
      config: {
        slack: { botToken: 'xoxb-1-2-abc', signingSecret: 'secret', appToken: undefined, apiUrl: undefined },
        database: { url: undefined, dataDir: './data' },
        port: 3000,
        logLevel: 'info',
        scheduler: 'on',
      },
    });
  });

  it('reads every variable, and treats empty ones as unset', () => {
    const result = loadConfig({
      ...valid,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'https://slack-gov.com/api',
      DATABASE_URL: 'postgres://u:p@db:5432/rearview',
      DATA_DIR: '/var/lib/rearview',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      SCHEDULER: 'off',
    });
    expect(result.ok && result.config).toMatchObject({
      slack: { appToken: 'xapp-1-abc', apiUrl: 'https://slack-gov.com/api/' },
      database: { url: 'postgres://u:p@db:5432/rearview', dataDir: '/var/lib/rearview' },
      port: 8080,
      logLevel: 'debug',
      scheduler: 'off',
    });
    const empty = loadConfig({ ...valid, SLACK_APP_TOKEN: '', DATABASE_URL: '', PORT: '' });
    expect(empty.ok && empty.config).toMatchObject({
      slack: { appToken: undefined },
      database: { url: undefined },
      port: 3000,
    });
  });

  it('needs no signing secret in Socket Mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).ok).toBe(true);
  });

  it.each([
    [{}, ['SLACK_BOT_TOKEN is missing', 'SLACK_SIGNING_SECRET is missing']],
    [
      { ...valid, SLACK_BOT_TOKEN: 'xoxp-user-token' },
      ['SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"'],
    ],
    [
      { ...valid, SLACK_APP_TOKEN: 'xoxb-wrong' },
      ['SLACK_APP_TOKEN must be an app-level token starting with "xapp-"'],
    ],
    [
      { ...valid, SLACK_BOT_TOKEN: 'xoxb-…' },
      ['SLACK_BOT_TOKEN contains characters a Slack token cannot have'],
    ],
    [
      { ...valid, SLACK_BOT_TOKEN: '"xoxb-1-2-abc"' },
      [
        'SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"',
        'SLACK_BOT_TOKEN contains characters a Slack token cannot have',
      ],
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1 2' },
      ['SLACK_APP_TOKEN contains characters a Slack token cannot have'],
    ],
    [{ ...valid, SLACK_SIGNING_SECRET: 'sécret' }, ['SLACK_SIGNING_SECRET must be the secret itself']],
    [{ ...valid, SLACK_API_URL: 'not a url' }, ['SLACK_API_URL must be an http(s) URL']],
    [{ ...valid, DATABASE_URL: 'mysql://x' }, ['DATABASE_URL must be a postgres:// connection URL']],
    [{ ...valid, PORT: 'eighty' }, ['PORT must be a port number']],
    [{ ...valid, PORT: '70000' }, ['PORT must be between 1 and 65535']],
    [
      { ...valid, LOG_LEVEL: 'loud' },
      ['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    ],
    [{ ...valid, SCHEDULER: 'sometimes' }, ['SCHEDULER must be "on" or "off"']],
  ])('reports %j clearly, naming each variable', (env, expected) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(expected.length);
    expected.forEach((start, i) => {
      expect(result.problems[i]).toContain(start);
      expect(result.problems[i]).toContain(CONFIG_DOCS);
    });
  });
});

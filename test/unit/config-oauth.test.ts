import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const oauth = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret-0123456789-0123456789',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

const problems = (env: Record<string, string>) => {
  const result = loadConfig(env);
  return result.ok ? [] : result.problems;
};

describe('configuration for installing in several workspaces', () => {
  it('turns on OAuth without a bot token', () => {
    const result = loadConfig(oauth);
    expect(result.ok && result.config.slack.oauth?.clientId).toBe('1111.2222');
    expect(result.ok && result.config.slack.botToken).toBeUndefined();
    expect(result.ok && result.config.tokenKeys?.current).toBe('k1');
  });

  it('names what is missing or in the way, one line each', () => {
    const { SLACK_STATE_SECRET: _state, TOKEN_ENCRYPTION_KEY: _key, ...partial } = oauth;
    expect(problems(partial)).toEqual([
      expect.stringMatching(/^SLACK_STATE_SECRET is missing/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is missing/),
    ]);
    expect(problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN cannot be used with installation by OAuth/),
    ]);
    expect(problems({ ...oauth, TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' })).toEqual([
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY key "k1" must be 32 bytes/),
    ]);
  });
});

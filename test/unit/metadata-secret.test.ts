import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { metadataKey, openMetadata, sealMetadata } from '../../src/slack/metadata.js';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };
const Shape = z.object({ retroId: z.string() });

function configWith(env: Record<string, string>) {
  const result = loadConfig({ ...valid, ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

describe('METADATA_SECRET', () => {
  it('is optional; unset, the key is derived from the signing secret', () => {
    const config = configWith({});
    expect(config.slack.metadataSecret).toBeUndefined();
    expect(metadataKey(config)).toContain('secret');
  });

  it('seals modal metadata on its own when set, so rotating the signing secret keeps open modals valid', () => {
    const secret = 'a'.repeat(40);
    const before = configWith({ METADATA_SECRET: secret });
    const after = configWith({ METADATA_SECRET: secret, SLACK_SIGNING_SECRET: 'rotated' });
    const sealed = sealMetadata(metadataKey(before), { retroId: 'r1' });
    expect(openMetadata(metadataKey(after), sealed, Shape)).toEqual({ retroId: 'r1' });
    expect(openMetadata(metadataKey(configWith({})), sealed, Shape)).toBeNull();
  });

  it('refuses a short secret, naming the variable', () => {
    const result = loadConfig({ ...valid, METADATA_SECRET: 'short' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toContain('METADATA_SECRET');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// ajv is CommonJS; its named `Ajv` export is found by Node's CJS interop and is typed as the class under
// NodeNext, whereas the default import is typed as the whole module namespace and is not constructable.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DRAFT_IDS } from '../../src/drafts/drafts.ids.js';

const manifestUrl = new URL('../../manifest.yml', import.meta.url);
// Slack's official schema, vendored with its licence (slackapi/manifest-schema, MIT).
const schemaUrl = new URL('../fixtures/slack-manifest-schema/manifest.schema.1.0.0.json', import.meta.url);

/** Every bot scope Rearview is allowed to ask for. Adding one is a deliberate change to this list. */
const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'channels:read',
  'groups:read',
  'files:write',
  'canvases:write',
] as const;

const PLACEHOLDER_URL = 'https://YOUR-HOST.example.com/slack/events';

interface Manifest {
  _metadata?: { major_version?: number };
  display_information?: { name?: string; description?: string; background_color?: string };
  features?: {
    bot_user?: { display_name?: string; always_online?: boolean };
    app_home?: {
      home_tab_enabled?: boolean;
      messages_tab_enabled?: boolean;
      messages_tab_read_only_enabled?: boolean;
    };
    slash_commands?: Array<{ command: string; url?: string; usage_hint?: string; should_escape?: boolean }>;
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    interactivity?: { is_enabled?: boolean; request_url?: string };
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

function loadManifest(): Manifest {
  return parse(readFileSync(manifestUrl, 'utf8')) as Manifest;
}

function loadSchema(): Record<string, unknown> {
  // No existence check on purpose: a missing schema must fail the test (ENOENT), never skip it.
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;
  // Ajv's default class knows draft-07; drop a `$schema` pointer so a meta-schema URL cannot trip it.
  delete schema.$schema;
  return schema;
}

describe('manifest.yml', () => {
  it('is valid against Slack’s official manifest schema', () => {
    const schemaPath = fileURLToPath(schemaUrl);
    let schema: Record<string, unknown>;
    try {
      schema = loadSchema();
    } catch (error) {
      throw new Error(`Slack manifest schema could not be read from ${schemaPath}: ${String(error)}`);
    }
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema uses `format: uri` (for a manifest's own `$schema` key); ajv-formats is not a dependency.
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    const validate = ajv.compile(schema);
    const manifest = loadManifest();
    const valid = validate(manifest);
    expect(validate.errors ?? [], `schema errors:\n${JSON.stringify(validate.errors, null, 2)}`).toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps _metadata.major_version 1 and sane display information', () => {
    const manifest = loadManifest();
    expect(manifest._metadata?.major_version).toBe(1);
    expect(manifest.display_information?.name).toBe('Rearview');
    // The schema states these as a non-standard `regex` keyword and a length that Ajv cannot enforce for us.
    expect(manifest.display_information?.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.display_information?.description?.length ?? 0).toBeGreaterThan(0);
    expect(manifest.display_information?.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect(manifest.features?.bot_user).toMatchObject({ display_name: 'Rearview', always_online: true });
  });

  it('declares the /retro slash command', () => {
    const commands = loadManifest().features?.slash_commands ?? [];
    const retro = commands.find((c) => c.command === '/retro');
    expect(retro, 'slash command /retro').toBeDefined();
    expect(retro?.url).toBe(PLACEHOLDER_URL);
    // Escaped text carries mentions as user ids, which `/retro actions @user` needs.
    expect(retro?.should_escape).toBe(true);
    expect(retro?.usage_hint).toBe(
      '[start <title> | schedule | status | history | close | action <text> | actions [@user|all] | export | settings | help]',
    );
  });

  it('declares the two message shortcuts the app answers', () => {
    const shortcuts = loadManifest().features?.shortcuts ?? [];
    expect(shortcuts.map((s) => [s.type, s.callback_id, s.name])).toEqual([
      ['message', DRAFT_IDS.shortcuts.addToNextRetro, 'Add to next retro'],
      ['message', DRAFT_IDS.shortcuts.makeActionItem, 'Make action item'],
    ]);
  });

  it('enables interactivity', () => {
    const { interactivity } = loadManifest().settings ?? {};
    expect(interactivity?.is_enabled).toBe(true);
    expect(interactivity?.request_url).toBe(PLACEHOLDER_URL);
  });

  it('enables the Home tab and subscribes to app_home_opened', () => {
    const manifest = loadManifest();
    expect(manifest.features?.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(PLACEHOLDER_URL);
    expect(manifest.settings?.event_subscriptions?.bot_events ?? []).toContain('app_home_opened');
  });

  it('keeps the Messages tab read-only, since nothing answers a message written to the bot', () => {
    const manifest = loadManifest();
    // The tab stays: owners' nudges and digests arrive there as DMs.
    expect(manifest.features?.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features?.app_home?.messages_tab_read_only_enabled).toBe(true);
    // Were the tab writable, something would have to read the messages.
    expect(manifest.settings?.event_subscriptions?.bot_events ?? []).not.toContain('message.im');
  });

  it('runs in HTTP mode without org deploy or token rotation by default', () => {
    const settings = loadManifest().settings;
    expect(settings?.socket_mode_enabled).toBe(false);
    expect(settings?.org_deploy_enabled).toBe(false);
    expect(settings?.token_rotation_enabled).toBe(false);
  });

  it.each(BOT_SCOPES)('requests the %s bot scope', (scope) => {
    expect(loadManifest().oauth_config?.scopes?.bot ?? []).toContain(scope);
  });

  it('requests no scope outside the approved list (scope creep must be a conscious change)', () => {
    const scopes = loadManifest().oauth_config?.scopes;
    const allowed: readonly string[] = BOT_SCOPES;
    const extra = (scopes?.bot ?? []).filter((scope) => !allowed.includes(scope));
    expect(extra, 'bot scopes not in the approved list').toEqual([]);
    expect(new Set(scopes?.bot).size, 'duplicate bot scopes').toBe(scopes?.bot?.length);
    expect(scopes?.user ?? [], 'user scopes').toEqual([]);
  });
});

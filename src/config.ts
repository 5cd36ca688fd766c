import { z } from 'zod';
import { parseKeyring, type TokenKeyring } from './installations/token-cipher.js';

/** Where the README explains each variable; every configuration problem points there. */
export const CONFIG_DOCS = 'README.md#configuration';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// An empty value (`FOO=` in .env, `${FOO:-}` in compose) means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

// Slack tokens are letters, digits and dashes. Anything else (the README's placeholder `xoxb-…`, a pasted
// quote or space) could never authenticate and cannot even be sent as an HTTP header.
const TOKEN_CHARACTERS = /^[A-Za-z0-9-]+$/;
const TOKEN_CHARACTERS_MESSAGE =
  'contains characters a Slack token cannot have (only letters, digits and dashes): paste the real token, not a placeholder';

const EnvSchema = z.object({
  // Required unless the app is installed by OAuth (checked in loadConfig, which knows the other variables).
  SLACK_BOT_TOKEN: optional(
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with "xoxb-"')
      .regex(TOKEN_CHARACTERS, TOKEN_CHARACTERS_MESSAGE),
  ),
  SLACK_CLIENT_ID: optional(z.string().regex(/^[0-9.]+$/, 'must be the Client ID from "Basic Information"')),
  SLACK_CLIENT_SECRET: optional(z.string().regex(/^[\x21-\x7e]+$/, 'must be the secret itself: no spaces')),
  SLACK_STATE_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  TOKEN_ENCRYPTION_KEY: optional(z.string()),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .regex(/^[\x21-\x7e]+$/, 'must be the secret itself: no spaces or characters beyond plain ASCII'),
  ),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with "xapp-"')
      .regex(TOKEN_CHARACTERS, TOKEN_CHARACTERS_MESSAGE),
  ),
  SLACK_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  METADATA_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// connection URL')),
  DATA_DIR: optional(z.string()).transform((dir) => dir ?? './data'),
  PORT: optional(
    z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535'),
  ).transform((port) => port ?? 3000),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })).transform(
    (level) => level ?? 'info',
  ),
  SCHEDULER: optional(z.enum(['on', 'off'], { error: 'must be "on" or "off"' })).transform(
    (value) => value ?? 'on',
  ),
});

export interface Config {
  slack: {
    /** The one workspace's token; unset when workspaces install by OAuth. */
    botToken: string | undefined;
    /** Set → installation by OAuth (/slack/install), one token per workspace, kept in the database. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
    signingSecret: string | undefined;
    /** Set → Socket Mode, no public URL needed. */
    appToken: string | undefined;
    apiUrl: string | undefined;
    /**
     * Seals modal metadata; derived from the signing secret when unset. Its own setting so the key
     * does not change when a signing secret is rotated or when installs come per workspace.
     */
    metadataSecret?: string | undefined;
  };
  database: { url: string | undefined; dataDir: string };
  port: number;
  logLevel: LogLevel;
  /** 'off': a web-only copy that answers Slack but runs no scheduled work and sends no outbox messages. */
  scheduler: 'on' | 'off';
  /** Seals installations' tokens at rest; required with OAuth. */
  tokenKeys?: TokenKeyring | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the environment once; every problem is reported, each naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const message =
          issue.code === 'invalid_type' && env[name] === undefined ? missingMessage(name) : issue.message;
        return `${name} ${message} (see ${CONFIG_DOCS})`;
      });
  const oauthNames = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
  const oauthSet = oauthNames.filter((name) => env[name]);
  if (oauthSet.length > 0) {
    for (const name of oauthNames.filter((n) => !env[n])) {
      problems.push(
        `${name} is missing: installing by OAuth needs all of ${oauthNames.join(', ')} (see ${CONFIG_DOCS})`,
      );
    }
    if (env.SLACK_APP_TOKEN) {
      problems.push(
        `SLACK_APP_TOKEN cannot be used with installation by OAuth: unset one or the other (see ${CONFIG_DOCS})`,
      );
    }
    if (env.SLACK_BOT_TOKEN) {
      problems.push(
        `SLACK_BOT_TOKEN cannot be used with installation by OAuth: each workspace brings its own token; unset it (see ${CONFIG_DOCS})`,
      );
    }
    if (!env.TOKEN_ENCRYPTION_KEY) {
      problems.push(
        `TOKEN_ENCRYPTION_KEY is missing: installation by OAuth keeps tokens encrypted with it (openssl rand -base64 32) (see ${CONFIG_DOCS})`,
      );
    }
  } else if (!env.SLACK_BOT_TOKEN) {
    problems.push(`SLACK_BOT_TOKEN ${missingMessage('SLACK_BOT_TOKEN')} (see ${CONFIG_DOCS})`);
  }
  // HTTP mode verifies every request with the signing secret; Socket Mode does without.
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push(
      `SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from your Slack app's "Basic Information" page, or set SLACK_APP_TOKEN to use Socket Mode (see ${CONFIG_DOCS})`,
    );
  }
  const keyring = env.TOKEN_ENCRYPTION_KEY ? parseKeyring(env.TOKEN_ENCRYPTION_KEY) : undefined;
  if (typeof keyring === 'string') problems.push(`TOKEN_ENCRYPTION_KEY ${keyring} (see ${CONFIG_DOCS})`);
  if (!parsed.success || problems.length) return { ok: false, problems };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        botToken: e.SLACK_BOT_TOKEN,
        oauth:
          e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
            ? {
                clientId: e.SLACK_CLIENT_ID,
                clientSecret: e.SLACK_CLIENT_SECRET,
                stateSecret: e.SLACK_STATE_SECRET,
              }
            : undefined,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        metadataSecret: e.METADATA_SECRET,
      },
      database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
      port: e.PORT,
      logLevel: e.LOG_LEVEL,
      scheduler: e.SCHEDULER,
      tokenKeys: typeof keyring === 'object' ? keyring : undefined,
    },
  };
}

function missingMessage(name: string): string {
  return name === 'SLACK_BOT_TOKEN'
    ? 'is missing: set it to the Bot User OAuth Token (xoxb-…) of your Slack app'
    : 'is missing';
}

/** One line per problem, each readable on its own (log collectors often show lines one by one). */
export function formatConfigProblems(problems: string[]): string {
  return problems.map((problem) => `Rearview cannot start: ${problem}`).join('\n');
}

import http from 'node:http';
import https from 'node:https';
import { stringify } from 'node:querystring';
import { Stream } from 'node:stream';
import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { boltLogger } from '../slack/bolt-logger.js';

/** The outbox's Web API calls: the one method of a WebClient it uses. */
export interface OutboxClient {
  apiCall(method: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** A call is given up after this long; the sender hands back a message whose lease might not outlast it. */
export const SEND_TIMEOUT_MS = 10_000;

const SOCKETS = {
  keepAlive: true,
  // No socket limit of its own: the sender bounds the calls in flight (its `concurrency`).
  /** An idle socket closes before Slack's end may close it, so no POST is written into a closing one. */
  timeout: 4_000,
};

/**
 * Methods whose body is sent as JSON, which Slack takes for its chat methods: their blocks are most of the
 * bytes, and escaping them into a form cost more CPU than the rest of the call. Other methods get a form.
 */
const JSON_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

type Answer = [http.IncomingMessage, string];
type PlatformAnswer = ConstructorParameters<typeof webApi.WebAPIPlatformError>[0];

/**
 * A Web API client for the outbox alone: no retries of its own and 429s thrown, not waited out. Calls go
 * over node:http on kept-alive sockets and fail with a WebClient's errors (codes and shapes), because a
 * WebClient costs ~350 µs of CPU a call (debug strings built at any level, its queue, fetch's streams).
 * Uploads (`files.uploadV2`, a Buffer or stream in the body) still go through a WebClient.
 */
export function createOutboxClient(config: Config, logger: Logger): OutboxClient {
  const base = new URL(config.slack.apiUrl ?? 'https://slack.com/api/');
  const secure = base.protocol === 'https:';
  const request = secure ? https.request : http.request;
  const target = {
    protocol: base.protocol,
    hostname: base.hostname.replace(/^\[|\]$/g, ''),
    port: base.port,
    method: 'POST',
    agent: new (secure ? https : http).Agent(SOCKETS),
  };
  // As WebClient's slackApiUrl: the method follows one slash.
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const userAgent = `rearview node/${process.versions.node}`;
  let uploads: webApi.WebClient | undefined;

  return {
    async apiCall(method, body = {}) {
      if (method === 'files.uploadV2' || Object.values(body).some(isBinary)) {
        uploads ??= uploadClient(config, logger);
        return (await uploads.apiCall(method, body)) as unknown as Record<string, unknown>;
      }
      const token = body.token ? String(body.token) : config.slack.botToken;
      const asJson = JSON_METHODS.has(method);
      const payload = asJson ? jsonBody(body) : formBody(body);
      const headers = {
        'User-Agent': userAgent,
        Accept: 'application/json',
        'Content-Type': asJson ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(payload),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      };
      const path = `${prefix}${method}`;
      const answer = await post(request, { ...target, path, headers }, payload);
      return result(answer, `${base.origin}${path}`, logger);
    },
  };
}

/** The WebClient the outbox used for everything before, kept for uploads (multipart, several calls). */
function uploadClient(config: Config, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.slack.botToken, {
    logger: boltLogger(logger),
    timeout: SEND_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
  });
}

function isBinary(value: unknown): boolean {
  return Buffer.isBuffer(value) || value instanceof Stream;
}

/** WebClient's `serializeBody` for a body without files, less the token: it goes in the header only. */
function formBody(body: Record<string, unknown>): string {
  const form: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'token' || value === undefined || value === null) continue;
    const serialized =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : JSON.stringify(value);
    if (serialized !== undefined) form[key] = serialized;
  }
  return stringify(form);
}

/** The same fields as `formBody`, as one JSON object. */
function jsonBody(body: Record<string, unknown>): string {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'token' && value !== undefined && value !== null) fields[key] = value;
  }
  return JSON.stringify(fields);
}

/** One request, its answer read whole so the socket goes back to the pool; given up after the timeout. */
function post(request: typeof http.request, options: http.RequestOptions, payload: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new webApi.WebAPIRequestError(error));
    };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve([res, Buffer.concat(chunks).toString('utf8')]);
      });
    });
    // The error fetch's AbortSignal.timeout gives a WebClient, so a timeout reads the same in the logs.
    const timeout = () =>
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const timer = setTimeout(() => req.destroy(timeout()), SEND_TIMEOUT_MS);
    req.on('error', fail);
    req.end(payload);
  });
}

/** Slack's answer as WebClient reads it: a 429 or another status first, then `ok`. */
function result([res, text]: Answer, url: string, logger: Logger): Record<string, unknown> {
  const { statusCode = 0, statusMessage = '', headers } = res;
  if (statusCode === 429) {
    const retryAfter = Number.parseInt(String(headers['retry-after']), 10);
    if (!Number.isNaN(retryAfter)) throw new webApi.WebAPIRateLimitedError(retryAfter);
    const header = headers['retry-after'] ?? null;
    throw new Error(
      `Retry header did not contain a valid timeout (url: ${url}, retry-after header: ${header})`,
    );
  }
  if (statusCode !== 200) throw new webApi.WebAPIHTTPError(statusCode, statusMessage, flat(headers), text);
  const data = parse(text);
  logNotes(data.response_metadata, logger);
  if (data.ok !== true) throw new webApi.WebAPIPlatformError(data as unknown as PlatformAnswer);
  return data;
}

/** Slack's notes on a call (a deprecation, what is wrong in the blocks), logged as WebClient logs them. */
function logNotes(metadata: unknown, logger: Logger): void {
  const { warnings, messages } = (metadata ?? {}) as { warnings?: unknown; messages?: unknown };
  if (Array.isArray(warnings)) for (const warning of warnings) logger.warn(String(warning));
  if (!Array.isArray(messages)) return;
  for (const message of messages) {
    const [, level, note] = /\[(ERROR|WARN)\](.*)/.exec(String(message)) ?? [];
    if (note !== undefined) logger[level === 'ERROR' ? 'error' : 'warn'](note.trim());
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object') return data as Record<string, unknown>;
  } catch {
    // Not JSON: WebClient answers it as Slack's error.
  }
  return { ok: false, error: text };
}

/** As fetch's `Headers` give them: a header sent more than once is one value, joined. */
function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, [value].flat().join(', ')]),
  );
}

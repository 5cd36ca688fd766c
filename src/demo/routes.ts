import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { safeError } from '../logger.js';
import { type ExtraRoute, readBody } from '../server/http-server.js';
import type { DemoDriver, DemoResult, PageAction, PageSurface } from './driver.js';
import { demoPageHtml } from './page/index.js';
import { pageState } from './page-state.js';
import { DEMO_FACILITATOR } from './people.js';
import type { Workspace } from './slack/workspace.js';
import { JUMPS, type Jump } from './time-jumps.js';

export const DEMO_PATH = '/demo';
const MAX_BODY_BYTES = 1024 * 1024;

export interface DemoRouteDeps {
  ws: Workspace;
  driver: DemoDriver;
  now: () => Date;
  jump(jump: Jump, as: string): Promise<DemoResult>;
  sample(): Promise<DemoResult>;
  logger: Logger;
}

type Body = Record<string, unknown>;

/**
 * `/demo`: the page, its JSON API under `/demo/api/` and uploaded files under `/demo/files/`. Posts take
 * JSON only, which a form on another site cannot send without the browser asking first.
 */
export function demoRoutes(deps: DemoRouteDeps): ExtraRoute {
  const { ws, driver } = deps;
  const posts: Record<string, (body: Body) => Promise<DemoResult>> = {
    command: (b) =>
      driver.command(str(b.as), str(b.text), b.channel === undefined ? undefined : str(b.channel)),
    action: (b) => {
      const surface = b.surface as PageSurface | undefined;
      const action = b.action as PageAction | undefined;
      if (!isObject(surface) || !isObject(action)) return bad('surface and action are required');
      return driver.action(
        str(b.as),
        surface,
        action,
        isObject(b.state) ? (b.state as { values?: never }) : undefined,
      );
    },
    submit: (b) => driver.submit(str(b.as), str(b.viewId), isObject(b.values) ? (b.values as never) : {}),
    close: (b) => driver.close(str(b.as), str(b.viewId)),
    home: (b) => driver.openHome(str(b.as)),
    time: (b) =>
      JUMPS.includes(b.jump as Jump)
        ? deps.jump(b.jump as Jump, ws.person(str(b.as)) ? str(b.as) : DEMO_FACILITATOR.id)
        : bad(`jump must be one of ${JUMPS.join(', ')}`),
    sample: () => deps.sample(),
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const fail = (error: unknown) => {
      deps.logger.error({ err: safeError(error), path }, 'demo request failed');
      json(res, 500, { ok: false, error: 'internal_error' });
    };
    if (req.method === 'GET' && (path === DEMO_PATH || path === `${DEMO_PATH}/`)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...SAFE_HEADERS });
      return res.end(demoPageHtml());
    }
    if (req.method === 'GET' && path === `${DEMO_PATH}/api/state`) {
      const as = url.searchParams.get('as') ?? '';
      try {
        return json(res, 200, pageState(ws, ws.person(as) ? as : DEMO_FACILITATOR.id, deps.now()));
      } catch (error) {
        return fail(error);
      }
    }
    const file = /^\/demo\/files\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && file) return sendFile(res, ws, decodeURIComponent(file[1] ?? ''));
    const post = /^\/demo\/api\/([a-z]+)$/.exec(path)?.[1];
    const handler = post ? posts[post] : undefined;
    if (!handler) return json(res, 404, { ok: false, error: 'not_found' });
    if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'method_not_allowed' });
    if (!req.headers['content-type']?.includes('application/json')) {
      return json(res, 415, { ok: false, error: 'send JSON' });
    }
    readJson(req).then(
      (body) => {
        if (!body) return json(res, 400, { ok: false, error: 'invalid_json' });
        handler(body).then((result) => json(res, 200, result), fail);
      },
      () => json(res, 413, { ok: false, error: 'too_large' }),
    );
  };
  return { prefix: DEMO_PATH, listener };
}

const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function sendFile(res: ServerResponse, ws: Workspace, id: string): void {
  const file = ws.files.get(id);
  if (!file?.bytes) {
    json(res, 404, { ok: false, error: 'file_not_found' });
    return;
  }
  // Only pictures are shown in the page; anything else (an export with people's words) downloads.
  const inline = file.mimetype === 'image/png' || file.mimetype === 'image/jpeg';
  const name = file.name.replace(/[^\w.\- ]/g, '_');
  res.writeHead(200, {
    'content-type': inline ? file.mimetype : 'application/octet-stream',
    'content-length': String(file.bytes.length),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
    ...SAFE_HEADERS,
  });
  res.end(file.bytes);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SAFE_HEADERS });
  res.end(JSON.stringify(body));
}

/** A JSON object posted by the page; undefined when the body is not one. */
async function readJson(req: IncomingMessage): Promise<Body | undefined> {
  const raw = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  try {
    const parsed = JSON.parse(raw || '{}');
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const bad = async (error: string): Promise<DemoResult> => ({ ok: false, error });

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

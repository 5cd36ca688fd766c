import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../server/http-server.js';
import type { ResponseUrls } from './response-urls.js';
import type { WebApi } from './web-api.js';
import type { Workspace } from './workspace.js';

/** Slack's Web API, response URLs and file uploads, on a loopback port of their own. */
export interface SimulatedSlackServer {
  /** `http://127.0.0.1:port`, once listening. */
  baseUrl: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function startSlackServer(deps: {
  ws: Workspace;
  api: WebApi;
  responses: ResponseUrls;
}): Promise<SimulatedSlackServer> {
  const { ws, api, responses } = deps;
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    readBody(req, MAX_BODY_BYTES).then(
      (bytes) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path.startsWith('/api/')) {
          const body = parseBody(bytes.toString('utf8'), req.headers['content-type']);
          const token =
            req.headers.authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined);
          return reply(200, api.call(path.slice('/api/'.length), body, token));
        }
        if (path.startsWith('/response/')) {
          const source = responses.use(path.slice('/response/'.length));
          if (!source) return reply(404, { ok: false, error: 'expired_url' });
          const body = parseBody(bytes.toString('utf8'), 'application/json');
          const answer = api.respond(source, body);
          return reply(answer.ok ? 200 : 400, answer);
        }
        if (path.startsWith('/upload/')) {
          const file = ws.files.get(path.slice('/upload/'.length));
          if (!file || file.bytes) return reply(404, { ok: false, error: 'file_not_found' });
          file.bytes = multipartFile(bytes, req.headers['content-type']);
          res.writeHead(200, { 'content-type': 'text/plain' });
          return res.end(`OK - ${file.bytes.length}`);
        }
        return reply(404, { ok: false, error: 'unknown_method' });
      },
      () => reply(413, { ok: false, error: 'request_too_large' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Forms carry nested values (blocks, view) as JSON text; JSON bodies come as they are. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      const parsed = JSON.parse(raw || '{}');
      return typeof parsed === 'object' && parsed !== null ? parsed : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** The file part of a multipart upload (how the Web API client sends a file), else the body as it came. */
export function multipartFile(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd);
  return start < 0 || headersEnd < 0 || end < 0 ? body : body.subarray(headersEnd + 4, end);
}

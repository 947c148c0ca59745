import { createServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TlsFixture } from './tls-fixtures.js';

/** A request as the test server saw it. */
export interface SeenRequest {
  readonly method: string;
  /** The raw request target, exactly as sent on the wire. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A route handler: answer with the response object, after the body was read. */
export type Route = (request: SeenRequest, response: ServerResponse) => unknown;

/** A real local HTTPS server that records every request. */
export interface TestServer {
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Set the handler of a path prefix (longest prefix wins). */
  route(prefix: string, handler: Route): void;
  close(): Promise<void>;
}

/** Start an HTTPS server on 127.0.0.1 with the fixture's certificate. */
export async function startTestServer(tls: TlsFixture): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: SeenRequest[] = [];
  const server: Server = createServer({ key: tls.serverKey, cert: tls.serverCert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const prefix = [...routes.keys()].filter((p) => seen.url.startsWith(p)).sort((a, b) => b.length - a.length)[0];
      const handler = prefix === undefined ? undefined : routes.get(prefix);
      if (!handler) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', description: `no route for ${seen.url}` } }));
        return;
      }
      Promise.resolve(handler(seen, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    route: (prefix, handler) => void routes.set(prefix, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../../server/serve/start-server.js';
import type { RunningServer } from '../../../server/serve/start-server.js';

/** The platform-admin token every test server accepts (WEFT_ADMIN_TOKEN). */
export const ADMIN_TOKEN = 'test-admin-token-4b1f0c9e2d';

/** An answer of the API. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: any;
  readonly headers: Headers;
}

/** The real server (`startServer`, as `weft serve` runs it) on a free port, data in a temp dir. */
export interface ApiServer {
  readonly url: string;
  readonly dir: string;
  readonly server: RunningServer;
  /** Every JSON log line so far, and the plain text printed for people. */
  logText(): string;
  printed(): string;
  /** A request with an optional JSON (or FormData) body. */
  call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

export async function startApiServer(options: { env?: Record<string, string>; dir?: string; keepDir?: boolean } = {}): Promise<ApiServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'weft-server-'));
  const logs: string[] = [];
  const printed: string[] = [];
  const server = await startServer({
    env: { WEFT_PORT: '0', WEFT_DATA_DIR: join(dir, 'data'), WEFT_ADMIN_TOKEN: ADMIN_TOKEN, WEFT_SHUTDOWN_GRACE_MS: '500', ...options.env },
    print: (text) => printed.push(text),
    logDestination: { write: (line: string) => void logs.push(line) },
  });
  return {
    url: server.url,
    dir,
    server,
    logText: () => logs.join(''),
    printed: () => printed.join(''),
    async call(method, path, token, body) {
      const headers: Record<string, string> = {};
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      let payload: string | FormData | undefined;
      if (body instanceof FormData) payload = body;
      else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const response = await fetch(`${server.url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, text, body: parsed, headers: response.headers };
    },
    async close() {
      await server.close();
      if (!options.keepDir && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A multipart body with the files in the field `resources`. */
export function bpmnForm(files: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, xml] of Object.entries(files)) form.append('resources', new Blob([xml], { type: 'application/xml' }), name);
  return form;
}

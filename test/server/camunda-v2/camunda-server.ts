import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../engine/index.js';
import { issueToken } from '../../../server/auth/index.js';
import { startServer } from '../../../server/serve/start-server.js';

/** The tokens a test server issues, by who holds them. */
export interface Tokens {
  /** platform-admin (WEFT_ADMIN_TOKEN). */
  readonly platform: string;
  /** org-admin of org `default` (workspaces `default`, `default-b`). */
  readonly defaultAdmin: string;
  /** org-admin of org `acme` (workspaces `acme-ops`, `acme-lab`). */
  readonly acmeAdmin: string;
  /** workspace token of `default`. */
  readonly defaultWorkspace: string;
  /** workspace token of `acme-ops`. */
  readonly acmeOps: string;
  /** workspace-viewer token of `acme-ops`. */
  readonly acmeViewer: string;
}

/** `weft serve` as the CLI starts it, on a free port, with its SQLite file in a temp dir. */
export interface CamundaServer {
  readonly url: string;
  readonly engine: Engine;
  readonly tokens: Tokens;
  /** fetch `path` (under the server) with a bearer token and a JSON body. */
  call(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; type: string; body: any }>;
  close(): Promise<void>;
}

/**
 * Start the real server (first start: org and workspace `default`), then add org `acme`
 * with two workspaces, one more workspace in `default`, and one token per role.
 */
export async function startCamundaServer(): Promise<CamundaServer> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-camunda-'));
  const adminToken = `test-admin-${'x'.repeat(24)}`;
  const running = await startServer({
    env: { WEFT_DATA_DIR: dir, WEFT_PORT: '0', WEFT_ADMIN_TOKEN: adminToken, WEFT_LOG_LEVEL: 'silent', WEFT_SHUTDOWN_GRACE_MS: '500' },
    print: () => undefined,
  });
  const { tenancy, engine } = running.context;
  await tenancy.orgs.create('acme');
  await tenancy.workspaces.create('default-b', 'default');
  await tenancy.workspaces.create('acme-ops', 'acme');
  await tenancy.workspaces.create('acme-lab', 'acme');
  const issue = async (role: string, orgId?: string, workspaceId?: string) => (await issueToken(tenancy, { role, orgId, workspaceId })).text;
  const tokens: Tokens = {
    platform: adminToken,
    defaultAdmin: await issue('org-admin', 'default'),
    acmeAdmin: await issue('org-admin', 'acme'),
    defaultWorkspace: await issue('workspace', undefined, 'default'),
    acmeOps: await issue('workspace', undefined, 'acme-ops'),
    acmeViewer: await issue('workspace-viewer', undefined, 'acme-ops'),
  };
  const url = running.url;
  return {
    url,
    engine,
    tokens,
    async call(method, path, token, body) {
      const headers: Record<string, string> = {};
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { ManualClock } from '../../../../core/index.js';
import { Engine } from '../../../../engine/index.js';
import type { DeploymentResult, InstanceOutcome } from '../../../../engine/index.js';
import {
  OrgRepository,
  SqliteEngineStore,
  TokenRepository,
  WebhookDeliveryRepository,
  WorkspaceRepository,
  openSqlite,
} from '../../../../models/index.js';
import type { SqliteHandle } from '../../../../models/index.js';
import type { ServerContext } from '../../../../server/app/server-context.js';
import { openConnectorServices } from '../../../../server/compose/connector-services.js';
import type { ConnectorServices } from '../../../../server/compose/connector-services.js';
import { inboundRoutes } from '../../../../server/inbound/index.js';
import type { InboundOptions } from '../../../../server/inbound/index.js';

/** An answer as the tests read it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: any;
}

/**
 * A real Weft engine on a SQLite file with the inbound webhook plugin on a real HTTP
 * port. No job handlers are registered, so connector tasks simply wait (no network).
 */
export interface WebhookServer {
  readonly base: string;
  readonly engine: Engine;
  readonly handle: SqliteHandle;
  readonly connectors: ConnectorServices;
  readonly clock: ManualClock;
  readonly app: FastifyInstance;
  readonly tenancy: ServerContext['tenancy'];
  /** Every log line written, as text. */
  readonly logs: string[];
  /** Every status counted with metrics.webhookRequest. */
  readonly statuses: number[];
  deploy(xml: string, orgId?: string, name?: string): Promise<DeploymentResult>;
  send(path: string, init?: { method?: string; body?: string | Buffer; headers?: Record<string, string> }): Promise<Answer>;
  /** JSON POST of `body` (serialized as given if a string). */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  outcome(processInstanceKey: string): Promise<InstanceOutcome>;
  /** Keys of every process instance. */
  instances(): Promise<string[]>;
  /** Every byte of the database file and its write-ahead log. */
  databaseBytes(): Buffer;
  close(): Promise<void>;
}

export async function startWebhookServer(
  options: { env?: Record<string, string>; dedupTiming?: InboundOptions['dedupTiming'] } = {},
): Promise<WebhookServer> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-webhooks-'));
  const dbPath = join(dir, 'weft.db');
  const handle = await openSqlite({ path: dbPath });
  const env = options.env ?? {};
  const connectors = await openConnectorServices({ handle, env, dataDir: dir });
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const store = new SqliteEngineStore(handle);
  const engine = new Engine({ store, clock, pollMs: 60_000 });
  await engine.start();
  const logs: string[] = [];
  const statuses: number[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const { kysely } = handle;
  const ctx: ServerContext = {
    engine,
    connectors,
    tenancy: { orgs: new OrgRepository(kysely), workspaces: new WorkspaceRepository(kysely), tokens: new TokenRepository(kysely) },
    logger,
    metrics: { webhookRequest: (status) => statuses.push(status), connectorCall: () => undefined },
    env,
  };
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  await inboundRoutes(app, ctx, { deliveries: new WebhookDeliveryRepository(kysely), ...(options.dedupTiming ? { dedupTiming: options.dedupTiming } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const send: WebhookServer['send'] = async (path, init = {}) => {
    const response = await fetch(base + path, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  return {
    base,
    engine,
    handle,
    connectors,
    clock,
    app,
    tenancy: ctx.tenancy,
    logs,
    statuses,
    deploy: (xml, orgId = 'default', name = 'process.bpmn') => engine.deploy([{ name, xml }], { orgId }),
    send,
    post: (path, body, headers = {}) =>
      send(path, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
    async outcome(key) {
      const found = await engine.outcome(key);
      if (!found) throw new Error(`no instance ${key}`);
      return found;
    },
    async instances() {
      return (await store.listInstances({ limit: 1000 })).map((i) => String(i.key));
    },
    databaseBytes() {
      const parts = [dbPath, `${dbPath}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p));
      return Buffer.concat(parts);
    },
    async close() {
      await app.close();
      await engine.stop(100);
      await connectors.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

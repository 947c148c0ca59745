import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { assertFeelSandboxAvailable, disposeFeelSandbox } from '../../engine/index.js';
import { buildApp } from '../app/build-app.js';
import { createLogger } from '../app/logger.js';
import { PrometheusMetrics } from '../app/prometheus-metrics.js';
import type { ServerContext } from '../app/server-context.js';
import { openEmbeddedEngine } from '../compose/embedded-engine.js';
import { openTenancy } from '../compose/tenancy-services.js';
import { WebhookDeliveryRepository } from '../../models/index.js';
import { adminTokenBanner, bootstrapTenancy } from './bootstrap.js';
import { readServerConfig } from './server-config.js';
import type { ServerConfig } from './server-config.js';

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly context: ServerContext;
  readonly config: ServerConfig;
  /** `http://host:port` it listens on (the real port when WEFT_PORT=0). */
  readonly url: string;
  /** Stop accepting, finish in-flight requests, drain running jobs, close the database. Idempotent. */
  close(): Promise<void>;
}

/** How to start: the environment (WEFT_*) and where output goes (tests capture both). */
export interface StartOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Plain text for people (the first-start admin token banner). */
  readonly print?: (text: string) => void;
  /** Where JSON log lines go; stdout by default. */
  readonly logDestination?: DestinationStream;
}

/**
 * `weft serve`: check the FEEL sandbox can run, open (or create) the data directory's
 * database, bootstrap tenancy on first start, log the connector runtime's warnings,
 * start the engine and listen.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  assertFeelSandboxAvailable();
  const config = readServerConfig(options.env);
  const logger = createLogger({ level: config.logLevel, ...(options.logDestination ? { destination: options.logDestination } : {}) });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const embedded = await openEmbeddedEngine({
    path: join(config.dataDir, 'weft.db'),
    dataDir: config.dataDir,
    env: options.env,
    onError: (error, what) => logger.error({ err: error }, `engine: ${what}`),
    connectorLogger: connectorLogger(logger),
    maxConcurrentJobs: config.maxConcurrentJobs,
  });
  let app: FastifyInstance | undefined;
  try {
    const tenancy = openTenancy(embedded.handle.kysely);
    const boot = await bootstrapTenancy(tenancy, config.adminToken);
    if (boot.initialized) logger.info({ dataDir: config.dataDir }, 'new data directory: created org "default" with workspace "default"');
    if (boot.generatedAdminToken) (options.print ?? ((text) => process.stdout.write(text)))(adminTokenBanner(boot.generatedAdminToken));
    for (const warning of embedded.connectors.runtime.warnings()) logger.warn({ source: 'connectors' }, warning);
    const metrics = new PrometheusMetrics();
    const webhookDeliveries = new WebhookDeliveryRepository(embedded.handle.kysely);
    const context: ServerContext = { engine: embedded.engine, connectors: embedded.connectors, tenancy, logger, metrics, webhookDeliveries, env: options.env };
    app = await buildApp(context, metrics);
    await embedded.engine.start();
    const address = await app.listen({ host: config.host, port: config.port });
    const running = app;
    logger.info({ url: address, dataDir: config.dataDir }, 'weft server listening');
    let closing: Promise<void> | undefined;
    return {
      app: running,
      context,
      config,
      url: address,
      close: () => (closing ??= shutdown(running, embedded, logger, config.shutdownGraceMs)),
    };
  } catch (error) {
    // e.g. the port is taken: release what was opened, then report.
    await app?.close().catch(() => undefined);
    await embedded.close(0).catch(() => undefined);
    throw error;
  }
}

async function shutdown(app: FastifyInstance, embedded: { close(graceMs?: number): Promise<void> }, logger: Logger, graceMs: number): Promise<void> {
  logger.info('shutting down: no new requests, draining jobs');
  await app.close();
  await embedded.close(graceMs);
  disposeFeelSandbox();
  logger.info('stopped');
  logger.flush();
}

/** The connector runtime's log calls, into pino. */
function connectorLogger(logger: Logger) {
  const child = logger.child({ source: 'connectors' });
  return {
    // Only when debug lines are kept: the runtime (and its thread) then skip building them.
    ...(child.isLevelEnabled('debug') ? { debug: (message: string, fields?: Record<string, unknown>) => child.debug(fields ?? {}, message) } : {}),
    warn: (message: string, fields?: Record<string, unknown>) => child.warn(fields ?? {}, message),
  };
}

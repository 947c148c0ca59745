import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cancellation } from '../../../core/index.js';
import type { ConnectorJob, ConnectorLogger, ConnectorOutcome } from '../../../connectors/index.js';
import { openSqlite } from '../../../models/index.js';
import type { SqliteHandle } from '../../../models/index.js';
import { openConnectorServices } from '../../../server/compose/connector-services.js';
import type { ConnectorServices } from '../../../server/compose/connector-services.js';
import { startSilentServer } from '../../support/silent-server.js';
import type { SilentServer } from '../../support/silent-server.js';

// Connector jobs of `weft serve` and `weft run --db` run on a thread of their own. These
// tests drive that thread through the runtime it stands behind: real database file, real
// worker thread, real sockets.

const MASTER_KEY = 'cd'.repeat(32);
let dir: string;
let handle: SqliteHandle | undefined;
let services: ConnectorServices | undefined;
let silent: SilentServer | undefined;

afterEach(async () => {
  await services?.close();
  await handle?.close();
  await silent?.close();
  services = undefined;
  handle = undefined;
  silent = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The port of a server that never answers: a call to it waits until cancelled. */
async function silentServer(): Promise<number> {
  silent = await startSilentServer();
  return silent.port;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function open(env: Record<string, string>, logger?: ConnectorLogger): Promise<ConnectorServices> {
  dir = mkdtempSync(join(tmpdir(), 'weft-connector-thread-'));
  handle = await openSqlite({ path: join(dir, 'weft.db') });
  services = await openConnectorServices({ handle, env: { WEFT_MASTER_KEY: MASTER_KEY, ...env }, dataDir: dir, thread: true, ...(logger ? { logger } : {}) });
  return services;
}

function restJob(url: string, extra: Partial<ConnectorJob> = {}): ConnectorJob {
  return {
    jobKey: '1',
    type: 'io.camunda:http-json:1',
    headers: {},
    variables: { authentication: { type: 'noAuth' }, method: 'GET', url, connectionTimeoutInSeconds: '20', readTimeoutInSeconds: '20' },
    retries: 3,
    orgId: 'default',
    workspaceId: 'default',
    processInstanceKey: '1',
    elementId: 'task',
    ...extra,
  };
}

function errorOf(outcome: ConnectorOutcome): { code: string; message: string } {
  if (outcome.kind !== 'error') throw new Error(`expected an error outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('the connector thread', () => {
  it('runs jobs off the calling thread with the same outcomes, and never reads the rest of the environment', async () => {
    const port = await closedPort();
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${port}`, NOT_A_SECRET: 'x' });
    expect(s.thread).toBeDefined();
    const refused = errorOf(await s.runtime.execute(restJob(`https://localhost:${port}/x`)));
    expect(refused.code).toBe('500');
    expect(refused.message).toMatch(/^UPSTREAM_UNREACHABLE: /);
    // The policy checks run there too: not exempt → private address refused before connecting.
    const blocked = errorOf(await s.runtime.execute(restJob('https://127.0.0.1:9/x')));
    expect(blocked.code).toBe('SSRF_BLOCKED');
    const missing = errorOf(await s.runtime.execute(restJob('https://{{secrets.NOT_A_SECRET}}.example/x')));
    expect(missing).toMatchObject({ code: 'SECRET_NOT_AVAILABLE', message: 'secret NOT_A_SECRET is not available' });
  });

  it('cancels a running call when the job is cancelled', async () => {
    const port = await silentServer();
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${port}` });
    const cancel = new Cancellation();
    const outcome = s.runtime.execute(restJob(`https://localhost:${port}/slow`, { cancel }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    cancel.cancel(new Error('lease expired'));
    const error = errorOf(await outcome);
    expect(error.code).toBe('500');
    expect(error.message).toMatch(/^CONNECTOR_CANCELLED: /);
  });

  it('ends by itself on close while a cancelled call is still connecting', async () => {
    const port = await silentServer();
    const warnings: string[] = [];
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${port}` }, { warn: (message) => warnings.push(message) });
    const cancel = new Cancellation();
    const job = restJob(`https://localhost:${port}/slow`, { cancel });
    const outcome = s.runtime.execute({ ...job, variables: { ...job.variables, connectionTimeoutInSeconds: '120' } });
    await vi.waitFor(() => expect(silent!.sockets.size).toBe(1));
    cancel.cancel(new Error('lease expired'));
    expect(errorOf(await outcome).message).toMatch(/^CONNECTOR_CANCELLED: /);
    const [accepted] = silent!.sockets;
    const dropped = new Promise((resolve) => accepted!.once('close', resolve));
    await s.thread!.close(60_000);
    await dropped;
    expect(warnings).toEqual([]);
  });

  it('fails the jobs of a thread that died as retryable, and starts a new thread for the next job', async () => {
    const silentPort = await silentServer();
    const refusedPort = await closedPort();
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${silentPort},localhost:${refusedPort}` });
    const held = s.runtime.execute(restJob(`https://localhost:${silentPort}/slow`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await s.thread!.terminate();
    const lost = await held;
    expect(lost).toMatchObject({ kind: 'error', retryable: true, error: { code: 'CONNECTOR_THREAD_STOPPED' } });
    const next = errorOf(await s.runtime.execute(restJob(`https://localhost:${refusedPort}/x`)));
    expect(next.message).toMatch(/^UPSTREAM_UNREACHABLE: /);
  });

  it('sees a change of the org domain allowlist before the change returns', async () => {
    const port = await closedPort();
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${port}` });
    const url = `https://localhost:${port}/x`;
    // First answer cached in the thread: no allowlist.
    expect(errorOf(await s.runtime.execute(restJob(url))).message).toMatch(/^UPSTREAM_UNREACHABLE: /);
    await s.orgSettings.setDomainAllowlist('default', ['api.example.com']);
    expect(errorOf(await s.runtime.execute(restJob(url)))).toMatchObject({ code: 'DOMAIN_NOT_ALLOWED' });
    await s.orgSettings.setDomainAllowlist('default', null);
    expect(errorOf(await s.runtime.execute(restJob(url))).message).toMatch(/^UPSTREAM_UNREACHABLE: /);
  });

  it('forwards its log lines to the host logger, secret values masked', async () => {
    const port = await closedPort();
    const canary = 'canary-8e1f0c7d2b';
    const lines: string[] = [];
    const logger: ConnectorLogger = {
      debug: (message, fields) => lines.push(`debug ${message} ${JSON.stringify(fields)}`),
      warn: (message, fields) => lines.push(`warn ${message} ${JSON.stringify(fields)}`),
    };
    const s = await open({ WEFT_EGRESS_ALLOW: `localhost:${port}`, WEFT_SECRET_TOKEN: canary }, logger);
    const job = restJob(`https://localhost:${port}/x?key={{secrets.TOKEN}}`);
    const outcome = await s.runtime.execute(job);
    expect(errorOf(outcome).code).toBe('500');
    // The secret was resolved (in the thread) and used, and comes back masked.
    expect(outcome.kind === 'error' && outcome.exchanges[0]?.url).toBe(`https://localhost:${port}/x?key=***`);
    expect(JSON.stringify(outcome)).not.toContain(canary);
    expect(lines.some((line) => line.startsWith('debug connector job finished'))).toBe(true);
    expect(lines.join('\n')).not.toContain(canary);
  });
});

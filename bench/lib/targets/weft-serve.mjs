// The real `weft serve` (bin/weft, the built dist/) as a separate process on a fresh data
// directory, for HTTP-level scenarios: configured through its environment, the scenario's
// process deployed through the API, checked, then loaded from outside (lib/http-load.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const name = 'weft-serve';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'weft');

/**
 * @param {{ bpmnProcessId: string, xml: string, env?: object, requests: object[], probe: { request: object, variables: object, forged: object } }} spec
 * @param {{ logLevel?: string, execArgv?: string[] }} options  WEFT_LOG_LEVEL (default: the server's, info — one log line per
 *   webhook request, to a file); extra Node flags for the server (run.mjs --profile: --cpu-prof…)
 */
export async function setup(spec, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bench-serve-'));
  const port = await freePort();
  const token = `bench-admin-${randomBytes(16).toString('hex')}`;
  const origin = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEFT_')));
  Object.assign(env, { WEFT_DATA_DIR: join(dir, 'data'), WEFT_HOST: '127.0.0.1', WEFT_PORT: String(port), WEFT_ADMIN_TOKEN: token }, spec.env);
  if (options.logLevel) env.WEFT_LOG_LEVEL = options.logLevel;
  const logPath = join(dir, 'weft.log');
  const log = openSync(logPath, 'w');
  const child = spawn(process.execPath, ['--no-node-snapshot', ...(options.execArgv ?? []), BIN, 'serve'], { env, stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const logTail = () => readFileSync(logPath, 'utf8').trim().split('\n').slice(-5).join('\n');
  const api = async (path, init = {}) => {
    const response = await fetch(`${origin}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };

  try {
    await waitForHealth(origin, exited, logTail);
    const form = new FormData();
    form.append('resources', new Blob([spec.xml], { type: 'application/xml' }), `${spec.bpmnProcessId}.bpmn`);
    await api('/orgs/default/deployments', { method: 'POST', body: form });
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const send = (request) =>
    fetch(`${origin}${request.path}`, { method: request.method, headers: request.headers, body: request.body }).then(async (r) => ({ status: r.status, body: await r.text() }));

  return {
    origin,
    pid: child.pid,
    requests: spec.requests,
    /** A signed request starts an instance with the mapped variables; a forged signature answers 401. Returns how many instances it started. */
    async probe() {
      const good = await send(spec.probe.request);
      if (good.status !== 200) throw new Error(`probe: signed request answered ${good.status} ${good.body.slice(0, 200)}`);
      const { processInstanceKey } = JSON.parse(good.body);
      const instance = await api(`/workspaces/default/process-instances/${processInstanceKey}`);
      const root = instance.variables?.[0]?.variables ?? {};
      const forged = await send(spec.probe.forged);
      if (forged.status !== 401) throw new Error(`probe: a forged signature answered ${forged.status}, expected 401`);
      return { variables: root, started: 1 };
    },
    /** Instances of the scenario's process in workspace default, counted through the API (500 a page). */
    async count() {
      let total = 0;
      let cursor;
      do {
        const page = await api(`/workspaces/default/process-instances?bpmnProcessId=${spec.bpmnProcessId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        total += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return total;
    },
    diagnostics: () => ({ log: logTail().slice(-600) }),
    async close() {
      child.kill('SIGTERM');
      const how = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000).unref())]);
      if (how === 'timeout') child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on now (the server binds it a moment later). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin, exited, logTail, timeoutMs = 30_000) {
  let gone;
  exited.then((how) => (gone = how));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (gone !== undefined) throw new Error(`weft serve exited (${gone}) while starting:\n${logTail()}`);
    try {
      if ((await fetch(`${origin}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`weft serve did not answer /health within ${timeoutMs / 1000} s:\n${logTail()}`);
}

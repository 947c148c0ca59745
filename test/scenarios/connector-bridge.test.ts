import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorJobHandler } from '../../engine/index.js';
import { bpmn, chain, errorBoundary, errorDefinition, flow, oneTask, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, historyData, jobsOf, rootVariables, scopedVariables, stateOf, until, waitOutBackoff } from '../support/scenario-queries.js';
import { countOccurrences, createTestRuntime, stubLookup } from '../connectors/support/test-runtime.js';
import type { TestRuntime } from '../connectors/support/test-runtime.js';
import { json, startTestServer } from '../connectors/support/test-server.js';
import type { TestServer } from '../connectors/support/test-server.js';
import { createTlsFixture } from '../connectors/support/tls-fixtures.js';
import type { TlsFixture } from '../connectors/support/tls-fixtures.js';

// The bridge between the engine and the connector runtime (engine/connector-bridge): what a
// connector's outcome does to its task — result variables, error expressions, retries and
// backoff, skipped tasks, masking — with a real engine, a real connector runtime and a real
// local HTTPS server.

const REST = 'io.camunda:http-json:1';
const CANARY = 'canary-bridge-5d1e';
let tls: TlsFixture;
let server: TestServer;
let origin: string;
let flakyCalls = 0;
/** Answers the `/held*` routes keep back until the test releases them. */
const heldAnswers: ServerResponse[] = [];
let heldOnceCalls = 0;
let h: Harness;
let t: TestRuntime;

beforeAll(async () => {
  tls = createTlsFixture();
  server = await startTestServer(tls);
  origin = `https://api.weft.test:${server.port}`;
  server.route('/orders/1', (_req, res) => json(res, 200, { id: 1, status: 'open', total: 12.5 }));
  server.route('/orders/2', (_req, res) => json(res, 200, { id: 2, status: 'blocked', total: 0 }));
  server.route('/orders/missing', (_req, res) => json(res, 404, { message: 'no such order' }));
  server.route('/busy', (_req, res) => json(res, 503, { message: 'try later' }));
  server.route('/flaky', (_req, res) => (++flakyCalls === 1 ? json(res, 503, { message: 'warming up' }) : json(res, 200, { ok: true })));
  server.route('/held', (_req, res) => void heldAnswers.push(res));
  // The first call never gets an answer; later ones do.
  server.route('/held-once', (_req, res) => (++heldOnceCalls === 1 ? void heldAnswers.push(res) : json(res, 200, { ok: true })));
  // An API that echoes the credential it was sent, in its error body.
  server.route('/echo-denied', (req, res) => json(res, 403, { echo: String(req.headers['x-token']) }));
  // …or in its reason phrase, which becomes the error's message.
  server.route('/reason-leak', (req, res) => res.writeHead(401, `token ${String(req.headers['x-token'])} revoked`).end());
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  h = await createHarness();
  t = await createTestRuntime({
    ca: tls.caCert,
    allow: [`api.weft.test:${server.port}`],
    lookup: stubLookup({ 'api.weft.test': ['127.0.0.1'] }),
    env: { WEFT_SECRET_API_TOKEN: CANARY },
    clock: h.clock,
  });
  h.engine.registerJobHandler(connectorJobHandler(t.runtime));
});

afterEach(async () => {
  for (const res of heldAnswers.splice(0)) if (!res.writableEnded && !res.destroyed) json(res, 200, { released: true });
  await h.close();
  await t.close();
});

/** A REST connector task `task` (GET `url`, a FEEL expression or a static text). */
function restTask(url: string, options: { headers?: Record<string, string>; inputs?: [string, string][]; retries?: number } = {}): string {
  return serviceTask('task', REST, {
    inputs: [['noAuth', 'authentication.type'], ['GET', 'method'], [url, 'url'], ...(options.inputs ?? [])],
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  });
}

/** start → task → end, and an error boundary on the task (catching `errorCode`) → `caught`. */
function withBoundary(processId: string, task: string, errorCode: string): string {
  return bpmn(
    processId,
    `
    <bpmn:startEvent id="start" />
${task}
    <bpmn:endEvent id="end" />
${errorBoundary('onError', 'task', 'Err')}
    <bpmn:endEvent id="caught" />
${chain('start', 'task', 'end')}
${flow('f_onError_caught', 'onError', 'caught')}`,
    errorDefinition('Err', errorCode),
  );
}

/** Deploy start → `task` → end as `processId`, start it, and wait for its first incident; returns the instance key and that incident. */
async function runToIncident(processId: string, task: string) {
  await h.deploy(oneTask(processId, task));
  const key = await h.start(processId);
  await until(h, async () => (await activeIncidents(h, key)).length > 0);
  const [incident] = await activeIncidents(h, key);
  return { key, incident: incident! };
}

describe('results', () => {
  it('resultVariable holds the whole result; resultExpression sees response and its fields, and its context is merged', async () => {
    await h.deploy(oneTask('results', restTask(`${origin}/orders/1`, {
      headers: { resultVariable: 'order', resultExpression: '={orderStatus: response.body.status, total: body.total, code: status}' },
    })));
    const key = await h.start('results');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    const vars = await rootVariables(h, key);
    expect(vars.order).toMatchObject({ status: 200, reason: 'OK', headers: { 'content-type': 'application/json' }, body: { id: 1, status: 'open', total: 12.5 } });
    expect(vars).toMatchObject({ orderStatus: 'open', total: 12.5, code: 200 });
  });
});

describe('errorExpression', () => {
  it('runs on success too: a bpmnError it returns goes to the boundary event', async () => {
    await h.deploy(withBoundary('onSuccess', restTask(`${origin}/orders/2`, {
      headers: { errorExpression: '=if response.body.status = "blocked" then bpmnError("ORDER_BLOCKED", "order " + string(response.body.id) + " is blocked") else null' },
    }), 'ORDER_BLOCKED'));
    const key = await h.start('onSuccess');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('caught');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).not.toContain('end');
  });

  it('sees error.code, error.message, error.variables.response and job.retries on failure', async () => {
    await h.deploy(withBoundary('onFailure', restTask(`${origin}/orders/missing`, {
      headers: {
        errorExpression:
          '=if error.code = "404" and job.retries = 3 then bpmnError("NOT_FOUND", error.message, {detail: error.variables.response.body.message, seenRetries: job.retries}) else null',
      },
    }), 'NOT_FOUND'));
    const key = await h.start('onFailure');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await elementsWith(h, key, 'ELEMENT_COMPLETED')).toContain('caught');
    expect(await rootVariables(h, key)).toMatchObject({ detail: 'no such order', seenRetries: 3 });
  });

  it('jobError(...) fails the job with its own retries and backoff', async () => {
    flakyCalls = 0;
    await h.deploy(oneTask('jobErr', restTask(`${origin}/flaky`, {
      headers: { errorExpression: '=if error.code = "503" then jobError("upstream warming up", {}, job.retries - 2, @"PT30S") else null' },
    })));
    const key = await h.start('jobErr');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'backoff');
    const [job] = await jobsOf(h, key);
    expect(job).toMatchObject({ retries: 1, errorMessage: 'upstream warming up' });
    const [failed] = await historyData(h, key, 'JOB_FAILED');
    expect(failed!.data).toMatchObject({ retries: 1 });
    await waitOutBackoff(h, key, 30_000, () => expect(flakyCalls).toBe(1));
    expect(flakyCalls).toBe(2);
  });

  it('null means normal handling', async () => {
    await h.deploy(oneTask('nullExpr', restTask(`${origin}/orders/1`, {
      headers: { errorExpression: '=if false then bpmnError("X", "never") else null', resultExpression: '={status: response.body.status}' },
    })));
    const key = await h.start('nullExpr');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await rootVariables(h, key)).toEqual({ status: 'open' });
  });
});

describe('retries', () => {
  it('an error status costs one retry and waits out the retryBackoff header, as in Camunda', async () => {
    await h.deploy(oneTask('busy', restTask(`${origin}/busy`, { headers: { retryBackoff: 'PT10S' } })));
    const key = await h.start('busy');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'backoff');
    expect((await jobsOf(h, key))[0]).toMatchObject({ retries: 2, errorMessage: '503: Service Unavailable' });
    const calls = () => server.requests.filter((r) => r.url === '/busy').length;
    const before = calls();
    h.clock.advance(10_000);
    await h.engine.runDue();
    await until(h, async () => calls() === before + 1 && (await jobsOf(h, key))[0]?.state === 'backoff');
    expect((await jobsOf(h, key))[0]).toMatchObject({ retries: 1 });
  });

  it('a 404 without an errorExpression is retried until the retries run out, then an incident names it', async () => {
    const { key, incident } = await runToIncident('missing', restTask(`${origin}/orders/missing`, { retries: 2 }));
    expect(server.requests.filter((r) => r.url === '/orders/missing').length).toBeGreaterThanOrEqual(2);
    expect(incident).toMatchObject({ type: 'JOB_NO_RETRIES', elementId: 'task', message: expect.stringContaining('404: Not Found') });
    expect((await historyData(h, key, 'JOB_FAILED')).map((f) => f.data.retries)).toEqual([1, 0]);
  });

  it('an input error (a URL that is not one) is an incident at once, without a call', async () => {
    const before = server.requests.length;
    const { key, incident } = await runToIncident('badUrl', restTask('not a url'));
    expect(incident).toMatchObject({ type: 'JOB_NO_RETRIES', message: expect.stringContaining('URL_INVALID') });
    expect((await historyData(h, key, 'JOB_FAILED')).map((f) => f.data.retries)).toEqual([0]);
    expect(server.requests.length).toBe(before);
  });
});

describe('jobTimeout (the task header of Camunda Modeler\'s connector templates)', () => {
  it('sets the lease of the connector job; without it the lease is 5 minutes', async () => {
    await h.deploy(oneTask('leaseLong', restTask(`${origin}/held`, { headers: { jobTimeout: 'PT10M' } })));
    await h.deploy(oneTask('leaseDefault', restTask(`${origin}/held`)));
    const long = await h.start('leaseLong');
    const usual = await h.start('leaseDefault');
    await until(h, async () => heldAnswers.length === 2);
    expect((await jobsOf(h, long))[0]).toMatchObject({ state: 'activated', deadline: h.clock.now() + 10 * 60_000 });
    expect((await jobsOf(h, usual))[0]).toMatchObject({ state: 'activated', deadline: h.clock.now() + 5 * 60_000 });
    for (const res of heldAnswers.splice(0)) json(res, 200, { ok: true });
    await until(h, async () => (await stateOf(h, long)) === 'completed' && (await stateOf(h, usual)) === 'completed');
  });

  it('a call still running when the lease ends is cancelled; the job is offered again with its retries unchanged', async () => {
    await h.deploy(oneTask('leaseEnds', restTask(`${origin}/held-once`, { headers: { jobTimeout: 'PT30S' } })));
    const key = await h.start('leaseEnds');
    await until(h, async () => heldAnswers.length === 1);
    h.clock.advance(31_000);
    // The pool checks leases every second: it cancels the call still waiting for its answer.
    // That is no failure (no retry spent); the call is still in history.
    await until(h, async () => (await historyData(h, key, 'CONNECTOR_CALL')).length === 1, 5_000);
    expect(heldAnswers[0]!.destroyed).toBe(true);
    expect((await jobsOf(h, key))[0]).toMatchObject({ state: 'activated', retries: 3 });
    // The scheduler times the job out and offers it again.
    await h.engine.runDue();
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(heldOnceCalls).toBe(2);
    expect(await historyData(h, key, 'JOB_FAILED')).toEqual([]);
    expect((await historyData(h, key, 'CONNECTOR_CALL')).map((c) => c.data.status ?? c.data.errorCode)).toEqual(['CONNECTOR_CANCELLED', 200]);
  });

  it('a jobTimeout or retryBackoff that is not an ISO 8601 duration is an incident naming the header, without a call', async () => {
    const before = server.requests.length;
    const timeout = await runToIncident('badTimeout', restTask(`${origin}/orders/1`, { headers: { jobTimeout: 'ten minutes' } }));
    expect(timeout.incident).toMatchObject({
      type: 'JOB_NO_RETRIES',
      message: expect.stringContaining('CONNECTOR_INPUT_INVALID: task header jobTimeout "ten minutes" is not a positive ISO 8601 duration'),
    });
    const backoff = await runToIncident('badBackoff', restTask(`${origin}/orders/1`, { headers: { retryBackoff: '30s' } }));
    expect(backoff.incident).toMatchObject({
      type: 'JOB_NO_RETRIES',
      message: expect.stringContaining('CONNECTOR_INPUT_INVALID: task header retryBackoff "30s" is not an ISO 8601 duration'),
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('skipped tasks', () => {
  it('an unconfigured or disabled connector completes its task with no call and no incident; history says why', async () => {
    await t.definitions.save({
      connector_id: 'orders',
      display_name: 'Orders',
      auth_type: 'api_key',
      auth_schema: { fields: [{ name: 'api_key', label: 'API key', type: 'password', required: true }] },
      actions: [{ action_id: 'get', http_method: 'GET', url_template: `${origin}/orders/{{id}}` }],
      allowed_domains: [`api.weft.test:${server.port}`],
      enabled: true,
    });
    const before = server.requests.length;
    await h.deploy(oneTask('skip', serviceTask('task', 'connector:orders', { headers: { action: 'get' }, inputs: [['="1"', 'id']] })));
    const unconfigured = await h.start('skip');
    await until(h, async () => (await stateOf(h, unconfigured)) === 'completed');
    expect(await historyData(h, unconfigured, 'CONNECTOR_SKIPPED')).toEqual([
      { elementId: 'task', data: expect.objectContaining({ jobType: 'connector:orders', reason: 'workspace default has not configured connector orders' }) },
    ]);
    await t.runtime.workspaceVault.saveCredentials('default', 'orders', { api_key: 'k' });
    await t.definitions.setEnabled('orders', false);
    const disabled = await h.start('skip');
    await until(h, async () => (await stateOf(h, disabled)) === 'completed');
    expect((await historyData(h, disabled, 'CONNECTOR_SKIPPED'))[0]!.data).toMatchObject({ reason: 'connector orders is disabled by the platform' });
    expect(await activeIncidents(h, unconfigured)).toEqual([]);
    expect(await activeIncidents(h, disabled)).toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});

describe('secrets through the engine', () => {
  it('resolves <<secrets.NAME>> only for the call: job variables keep the placeholder, errors, incidents and history are masked', async () => {
    const { key, incident } = await runToIncident('masked', restTask(`${origin}/echo-denied`, {
      retries: 1,
      inputs: [['={"x-token": "<<secrets.API_TOKEN>>"}', 'headers']],
    }));
    // It did reach the API, with the value.
    expect(server.requests.at(-1)?.headers['x-token']).toBe(CANARY);
    // The task's input variables (what its job carries) keep the placeholder.
    expect(await scopedVariables(h, key)).toContainEqual({ scopeKey: expect.any(Number), name: 'headers', value: { 'x-token': '<<secrets.API_TOKEN>>' } });
    expect(incident.message).toContain('403');
    const history = JSON.stringify(await h.store.history(Number(key)));
    expect(history).toContain('CONNECTOR_CALL');
    expect(history).not.toContain(CANARY);
    await h.engine.stop(100);
    const files = [h.dbPath, `${h.dbPath}-wal`, t.dbPath, `${t.dbPath}-wal`].map((p) => {
      try {
        return readFileSync(p);
      } catch {
        return Buffer.alloc(0);
      }
    });
    expect(files.map((bytes) => countOccurrences(bytes, CANARY))).toEqual([0, 0, 0, 0]);
  });

  it('records each call in the instance history: method, URL with the secret masked, status, duration and sizes', async () => {
    await h.deploy(oneTask('recorded', restTask(`="${origin}/orders/1?key={{secrets.API_TOKEN}}"`)));
    const key = await h.start('recorded');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(server.requests.at(-1)?.url).toBe(`/orders/1?key=${CANARY}`);
    const [call] = await historyData(h, key, 'CONNECTOR_CALL');
    expect(call).toEqual({
      elementId: 'task',
      data: {
        jobType: REST,
        method: 'GET',
        url: `${origin}/orders/1?key=***`,
        status: 200,
        durationMs: expect.any(Number),
        requestBytes: 0,
        responseBytes: Buffer.byteLength(JSON.stringify({ id: 1, status: 'open', total: 12.5 })),
      },
    });
  });

  it('masks a secret the API quotes in its error message: the job, the incident and the history show ***', async () => {
    const { key, incident } = await runToIncident('quoted', restTask(`${origin}/reason-leak`, {
      retries: 1,
      inputs: [['={"x-token": "{{secrets.API_TOKEN}}"}', 'headers']],
    }));
    expect(server.requests.at(-1)?.headers['x-token']).toBe(CANARY);
    expect(incident.message).toContain('401: token *** revoked');
    expect(incident.message).not.toContain(CANARY);
    expect((await jobsOf(h, key))[0]!.errorMessage).toBe('401: token *** revoked');
    expect(JSON.stringify(await h.store.history(Number(key)))).not.toContain(CANARY);
  });

  it('masks a secret the API echoes back before an errorExpression sees it', async () => {
    await h.deploy(withBoundary('echoed', restTask(`${origin}/echo-denied`, {
      inputs: [['={"x-token": "{{secrets.API_TOKEN}}"}', 'headers']],
      headers: { errorExpression: '=bpmnError("DENIED", "denied", {echoed: error.variables.response.body.echo})' },
    }), 'DENIED'));
    const key = await h.start('echoed');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(await rootVariables(h, key)).toMatchObject({ echoed: '***' });
  });
});

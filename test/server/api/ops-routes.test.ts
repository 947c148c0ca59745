import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../../server/app/prometheus-metrics.js';
import { ADMIN_TOKEN, bpmnForm, startApiServer } from '../support/api-server.js';
import type { ApiServer } from '../support/api-server.js';
import { gatewayProcess, waitingProcess } from '../support/tenants.js';

let t: ApiServer;

beforeAll(async () => {
  t = await startApiServer();
});

afterAll(async () => {
  await t?.close();
});

/** The value of one sample line of the exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health, metrics, openapi', () => {
  it('answers /health without a token', async () => {
    const health = await t.call('GET', '/health', undefined);
    expect([health.status, health.body]).toEqual([200, { status: 'ok', database: 'ok' }]);
  });

  it('serves Prometheus text to platform admins only, counting instances, jobs, incidents and webhook answers', async () => {
    expect((await t.call('GET', '/metrics', undefined)).status).toBe(401);
    const orgAdmin = (await t.call('POST', '/admin/tokens', ADMIN_TOKEN, { role: 'org-admin', org: 'default' })).body.token;
    expect((await t.call('GET', '/metrics', orgAdmin)).status).toBe(403);
    await t.call('POST', '/orgs/default/deployments', ADMIN_TOKEN, bpmnForm({ 'w.bpmn': waitingProcess('w'), 'g.bpmn': gatewayProcess('g') }));
    await t.call('POST', '/workspaces/default/process-instances', ADMIN_TOKEN, { bpmnProcessId: 'w' });
    await t.call('POST', '/workspaces/default/process-instances', ADMIN_TOKEN, { bpmnProcessId: 'g', variables: { amount: 1 } });
    await t.call('POST', '/workspaces/default/process-instances', ADMIN_TOKEN, { bpmnProcessId: 'g', variables: { amount: 99 } });
    t.server.context.metrics.webhookRequest(202);
    t.server.context.metrics.webhookRequest(401);
    t.server.context.metrics.webhookRequest(202);
    const metrics = await t.call('GET', '/metrics', ADMIN_TOKEN);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(metrics.text, 'weft_process_instances_started_total')).toBe(3);
    expect(sample(metrics.text, 'weft_process_instances_completed_total')).toBe(1);
    expect(sample(metrics.text, 'weft_jobs_active{state="activatable"}')).toBe(1);
    expect(sample(metrics.text, 'weft_incidents_active')).toBe(1);
    expect(sample(metrics.text, 'weft_webhook_requests_total{status="202"}')).toBe(2);
    expect(sample(metrics.text, 'weft_webhook_requests_total{status="401"}')).toBe(1);
    expect(metrics.text).toContain('# TYPE weft_connector_call_duration_seconds histogram');
  });

  it('builds the connector call histogram from CONNECTOR_CALL history notes', async () => {
    const metrics = new PrometheusMetrics();
    const call = (durationMs: number) => ({ type: 'CONNECTOR_CALL', elementId: 'Task', data: { jobType: 'connector:crm', method: 'POST', url: 'https://x/***', durationMs } });
    metrics.observe({ instanceKey: 1, instanceState: 'active', history: [call(30), call(700), { type: 'JOB_COMPLETED', elementId: 'Task', data: null }] });
    const text = await metrics.render({ counts: async () => ({ instances: {}, jobs: {}, incidents: 0 }) });
    expect(sample(text, 'weft_connector_call_duration_seconds_bucket{connector="connector:crm",le="0.05"}')).toBe(1);
    expect(sample(text, 'weft_connector_call_duration_seconds_bucket{connector="connector:crm",le="1"}')).toBe(2);
    expect(sample(text, 'weft_connector_call_duration_seconds_bucket{connector="connector:crm",le="+Inf"}')).toBe(2);
    expect(sample(text, 'weft_connector_call_duration_seconds_count{connector="connector:crm"}')).toBe(2);
    expect(sample(text, 'weft_connector_call_duration_seconds_sum{connector="connector:crm"}')).toBeCloseTo(0.73);
  });

  it('generates /openapi.json from the route schemas, with bearer security', async () => {
    const doc = (await t.call('GET', '/openapi.json', undefined)).body;
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/admin/connector', '/orgs/{org}/deployments', '/workspaces/{ws}/process-instances/{instanceKey}']));
    const start = doc.paths['/workspaces/{ws}/process-instances'].post;
    expect(start.security).toEqual([{ bearerAuth: [] }]);
    expect(start.requestBody.content['application/json'].schema.required).toEqual(['bpmnProcessId']);
  });

  it('answers unknown routes and malformed JSON in the one error shape', async () => {
    const missing = await t.call('GET', '/nothing/here', ADMIN_TOKEN);
    expect([missing.status, missing.body]).toEqual([404, { error: { code: 'ROUTE_NOT_FOUND', description: 'no such route' } }]);
    const raw = await fetch(`${t.url}/admin/orgs`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: '{"id": "x", oops' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: { code: 'REQUEST_INVALID', description: 'the request body is not valid JSON' } });
  });

  it('answers 503 from /health when the database is gone', async () => {
    const broken = await startApiServer();
    await broken.server.context.engine.store.close();
    const health = await broken.call('GET', '/health', undefined);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE' } });
    await broken.close();
  });
});

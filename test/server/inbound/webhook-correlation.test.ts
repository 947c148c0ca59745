import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { bpmn, flow } from '../../support/bpmn.js';
import { corpusFile, webhookCatchProcess, webhookProperties } from './support/webhook-bpmn.js';

let s: WebhookServer;
afterEach(async () => s?.close());

async function start(bpmnProcessId: string, variables: Record<string, unknown> = {}): Promise<string> {
  const created = await s.engine.createInstance({ bpmnProcessId, variables, orgId: 'default', workspaceId: 'default' });
  return created.processInstanceKey;
}

async function openJobs(key: string): Promise<string[]> {
  return (await s.engine.store.listJobs({ limit: 100 })).filter((j) => String(j.instanceKey) === key).map((j) => j.elementId);
}

describe('webhooks that wake a waiting instance', () => {
  it('webhook_connector.bpmn: correlates to the intermediate catch event (API key, correlation key, result and response expressions)', async () => {
    s = await startWebhookServer();
    await s.deploy(corpusFile('webhook_connector.bpmn'), 'default', 'webhook_connector.bpmn');
    const key = await start('Process_1bvv4g5');
    const headers = { authorization: 'Bearer 123' };

    expect((await s.send('/inbound/test-webhook', { method: 'GET', headers })).status).toBe(405);
    expect((await s.post('/inbound/test-webhook', { correlationKey: 123 }, { authorization: 'Bearer 124' })).status).toBe(401);
    const wrongKey = await s.post('/inbound/test-webhook', { correlationKey: 999, webhookExecuted: true }, headers);
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.json.error.code).toBe('WEBHOOK_NOT_CORRELATED');

    const answer = await s.post('/inbound/test-webhook?value=from-query', { correlationKey: 123, webhookExecuted: true }, headers);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ correlationKey: 123 });
    const outcome = await s.outcome(key);
    expect(outcome.variables).toEqual({ correlationKey: 123, webhookExecuted: true, queryParam: 'from-query' });
    expect(outcome.state).toBe('ACTIVE');
    // The REST task of the other branch still waits (no job handler in these tests).
    expect(await openJobs(key)).toEqual(['Activity_1npz1ye']);

    const again = await s.post('/inbound/test-webhook', { correlationKey: 123, webhookExecuted: true }, headers);
    expect(again.status).toBe(422);
  });

  it('single-webhook-boundary.bpmn: the webhook boundary event interrupts the task', async () => {
    s = await startWebhookServer();
    await s.deploy(corpusFile('single-webhook-boundary.bpmn'), 'default', 'single-webhook-boundary.bpmn');
    const first = await start('BoundaryEventTest', { myCorrKey: 'k-1' });
    const second = await start('BoundaryEventTest', { myCorrKey: 'k-2' });
    expect(await openJobs(first)).toEqual(['Activity_0d39mr2']);

    const answer = await s.post('/inbound/destroy', { val1: 'k-1', reason: 'cancelled by caller' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ processInstanceKey: first, elementId: 'boundary_event' });
    expect(await openJobs(first)).toEqual(['Activity_0fwzykw']);
    const { variables } = await s.outcome(first);
    expect((variables.res1 as { request: { body: unknown } }).request.body).toEqual({ val1: 'k-1', reason: 'cancelled by caller' });
    expect(await openJobs(second)).toEqual(['Activity_0d39mr2']);
  });

  it('multi-webhook-start-message.bpmn: each message start event has its webhook; messageIdExpression deduplicates', async () => {
    s = await startWebhookServer();
    await s.deploy(corpusFile('multi-webhook-start-message.bpmn'), 'default', 'multi-webhook-start-message.bpmn');
    const first = await s.post('/inbound/wh0', { msgId: 'm-1', n: 1 });
    expect(first.status).toBe(200);
    // inbound.responseBodyExpression "=correlation": the body is what was started.
    expect(first.json).toMatchObject({ processInstanceKey: expect.any(String), bpmnProcessId: 'multi-webhook-start-message', version: 1 });
    const repeated = await s.post('/inbound/wh0', { msgId: 'm-1', n: 2 });
    expect(repeated.status).toBe(200);
    expect(repeated.json).toEqual(first.json);
    expect(await s.instances()).toEqual([first.json.processInstanceKey]);
    expect((await s.outcome(first.json.processInstanceKey)).variables).toEqual({ res0: { request: expect.objectContaining({ body: { msgId: 'm-1', n: 1 } }) } });

    const other = await s.post('/inbound/wh1', { msgId: 'm-1' });
    expect(other.json.processInstanceKey).not.toBe(first.json.processInstanceKey);
    expect(Object.keys((await s.outcome(other.json.processInstanceKey)).variables)).toEqual(['res1']);
    const fresh = await s.post('/inbound/wh0', { msgId: 'm-2' });
    expect(fresh.json.processInstanceKey).not.toBe(first.json.processInstanceKey);
    // Without a message id there is nothing to deduplicate on.
    await s.post('/inbound/wh0', { n: 3 });
    await s.post('/inbound/wh0', { n: 3 });
    expect(await s.instances()).toHaveLength(5);
  });

  it('a receive task with webhook properties is woken like a catch event', async () => {
    s = await startWebhookServer();
    await s.deploy(bpmn('receiver', `    <bpmn:startEvent id="start" />
    <bpmn:receiveTask id="receive" messageRef="Msg_r">${webhookProperties({ 'inbound.context': 'receive', correlationKeyExpression: '=request.body.ref', resultExpression: '={received: request.body.value}' })}</bpmn:receiveTask>
    <bpmn:endEvent id="end" />
${flow('f1', 'start', 'receive')}
${flow('f2', 'receive', 'end')}`, '  <bpmn:message id="Msg_r" name="receipt"><bpmn:extensionElements><zeebe:subscription correlationKey="=ref" /></bpmn:extensionElements></bpmn:message>'));
    const key = await start('receiver', { ref: 'r-1' });
    const answer = await s.post('/inbound/receive', { ref: 'r-1', value: 5 });
    expect(answer.json).toEqual({ processInstanceKey: key, elementId: 'receive' });
    expect(await s.outcome(key)).toMatchObject({ state: 'COMPLETED', variables: { ref: 'r-1', received: 5 } });
  });

  it('an unmatched message is 422, or 200 with consumeUnmatchedEvents; numbers correlate as text', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookCatchProcess('strict', 'order-paid', '=orderId', { 'inbound.context': 'paid', correlationKeyExpression: '=request.body.orderId' }));
    await s.deploy(webhookCatchProcess('lenient', 'order-shipped', '=orderId', { 'inbound.context': 'shipped', correlationKeyExpression: '=request.body.orderId', consumeUnmatchedEvents: 'true' }));
    expect((await s.post('/inbound/paid', { orderId: 42 })).status).toBe(422);
    const none = await s.post('/inbound/shipped', { orderId: 42 });
    expect(none.status).toBe(200);
    expect(none.json).toEqual({});
    const paid = await start('strict', { orderId: '42' });
    const hit = await s.post('/inbound/paid', { orderId: 42 });
    expect(hit.json).toEqual({ processInstanceKey: paid, elementId: 'webhookCatch' });
    const nullKey = await s.post('/inbound/shipped', { other: 1 });
    expect(nullKey.status).toBe(422);
    expect(nullKey.json.error.code).toBe('WEBHOOK_FEEL_FAILED');
  });
});

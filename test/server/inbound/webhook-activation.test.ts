import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer();
  const condition = '=request.body.status = "OK"';
  await s.deploy(webhookStartProcess('strict', { 'inbound.context': 'strict', activationCondition: condition }));
  await s.deploy(webhookStartProcess('lenient', {
    'inbound.context': 'lenient',
    activationCondition: condition,
    consumeUnmatchedEvents: 'true',
    'inbound.responseExpression': '={body: {started: correlation.processInstanceKey != null}}',
  }));
  await s.deploy(webhookStartProcess('failing', { 'inbound.context': 'failing', activationCondition: '=bpmnError(request.body.none, "x") != null', consumeUnmatchedEvents: 'true' }));
  await s.deploy(webhookStartProcess('legacy-flag', { 'inbound.context': 'legacy-flag', activationCondition: 'request.body.status = "OK"' }));
});
afterAll(async () => s?.close());

describe('activation condition', () => {
  it('starts when the condition holds; 422 when it does not (consumeUnmatchedEvents absent)', async () => {
    expect((await s.post('/inbound/strict', { status: 'OK' })).status).toBe(200);
    const before = (await s.instances()).length;
    for (const body of [{ status: 'NOK' }, {}, { status: null }, 'just text']) {
      const answer = await s.post('/inbound/strict', typeof body === 'string' ? JSON.stringify(body) : body);
      expect(answer.status).toBe(422);
      expect(answer.json.error.code).toBe('WEBHOOK_ACTIVATION_CONDITION_NOT_MET');
    }
    expect(await s.instances()).toHaveLength(before);
  });

  it('with consumeUnmatchedEvents the unmatched request is answered 200 and starts nothing', async () => {
    const before = (await s.instances()).length;
    const unmatched = await s.post('/inbound/lenient', { status: 'NOK' });
    expect(unmatched.status).toBe(200);
    expect(unmatched.json).toEqual({ started: false });
    expect(await s.instances()).toHaveLength(before);
    const matched = await s.post('/inbound/lenient', { status: 'OK' });
    expect(matched.json).toEqual({ started: true });
    expect(await s.instances()).toHaveLength(before + 1);
  });

  it('a FEEL failure answers 422 WEBHOOK_FEEL_FAILED naming the property, even with consumeUnmatchedEvents', async () => {
    const answer = await s.post('/inbound/failing', {});
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('WEBHOOK_FEEL_FAILED');
    expect(answer.json.error.description).toMatch(/^activationCondition failed/);
    expect(answer.json.error.details).toMatchObject({ property: 'activationCondition', reason: 'FEEL_EVALUATION_FAILED' });
  });

  it('takes a FEEL property without its leading =', async () => {
    expect((await s.post('/inbound/legacy-flag', { status: 'OK' })).status).toBe(200);
    expect((await s.post('/inbound/legacy-flag', { status: 'no' })).status).toBe(422);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

let s: WebhookServer;
afterEach(async () => s?.close());

describe('webhook start events', () => {
  it('starts an instance and answers with what was started (Camunda correlation result)', async () => {
    s = await startWebhookServer();
    const deployed = await s.deploy(webhookStartProcess('orders', { 'inbound.context': 'new-order' }));
    const answer = await s.post('/inbound/new-order', { id: 7 });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      processInstanceKey: expect.any(String),
      processDefinitionKey: deployed.processes[0]!.processDefinitionKey,
      bpmnProcessId: 'orders',
      version: 1,
    });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const outcome = await s.outcome(answer.json.processInstanceKey);
    expect(outcome.state).toBe('ACTIVE');
    // Neither resultVariable nor resultExpression: nothing is carried in.
    expect(outcome.variables).toEqual({});
    expect(s.statuses).toEqual([200]);
  });

  it('maps the request into variables: resultVariable gets {request}, resultExpression adds its entries', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('mapped', {
      'inbound.context': 'mapped',
      resultVariable: 'event',
      resultExpression: '={orderId: request.body.order.id, source: request.params.source, agent: get value(request.headers, "x-agent")}',
    }));
    const answer = await s.post('/inbound/mapped?source=shop&source=ignored', { order: { id: 'A-1' } }, { 'x-agent': 'curl', authorization: 'Bearer not-kept' });
    expect(answer.status).toBe(200);
    const { variables } = await s.outcome(answer.json.processInstanceKey);
    expect(variables.orderId).toBe('A-1');
    expect(variables.source).toBe('shop');
    expect(variables.agent).toBe('curl');
    const event = variables.event as { request: { body: unknown; headers: Record<string, string>; params: unknown } };
    expect(event.request.body).toEqual({ order: { id: 'A-1' } });
    expect(event.request.params).toEqual({ source: 'shop' });
    expect(event.request.headers['x-agent']).toBe('curl');
    // The caller's credentials never reach process variables.
    expect(event.request.headers.authorization).toBeUndefined();
  });

  it('answers with the response expression: body, statusCode and headers, seeing request and correlation', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('responder', {
      'inbound.context': 'responder',
      'inbound.responseExpression': '={statusCode: 201, headers: {"X-Order": request.body.id, "Content-Type": "application/json"}, body: {accepted: request.body.id, instance: correlation.processInstanceKey}}',
    }));
    const answer = await s.post('/inbound/responder', { id: 'o-9' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-order')).toBe('o-9');
    expect(answer.json).toEqual({ accepted: 'o-9', instance: expect.any(String) });
    expect((await s.outcome(answer.json.instance)).state).toBe('ACTIVE');
  });

  it('sends text bodies as text (HTML-escaped under text/html), and a null response expression means the default', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('texts', {
      'inbound.context': 'texts',
      'inbound.responseExpression': '=if request.body.kind = "html" then {headers: {"content-type": "text/html"}, body: "<b>" + request.body.name + "</b>"} else if request.body.kind = "text" then {body: "hello " + request.body.name} else null',
    }));
    const html = await s.post('/inbound/texts', { kind: 'html', name: '<script>x</script>' });
    expect(html.status).toBe(200);
    expect(html.text).toBe('&#60;b&#62;&#60;script&#62;x&#60;/script&#62;&#60;/b&#62;');
    const text = await s.post('/inbound/texts', { kind: 'text', name: 'ada' });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.text).toBe('hello ada');
    const fallback = await s.post('/inbound/texts', { kind: 'none' });
    expect(fallback.json.processInstanceKey).toEqual(expect.any(String));
  });

  it('supports the older inbound.responseBodyExpression (body only)', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('legacy', { 'inbound.context': 'legacy', 'inbound.responseBodyExpression': '={started: correlation.processInstanceKey != null}' }));
    const answer = await s.post('/inbound/legacy', {});
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ started: true });
  });

  it('answers a verification challenge without starting anything', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('slack', {
      'inbound.context': 'slack',
      'inbound.verificationExpression': '=if request.body.type = "url_verification" then {body: {challenge: request.body.challenge}, statusCode: 200} else null',
    }));
    const challenge = await s.post('/inbound/slack', { type: 'url_verification', challenge: 'c-123' });
    expect(challenge.status).toBe(200);
    expect(challenge.json).toEqual({ challenge: 'c-123' });
    expect(await s.instances()).toHaveLength(0);
    const event = await s.post('/inbound/slack', { type: 'event_callback' });
    expect(event.json.processInstanceKey).toEqual(expect.any(String));
    expect(await s.instances()).toHaveLength(1);
  });

  it('accepts non-JSON bodies as text and form bodies as fields; refuses malformed JSON with 400', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('bodies', { 'inbound.context': 'bodies', resultExpression: '={payload: request.body}' }));
    const text = await s.send('/inbound/bodies', { body: 'plain words', headers: { 'content-type': 'text/plain' } });
    expect((await s.outcome(text.json.processInstanceKey)).variables.payload).toBe('plain words');
    const xml = await s.send('/inbound/bodies', { body: '<a>1</a>', headers: { 'content-type': 'application/xml' } });
    expect((await s.outcome(xml.json.processInstanceKey)).variables.payload).toBe('<a>1</a>');
    const form = await s.send('/inbound/bodies', { body: 'a=1&b=two&a=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await s.outcome(form.json.processInstanceKey)).variables.payload).toEqual({ a: '1', b: 'two' });
    const empty = await s.send('/inbound/bodies', { method: 'GET' });
    expect((await s.outcome(empty.json.processInstanceKey)).variables.payload).toEqual({});

    const before = (await s.instances()).length;
    const malformed = await s.post('/inbound/bodies', '{"a": 1,}');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('WEBHOOK_BODY_INVALID');
    expect(malformed.text).not.toContain('"a": 1');
    const vendorJson = await s.send('/inbound/bodies', { body: '{oops', headers: { 'content-type': 'application/vnd.api+json' } });
    expect(vendorJson.status).toBe(400);
    expect(await s.instances()).toHaveLength(before);
  });

  it('404 for an unknown ID, 405 for a method the webhook does not accept, 413 over the body cap', async () => {
    s = await startWebhookServer({ env: { WEFT_WEBHOOK_BODY_LIMIT: '1024' } });
    await s.deploy(webhookStartProcess('strict', { 'inbound.context': 'post-only', 'inbound.method': 'post' }));
    const unknown = await s.post('/inbound/nobody-here', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await s.post('/inbound/not..valid', {})).status).toBe(404);

    const get = await s.send('/inbound/post-only', { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.json.error.code).toBe('WEBHOOK_METHOD_NOT_ALLOWED');
    expect((await s.send('/inbound/post-only', { method: 'PUT', body: '{}' })).status).toBe(405);

    const big = await s.post('/inbound/post-only', { data: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('WEBHOOK_BODY_TOO_LARGE');
    expect(await s.instances()).toHaveLength(0);
    expect((await s.post('/inbound/post-only', { small: true })).status).toBe(200);
    expect(s.statuses).toEqual([404, 404, 405, 405, 413, 200]);
  });

  it('method any accepts GET, POST, PUT, DELETE and PATCH', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('anything', { 'inbound.context': 'anything', 'inbound.method': 'any' }));
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await s.send('/inbound/anything', { method })).status, method).toBe(200);
    }
    // HEAD (and OPTIONS) are not webhook methods: nothing starts.
    expect((await s.send('/inbound/anything', { method: 'HEAD' })).status).toBe(404);
    expect(await s.instances()).toHaveLength(5);
  });
});

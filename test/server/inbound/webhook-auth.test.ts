import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer();
  // A FEEL failure in the activation condition would answer 422: a 401 proves nothing ran.
  const failsIfEvaluated = '=bpmnError(request.body.nothing, "fails when evaluated") != null';
  await s.deploy(webhookStartProcess('basic', {
    'inbound.context': 'basic',
    'inbound.auth.type': 'BASIC',
    'inbound.auth.username': 'hook',
    'inbound.auth.password': 'p@ss:word',
    activationCondition: failsIfEvaluated,
  }));
  await s.deploy(webhookStartProcess('basic-ok', { 'inbound.context': 'basic-ok', 'inbound.auth.type': 'BASIC', 'inbound.auth.username': 'hook', 'inbound.auth.password': 'p@ss:word' }));
  await s.deploy(webhookStartProcess('apikey-header', {
    'inbound.context': 'apikey-header',
    'inbound.auth.type': 'APIKEY',
    'inbound.auth.apiKey': 'k-123',
    // The element templates' default locator.
    'inbound.auth.apiKeyLocator': '=split(request.headers.authorization, " ")[2]',
  }));
  await s.deploy(webhookStartProcess('apikey-body', {
    'inbound.context': 'apikey-body',
    'inbound.auth.type': 'APIKEY',
    'inbound.auth.apiKey': 'k-body',
    'inbound.auth.apiKeyLocator': '=request.body.secret',
    activationCondition: failsIfEvaluated,
  }));
});
afterAll(async () => s?.close());

describe('webhook authorization', () => {
  it('BASIC: accepts the configured credentials, 401 for missing, wrong or malformed ones', async () => {
    expect((await s.post('/inbound/basic-ok', {}, { authorization: basic('hook', 'p@ss:word') })).status).toBe(200);
    for (const authorization of [undefined, basic('hook', 'wrong'), basic('other', 'p@ss:word'), 'Basic !!!', 'Bearer k-123', 'Basic ']) {
      const answer = await s.post('/inbound/basic-ok', {}, authorization === undefined ? {} : { authorization });
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.json.error.code).toBe('WEBHOOK_UNAUTHORIZED');
    }
    expect((await s.post('/inbound/basic-ok', {})).json.error.description).toBe('authorization is missing');
  });

  it('BASIC: a refused request is not parsed or evaluated (401, not 400 or 422)', async () => {
    expect((await s.post('/inbound/basic', '{"broken json', { authorization: basic('hook', 'nope') })).status).toBe(401);
    expect((await s.post('/inbound/basic', {}, { authorization: basic('hook', 'nope') })).status).toBe(401);
    // With the right credentials the same requests get as far as parsing and evaluating.
    expect((await s.post('/inbound/basic', '{"broken json', { authorization: basic('hook', 'p@ss:word') })).status).toBe(400);
    const evaluated = await s.post('/inbound/basic', {}, { authorization: basic('hook', 'p@ss:word') });
    expect(evaluated.status).toBe(422);
    expect(evaluated.json.error.code).toBe('WEBHOOK_FEEL_FAILED');
  });

  it('APIKEY with the template default locator (Authorization: Bearer <key>)', async () => {
    expect((await s.post('/inbound/apikey-header', {}, { authorization: 'Bearer k-123' })).status).toBe(200);
    expect((await s.post('/inbound/apikey-header', {}, { authorization: 'Bearer k-1234' })).status).toBe(401);
    expect((await s.post('/inbound/apikey-header', {}, { authorization: 'Bearer' })).status).toBe(401);
    expect((await s.post('/inbound/apikey-header', {})).status).toBe(401);
  });

  it('APIKEY located in the body; nothing else is evaluated when the key is wrong', async () => {
    expect((await s.post('/inbound/apikey-body', { secret: 'wrong' })).status).toBe(401);
    expect((await s.post('/inbound/apikey-body', '{"secret": "k-body",')).status).toBe(401);
    const right = await s.post('/inbound/apikey-body', { secret: 'k-body' });
    expect(right.status).toBe(422);
    expect(right.json.error.code).toBe('WEBHOOK_FEEL_FAILED');
  });

  it('auth failures are counted and logged without credentials', async () => {
    const statuses = s.statuses.length;
    await s.post('/inbound/basic-ok', {}, { authorization: basic('hook', 'guess-123') });
    expect(s.statuses.slice(statuses)).toEqual([401]);
    const logs = s.logs.join('');
    expect(logs).not.toContain('guess-123');
    expect(logs).not.toContain(Buffer.from('hook:guess-123').toString('base64'));
    expect(logs).toContain('WEBHOOK_UNAUTHORIZED');
  });
});

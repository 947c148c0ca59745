import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { Answer, WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

const HMAC_CANARY = 'canary-hmac-4f9c1e2ab7d3';
const APIKEY_CANARY = 'canary-apikey-81d0e5c2f6aa';
const answers: Answer[] = [];

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer({ env: { WEFT_SECRET_HOOK_HMAC: HMAC_CANARY } });
  await s.connectors.runtime.workspaceVault.saveSecret('default', 'INBOUND_KEY', APIKEY_CANARY);
  const echo = { resultVariable: 'event', 'inbound.responseExpression': '={body: {echo: request.body}}', 'inbound.replay.deliveryIdHeader': 'x-delivery' };
  const hmac = { 'inbound.shouldValidateHmac': 'enabled', 'inbound.hmacHeader': 'x-hub-signature-256', 'inbound.hmacAlgorithm': 'sha_256' };
  await s.deploy(webhookStartProcess('env-secret', { ...echo, ...hmac, 'inbound.context': 'env-secret', 'inbound.hmacSecret': '{{secrets.HOOK_HMAC}}' }));
  await s.deploy(webhookStartProcess('bare-secret', { ...echo, ...hmac, 'inbound.context': 'bare-secret', 'inbound.hmacSecret': 'secrets.HOOK_HMAC' }));
  await s.deploy(webhookStartProcess('feel-secret', { ...echo, ...hmac, 'inbound.context': 'feel-secret', 'inbound.hmacSecret': '="{{secrets.HOOK_HMAC}}"' }));
  await s.deploy(webhookStartProcess('vault-key', {
    ...echo,
    'inbound.context': 'vault-key',
    'inbound.auth.type': 'APIKEY',
    'inbound.auth.apiKey': '{{secrets.INBOUND_KEY}}',
    'inbound.auth.apiKeyLocator': '=request.body.token',
  }));
  await s.deploy(webhookStartProcess('query-key', {
    'inbound.context': 'query-key',
    'inbound.auth.type': 'APIKEY',
    'inbound.auth.apiKey': '{{secrets.INBOUND_KEY}}',
    'inbound.auth.apiKeyLocator': '=request.params.key',
    resultVariable: 'event',
  }));
  await s.deploy(webhookStartProcess('missing-secret', { ...hmac, 'inbound.context': 'missing-secret', 'inbound.hmacSecret': '{{secrets.NOT_THERE}}' }));
});
afterAll(async () => s?.close());

async function keep(answer: Promise<Answer>): Promise<Answer> {
  const a = await answer;
  answers.push(a);
  return a;
}

describe('webhook secrets', () => {
  for (const id of ['env-secret', 'bare-secret', 'feel-secret']) {
    it(`${id}: resolves the HMAC secret from WEFT_SECRET_HOOK_HMAC and masks it everywhere`, async () => {
      // A careless sender puts the secret itself into the payload.
      const body = JSON.stringify({ note: `leaked ${HMAC_CANARY} here`, n: 1 });
      const signature = `sha256=${createHmac('sha256', HMAC_CANARY).update(body).digest('hex')}`;
      const ok = await keep(s.send(`/inbound/${id}`, { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'x-delivery': `d-${id}` } }));
      expect(ok.status).toBe(200);
      expect(ok.json.echo).toEqual({ note: 'leaked *** here', n: 1 });
      const replayed = await keep(s.send(`/inbound/${id}`, { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'x-delivery': `d-${id}` } }));
      expect(replayed.json).toEqual(ok.json);
      const bad = await keep(s.send(`/inbound/${id}`, { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00', 'x-delivery': 'd-bad' } }));
      expect(bad.status).toBe(401);
    });
  }

  it('resolves an API key from the workspace secret store and masks it in variables and responses', async () => {
    const ok = await keep(s.post('/inbound/vault-key', { token: APIKEY_CANARY, data: 'x' }, { 'x-delivery': 'v-1' }));
    expect(ok.status).toBe(200);
    expect(ok.json.echo).toEqual({ token: '***', data: 'x' });
    const instances = await s.instances();
    const variables = (await s.outcome(instances[instances.length - 1]!)).variables as { event: { request: { body: unknown } } };
    expect(variables.event.request.body).toEqual({ token: '***', data: 'x' });
    expect((await keep(s.post('/inbound/vault-key', { token: 'guess' }, { 'x-delivery': 'v-2' }))).status).toBe(401);
  });

  it('an API key sent in the query string is masked in variables and kept out of the access log', async () => {
    const ok = await keep(s.send(`/inbound/query-key?key=${APIKEY_CANARY}&page=2`, { body: '{}', headers: { 'content-type': 'application/json' } }));
    expect(ok.status).toBe(200);
    const { variables } = await s.outcome(ok.json.processInstanceKey);
    expect((variables.event as { request: { params: unknown } }).request.params).toEqual({ key: '***', page: '2' });
  });

  it('resolves secrets in the workspace the request names', async () => {
    await s.tenancy.orgs.create('default');
    await s.tenancy.workspaces.create('ops', 'default');
    const unresolved = await keep(s.post('/inbound/ops/vault-key', { token: APIKEY_CANARY }, { 'x-delivery': 'o-1' }));
    expect(unresolved.status).toBe(500);
    expect(unresolved.json.error.code).toBe('WEBHOOK_SECRET_UNAVAILABLE');
    await s.connectors.runtime.workspaceVault.saveSecret('ops', 'INBOUND_KEY', 'ops-key-value');
    expect((await keep(s.post('/inbound/ops/vault-key', { token: APIKEY_CANARY }, { 'x-delivery': 'o-2' }))).status).toBe(401);
    const ok = await keep(s.post('/inbound/ops/vault-key', { token: 'ops-key-value' }, { 'x-delivery': 'o-3' }));
    expect(ok.status).toBe(200);
    expect(ok.json.echo.token).toBe('***');
  });

  it('a secret that is not available answers 500 without naming it to the caller', async () => {
    const answer = await keep(s.post('/inbound/missing-secret', {}, { 'x-hub-signature-256': 'sha256=00' }));
    expect(answer.status).toBe(500);
    expect(answer.json.error.code).toBe('WEBHOOK_SECRET_UNAVAILABLE');
    expect(answer.text).not.toContain('NOT_THERE');
    expect(s.logs.join('')).toContain('NOT_THERE');
  });

  it('the canaries appear in no answer, no log line and no database byte', async () => {
    await s.engine.stop(100);
    const everything = [answers.map((a) => a.text + JSON.stringify([...a.headers])).join('\n'), s.logs.join('\n'), s.databaseBytes().toString('latin1')];
    for (const text of everything) {
      expect(text).not.toContain(HMAC_CANARY);
      expect(text).not.toContain(APIKEY_CANARY);
    }
    expect(answers.length).toBeGreaterThan(8);
  });
});

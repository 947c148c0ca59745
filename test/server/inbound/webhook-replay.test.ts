import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { WebhookDeliveryRepository } from '../../../models/index.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

let s: WebhookServer;
afterEach(async () => s?.close());

const seconds = () => Math.floor(s.clock.now() / 1000);

describe('replay protection: time window', () => {
  it('accepts a timestamp within the tolerance (Unix seconds, milliseconds, ISO dates); 401 outside or without', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('timed', { 'inbound.context': 'timed', 'inbound.replay.timestampHeader': 'X-Timestamp', 'inbound.replay.toleranceSeconds': '60' }));
    const now = s.clock.now();
    const fresh = [String(seconds()), String(seconds() - 59), String(seconds() + 59), String(now), new Date(now - 30_000).toISOString(), new Date(now).toUTCString()];
    for (const stamp of fresh) expect((await s.post('/inbound/timed', {}, { 'x-timestamp': stamp })).status, stamp).toBe(200);
    const stale = [String(seconds() - 61), String(seconds() + 61), String(now - 3_600_000), '2020-01-01T00:00:00Z', 'yesterday', '', '12abc'];
    for (const stamp of stale) {
      const answer = await s.post('/inbound/timed', {}, { 'x-timestamp': stamp });
      expect(answer.status, stamp).toBe(401);
      expect(answer.json.error.code).toBe('WEBHOOK_REPLAY_REJECTED');
    }
    expect((await s.post('/inbound/timed', {})).json.error.description).toBe('the timestamp header x-timestamp is missing');
    s.clock.advance(10 * 60_000);
    expect((await s.post('/inbound/timed', {}, { 'x-timestamp': String(seconds()) })).status).toBe(200);
  });

  it('signTimestamp: the HMAC covers "<timestamp>.<raw body>", so the timestamp cannot be refreshed', async () => {
    s = await startWebhookServer();
    await s.deploy(webhookStartProcess('stripe-like', {
      'inbound.context': 'stripe-like',
      'inbound.shouldValidateHmac': 'enabled',
      'inbound.hmacSecret': 'whsec',
      'inbound.hmacHeader': 'x-sig',
      'inbound.hmacAlgorithm': 'sha_256',
      'inbound.replay.timestampHeader': 'x-ts',
      'inbound.replay.signTimestamp': 'enabled',
    }));
    const body = '{"event":"paid"}';
    const sign = (ts: string) => createHmac('sha256', 'whsec').update(`${ts}.${body}`).digest('hex');
    const ts = String(seconds());
    const headers = (stamp: string, signature: string) => ({ 'content-type': 'application/json', 'x-ts': stamp, 'x-sig': signature });
    expect((await s.send('/inbound/stripe-like', { body, headers: headers(ts, sign(ts)) })).status).toBe(200);
    // The body alone signed: refused.
    const bodyOnly = createHmac('sha256', 'whsec').update(body).digest('hex');
    expect((await s.send('/inbound/stripe-like', { body, headers: headers(ts, bodyOnly) })).status).toBe(401);
    // An old, validly signed request with a refreshed timestamp: the signature no longer matches.
    const old = String(seconds() - 3600);
    expect((await s.send('/inbound/stripe-like', { body, headers: headers(old, sign(old)) })).json.error.code).toBe('WEBHOOK_REPLAY_REJECTED');
    expect((await s.send('/inbound/stripe-like', { body, headers: headers(ts, sign(old)) })).json.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });
});

describe('replay protection: delivery ids', () => {
  const deliveryProcess = (extra: Record<string, string> = {}) =>
    webhookStartProcess('deliveries', { 'inbound.context': 'deliveries', 'inbound.replay.deliveryIdHeader': 'X-GitHub-Delivery', 'inbound.replay.retentionSeconds': '3600', ...extra });

  it('the same delivery id gets the same answer and starts one instance; another id starts another', async () => {
    s = await startWebhookServer();
    await s.deploy(deliveryProcess());
    const first = await s.post('/inbound/deliveries', { n: 1 }, { 'x-github-delivery': 'd-1' });
    expect(first.status).toBe(200);
    const again = await s.post('/inbound/deliveries', { n: 2 }, { 'x-github-delivery': 'd-1' });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await s.instances()).toHaveLength(1);
    const other = await s.post('/inbound/deliveries', { n: 1 }, { 'x-github-delivery': 'd-2' });
    expect(other.json.processInstanceKey).not.toBe(first.json.processInstanceKey);
    const missing = await s.post('/inbound/deliveries', { n: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('WEBHOOK_DELIVERY_ID_MISSING');
    expect(await s.instances()).toHaveLength(2);
  });

  it('concurrent requests with one delivery id start exactly one instance and all get its answer', async () => {
    s = await startWebhookServer();
    await s.deploy(deliveryProcess());
    const answers = await Promise.all(Array.from({ length: 12 }, () => s.post('/inbound/deliveries', { n: 1 }, { 'x-github-delivery': 'burst' })));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await s.instances()).toHaveLength(1);
  });

  it('an id is forgotten after the retention; a failure that changed nothing is not remembered', async () => {
    s = await startWebhookServer();
    await s.deploy(deliveryProcess({ activationCondition: '=request.body.go = true' }));
    const refused = await s.post('/inbound/deliveries', { go: false }, { 'x-github-delivery': 'd-9' });
    expect(refused.status).toBe(422);
    // The retry (same delivery id, the sender fixed the payload) is processed, not replayed.
    const retried = await s.post('/inbound/deliveries', { go: true }, { 'x-github-delivery': 'd-9' });
    expect(retried.status).toBe(200);
    expect((await s.post('/inbound/deliveries', { go: true }, { 'x-github-delivery': 'd-9' })).text).toBe(retried.text);
    s.clock.advance(3601 * 1000);
    const later = await s.post('/inbound/deliveries', { go: true }, { 'x-github-delivery': 'd-9' });
    expect(later.json.processInstanceKey).not.toBe(retried.json.processInstanceKey);
    expect(await s.instances()).toHaveLength(2);
  });

  it('answers 409 while the first request still runs; takes over a claim whose lease ran out', async () => {
    s = await startWebhookServer({ dedupTiming: { waitMs: 150, pollMs: 10 } });
    await s.deploy(deliveryProcess());
    // Another node (or a request that died) claimed the id a moment ago.
    const repository = new WebhookDeliveryRepository(s.handle.kysely);
    const key = { workspaceId: 'default', webhookId: 'deliveries', kind: 'delivery' as const, id: 'd-busy' };
    expect(await repository.claim(key, s.clock.now(), s.clock.now() + 3_600_000, 60_000)).toEqual({ state: 'claimed' });
    const busy = await s.post('/inbound/deliveries', {}, { 'x-github-delivery': 'd-busy' });
    expect(busy.status).toBe(409);
    expect(busy.json.error.code).toBe('WEBHOOK_DELIVERY_IN_PROGRESS');
    expect(await s.instances()).toHaveLength(0);
    s.clock.advance(61_000);
    const taken = await s.post('/inbound/deliveries', {}, { 'x-github-delivery': 'd-busy' });
    expect(taken.status).toBe(200);
    expect(await s.instances()).toHaveLength(1);
  });

  it('an answer given after the process moved is remembered even when it is an error', async () => {
    s = await startWebhookServer();
    await s.deploy(deliveryProcess({ 'inbound.responseExpression': '={statusCode: "not a number"}' }));
    const first = await s.post('/inbound/deliveries', {}, { 'x-github-delivery': 'd-x' });
    expect(first.status).toBe(422);
    expect(first.json.error.code).toBe('WEBHOOK_FEEL_FAILED');
    const again = await s.post('/inbound/deliveries', {}, { 'x-github-delivery': 'd-x' });
    expect(again.text).toBe(first.text);
    expect(await s.instances()).toHaveLength(1);
  });
});

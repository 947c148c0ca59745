import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from './support/webhook-server.js';
import type { WebhookServer } from './support/webhook-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

const SECRET = 'shared-hmac-key';
const ALGORITHMS = [
  ['sha_1', 'sha1'],
  ['sha_256', 'sha256'],
  ['sha_512', 'sha512'],
] as const;

function sign(digest: string, body: string | Buffer, secret = SECRET) {
  return createHmac(digest, secret).update(body).digest();
}

let s: WebhookServer;
beforeAll(async () => {
  s = await startWebhookServer();
  for (const [algorithm] of ALGORITHMS) {
    await s.deploy(webhookStartProcess(`signed-${algorithm.replace('_', '')}`, {
      'inbound.context': `signed-${algorithm.replace('_', '')}`,
      'inbound.shouldValidateHmac': 'enabled',
      'inbound.hmacSecret': SECRET,
      'inbound.hmacHeader': 'X-Signature',
      'inbound.hmacAlgorithm': algorithm,
      // Reached only once the signature passed (a refused request is answered 401 before).
      activationCondition: '=request.body.ok = true',
      resultExpression: '={got: request.body}',
    }));
  }
});
afterAll(async () => s?.close());

describe('HMAC validation over the raw body', () => {
  for (const [algorithm, digest] of ALGORITHMS) {
    const path = `/inbound/signed-${algorithm.replace('_', '')}`;
    const body = '{"ok": true,  "n": 1}';
    const formats: [string, string][] = [
      ['hex', sign(digest, body).toString('hex')],
      ['upper-case hex', sign(digest, body).toString('hex').toUpperCase()],
      [`${digest}=<hex>`, `${digest}=${sign(digest, body).toString('hex')}`],
      ['base64', sign(digest, body).toString('base64')],
      ['base64url', sign(digest, body).toString('base64url')],
      [`${digest}=<base64>`, `${digest}=${sign(digest, body).toString('base64')}`],
    ];
    for (const [format, signature] of formats) {
      it(`${algorithm}: accepts the signature as ${format}`, async () => {
        const answer = await s.send(path, { body, headers: { 'content-type': 'application/json', 'x-signature': signature } });
        expect(answer.status).toBe(200);
        expect((await s.outcome(answer.json.processInstanceKey)).variables.got).toEqual({ ok: true, n: 1 });
      });
    }

    it(`${algorithm}: refuses a wrong, truncated, missing or other-key signature with 401`, async () => {
      const good = sign(digest, body).toString('hex');
      const bad = [good.replace(/^./, good[0] === 'a' ? 'b' : 'a'), good.slice(0, -2), sign(digest, body, 'other-key').toString('hex'), 'sha256=', ''];
      for (const signature of bad) {
        const answer = await s.send(path, { body, headers: { 'content-type': 'application/json', 'x-signature': signature } });
        expect(answer.status, signature).toBe(401);
        expect(answer.json.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      }
      const missing = await s.send(path, { body, headers: { 'content-type': 'application/json' } });
      expect(missing.status).toBe(401);
      expect(missing.json.error.description).toBe('the HMAC signature header is missing');
    });
  }

  it('signs the raw bytes: the same JSON with other whitespace or key order fails', async () => {
    const sent = '{"ok":true,"n":1}';
    const signature = sign('sha256', sent).toString('hex');
    const path = '/inbound/signed-sha256';
    for (const body of ['{"ok": true, "n": 1}', '{"n":1,"ok":true}', `${sent}\n`]) {
      const answer = await s.send(path, { body, headers: { 'content-type': 'application/json', 'x-signature': signature } });
      expect(answer.status, body).toBe(401);
    }
    expect((await s.send(path, { body: sent, headers: { 'content-type': 'application/json', 'x-signature': signature } })).status).toBe(200);
    // Non-UTF-8 bytes are signed as received, too.
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x7b]);
    const answer = await s.send(path, { body: binary, headers: { 'content-type': 'application/octet-stream', 'x-signature': sign('sha256', binary).toString('hex') } });
    // Signed correctly; the activation condition then sees text, not {ok: true}: 422.
    expect(answer.status).toBe(422);
    expect(answer.json.error.code).toBe('WEBHOOK_ACTIVATION_CONDITION_NOT_MET');
  });

  it('parses and evaluates nothing before the signature passes', async () => {
    const before = (await s.instances()).length;
    const malformed = '{"ok": tru';
    const unsigned = await s.send('/inbound/signed-sha256', { body: malformed, headers: { 'content-type': 'application/json', 'x-signature': 'deadbeef' } });
    expect(unsigned.status).toBe(401);
    const signed = await s.send('/inbound/signed-sha256', { body: malformed, headers: { 'content-type': 'application/json', 'x-signature': sign('sha256', malformed).toString('hex') } });
    expect(signed.status).toBe(400);
    expect(await s.instances()).toHaveLength(before);
  });
});

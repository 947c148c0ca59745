import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Spy on node:crypto's timingSafeEqual as the webhook modules import it.
const spy = vi.hoisted(() => ({ calls: [] as [Buffer, Buffer][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      spy.calls.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { constantTimeEqual, signatureMatches } = await import('../../../server/inbound/hmac-signature.js');

beforeEach(() => {
  spy.calls.length = 0;
});

describe('constant-time comparison', () => {
  it('compares HMAC signatures with timingSafeEqual over the decoded digest, for every spelling', async () => {
    const body = Buffer.from('{"a":1}');
    const digest = createHmac('sha256', 'k').update(body).digest();
    for (const provided of [digest.toString('hex'), `sha256=${digest.toString('hex')}`, digest.toString('base64')]) {
      spy.calls.length = 0;
      expect(signatureMatches('sha_256', 'k', body, provided)).toBe(true);
      expect(spy.calls.some(([a, b]) => a.equals(digest) && b.equals(digest))).toBe(true);
    }
    spy.calls.length = 0;
    const wrong = Buffer.from(digest);
    wrong[31] ^= 1;
    expect(signatureMatches('sha_256', 'k', body, wrong.toString('hex'))).toBe(false);
    expect(spy.calls).toHaveLength(1);
    expect(spy.calls[0]![1].equals(digest)).toBe(true);
  });

  it('a mismatch costs the same comparisons as a match', () => {
    const body = Buffer.from('x');
    const good = createHmac('sha256', 'k').update(body).digest('hex');
    const bad = createHmac('sha256', 'other').update(body).digest('hex');
    for (const provided of [good, bad, `v1=${good}`, `v1=${bad}`]) {
      spy.calls.length = 0;
      signatureMatches('sha_256', 'k', body, provided);
      expect(spy.calls, provided).toHaveLength(1);
    }
  });

  it('compares credentials through fixed-length hashes (no length or prefix timing)', () => {
    expect(constantTimeEqual('user:password', 'user:password')).toBe(true);
    expect(constantTimeEqual('user:password', 'user:passwore')).toBe(false);
    expect(constantTimeEqual('short', 'a much longer text')).toBe(false);
    expect(spy.calls).toHaveLength(3);
    for (const [a, b] of spy.calls) expect([a.length, b.length]).toEqual([32, 32]);
  });

  it('the request guard uses them for HMAC, BASIC and API keys', async () => {
    const { guardRequest } = await import('../../../server/inbound/request-guard.js');
    const { readWebhookConfig } = await import('../../../server/inbound/read-webhook-config.js');
    const read = readWebhookConfig({
      'inbound.context': 'g',
      'inbound.shouldValidateHmac': 'enabled',
      'inbound.hmacSecret': 'k',
      'inbound.hmacHeader': 'x-sig',
      'inbound.auth.type': 'BASIC',
      'inbound.auth.username': 'u',
      'inbound.auth.password': 'p',
    });
    if (!read.ok) throw new Error('config');
    const rawBody = Buffer.from('{}');
    const headers = { 'x-sig': createHmac('sha256', 'k').update(rawBody).digest('hex'), authorization: `Basic ${Buffer.from('u:p').toString('base64')}` };
    guardRequest({ config: read.config, secrets: { hmacSecret: 'k', username: 'u', password: 'p', apiKey: '' }, rawBody, headers, now: 0, locateApiKey: () => null });
    // One call for the signature, one for the credentials.
    expect(spy.calls).toHaveLength(2);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/serve/start-server.js';
import type { RunningServer } from '../../../server/serve/start-server.js';
import { webhookStartProcess } from './support/webhook-bpmn.js';

let server: RunningServer;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-serve-webhooks-'));
  server = await startServer({
    env: { WEFT_PORT: '0', WEFT_DATA_DIR: dir, WEFT_ADMIN_TOKEN: 'test-admin-token-0123456789', WEFT_WEBHOOK_BODY_LIMIT: '2048' },
    print: () => undefined,
    logDestination: new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) }),
  });
  await server.context.engine.deploy([{ name: 'hook.bpmn', xml: webhookStartProcess('served', { 'inbound.context': 'served', 'inbound.method': 'post' }) }], { orgId: 'default' });
  await server.context.engine.deploy(
    [{ name: 'dedup.bpmn', xml: webhookStartProcess('deduped', { 'inbound.context': 'deduped', 'inbound.replay.deliveryIdHeader': 'x-delivery-id' }) }],
    { orgId: 'default' },
  );
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhooks in weft serve (the real app)', () => {
  it('are public (no API token), answered by the webhook plugin, and counted in /metrics', async () => {
    const answer = await fetch(`${server.url}/inbound/served`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { processInstanceKey: string };
    expect(body.processInstanceKey).toEqual(expect.any(String));
    expect((await fetch(`${server.url}/inbound/default/served`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${server.url}/inbound/unknown`, { method: 'POST' })).status).toBe(404);
    const big = await fetch(`${server.url}/inbound/served`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(4096) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_BODY_TOO_LARGE');
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer test-admin-token-0123456789' } })).text();
    for (const status of ['200', '404', '405', '413']) expect(metrics).toContain(`weft_webhook_requests_total{status="${status}"} 1`);
  });

  it('deduplicate deliveries with the server\'s own store: same delivery id, same answer, one instance', async () => {
    const send = () =>
      fetch(`${server.url}/inbound/deduped`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-delivery-id': 'evt-1' }, body: '{"n":1}' });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(await first.text());
    const instances = await server.context.engine.store.listInstances({ bpmnProcessId: 'deduped', limit: 10 });
    expect(instances).toHaveLength(1);
  });
});

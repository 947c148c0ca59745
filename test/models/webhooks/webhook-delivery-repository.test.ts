import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookDeliveryRepository, openSqlite } from '../../../models/index.js';
import type { SqliteHandle } from '../../../models/index.js';

let dir: string;
let handle: SqliteHandle;
let repo: WebhookDeliveryRepository;
const key = { workspaceId: 'default', webhookId: 'orders', kind: 'delivery' as const, id: 'd-1' };
const answer = { status: 200, headers: { 'x-a': '1' }, body: { processInstanceKey: '7' } };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-deliveries-'));
  handle = await openSqlite({ path: join(dir, 'weft.db') });
  repo = new WebhookDeliveryRepository(handle.kysely);
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('WebhookDeliveryRepository', () => {
  it('claims an id once; repetitions see pending, then the stored answer', async () => {
    expect(await repo.claim(key, 1000, 10_000, 500)).toEqual({ state: 'claimed' });
    expect(await repo.claim(key, 1001, 10_000, 500)).toEqual({ state: 'pending' });
    await repo.complete(key, answer);
    expect(await repo.claim(key, 1002, 10_000, 500)).toEqual({ state: 'done', answer });
  });

  it('keys are scoped by workspace, webhook and kind', async () => {
    await repo.claim(key, 1000, 10_000, 500);
    for (const other of [{ ...key, workspaceId: 'ops' }, { ...key, webhookId: 'other' }, { ...key, kind: 'message' as const }, { ...key, id: 'd-2' }]) {
      expect(await repo.claim(other, 1000, 10_000, 500)).toEqual({ state: 'claimed' });
    }
  });

  it('a pending claim past its lease is taken over by exactly one claimer', async () => {
    await repo.claim(key, 1000, 100_000, 500);
    expect(await repo.claim(key, 1400, 100_000, 500)).toEqual({ state: 'pending' });
    const [a, b] = await Promise.all([repo.claim(key, 1600, 100_000, 500), repo.claim(key, 1600, 100_000, 500)]);
    expect([a, b].filter((c) => c.state === 'claimed')).toHaveLength(1);
  });

  it('released or expired ids can be claimed again; only the hash of an id is stored', async () => {
    await repo.claim(key, 1000, 2000, 500);
    await repo.release(key);
    expect(await repo.claim(key, 1000, 2000, 500)).toEqual({ state: 'claimed' });
    await repo.complete(key, answer);
    expect(await repo.claim(key, 2000, 5000, 500)).toEqual({ state: 'claimed' });
    const rows = await handle.kysely.selectFrom('webhook_deliveries').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dedup_key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain('d-1');
  });
});

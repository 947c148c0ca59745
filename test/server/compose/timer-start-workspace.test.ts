import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import { OrgRepository, WorkspaceRepository } from '../../../models/index.js';
import { openEmbeddedEngine } from '../../../server/compose/embedded-engine.js';
import type { EmbeddedEngine } from '../../../server/compose/embedded-engine.js';
import { bpmn, chain, timerStart } from '../../support/bpmn.js';

let embedded: EmbeddedEngine | undefined;
let dir: string;
afterEach(async () => {
  await embedded?.close(100);
  rmSync(dir, { recursive: true, force: true });
});

describe('timer-started instances and tenancy', () => {
  it('run in a workspace of the deploying org, never in another org', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-timer-ws-'));
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    embedded = await openEmbeddedEngine({ path: join(dir, 'weft.db'), clock, env: { WEFT_MASTER_KEY: 'ab'.repeat(32) } });
    const { engine, handle } = embedded;
    await new OrgRepository(handle.kysely).create('acme');
    const workspaces = new WorkspaceRepository(handle.kysely);
    await workspaces.create('acme-ops', 'acme');
    await engine.start();
    await engine.deploy([{ name: 'tick.bpmn', xml: bpmn('tick', `${timerStart('start', 'timeDate', '2026-01-01T00:00:10Z')}\n    <bpmn:endEvent id="end" />\n${chain('start', 'end')}`) }], { orgId: 'acme' });
    clock.advance(60_000);
    await engine.runDue();
    const [instance, ...others] = await engine.store.listInstances({ bpmnProcessId: 'tick', limit: 10 });
    expect(others).toEqual([]);
    expect(instance).toMatchObject({ orgId: 'acme', workspaceId: 'acme-ops', state: 'completed' });
  });
});

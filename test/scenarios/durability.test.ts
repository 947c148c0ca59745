import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bpmn, chain, serviceTask, timerCatch, timerStart } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { elementsWith, jobsOf, rootVariables, stateOf, until } from '../support/scenario-queries.js';

const MINUTE = 60_000;
let dir: string;
const open: Harness[] = [];

async function harness(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = await createHarness({ dir, ...options });
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const waitsForJob = bpmn('waitsForJob', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`);

const waitsForTimer = bpmn('waitsForTimer', `
    <bpmn:startEvent id="start" />
${timerCatch('wait', 'timeDuration', 'PT10M')}
    <bpmn:endEvent id="end" />
${chain('start', 'wait', 'end')}`);

describe('durability across restarts', () => {
  it('a job waiting when the engine stopped is completed on a new engine over the same database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-durable-'));
    const first = await harness();
    await first.deploy(waitsForJob);
    const key = await first.start('waitsForJob', { before: 1 });
    await first.close();

    const second = await harness();
    expect(await stateOf(second, key)).toBe('active');
    const [job] = await second.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: MINUTE, worker: 'w' });
    expect(job).toMatchObject({ processInstanceKey: key, variables: { before: 1 } });
    await second.engine.completeJob(job!.key, { after: 2 });
    expect(await stateOf(second, key)).toBe('completed');
    expect(await rootVariables(second, key)).toEqual({ before: 1, after: 2 });
    // New keys never collide with the ones the first engine handed out.
    const other = await second.start('waitsForJob');
    expect(Number(other)).toBeGreaterThan(Number(job!.key));
  });

  it('a timer waiting when the engine stopped fires on the new engine', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-durable-'));
    const first = await harness();
    await first.deploy(waitsForTimer);
    const key = await first.start('waitsForTimer');
    await first.close();

    const second = await harness();
    second.clock.advance(10 * MINUTE);
    await second.engine.runDue();
    expect(await stateOf(second, key)).toBe('completed');
    expect(await elementsWith(second, key, 'TIMER_TRIGGERED')).toEqual(['wait']);
  });

  it('a timer that fell due while the engine was down fires once, right after the restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-durable-'));
    const first = await harness();
    await first.deploy(waitsForTimer);
    const key = await first.start('waitsForTimer');
    await first.close();

    const second = await harness({ start: false });
    second.clock.advance(3 * 60 * MINUTE); // down for three hours
    await second.engine.start(); // the scheduler checks what is due at once
    await until(second, async () => (await stateOf(second, key)) === 'completed');
    await second.engine.runDue();
    await second.engine.runDue();
    expect(await elementsWith(second, key, 'TIMER_TRIGGERED')).toEqual(['wait']);
    expect(await elementsWith(second, key, 'ELEMENT_COMPLETED')).toEqual(['start', 'wait', 'end']);
  });

  it('a timer start event registered before the restart fires after it, once per due time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-durable-'));
    const first = await harness();
    await first.deploy(bpmn('hourlyDurable', `
${timerStart('start', 'timeCycle', 'R2/PT1H')}
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    await first.close();

    const second = await harness();
    second.clock.advance(60 * MINUTE);
    await second.engine.runDue();
    await second.engine.runDue();
    expect(await second.store.listInstances({ bpmnProcessId: 'hourlyDurable', limit: 10 })).toHaveLength(1);
    second.clock.advance(60 * MINUTE);
    await second.engine.runDue();
    second.clock.advance(60 * MINUTE);
    await second.engine.runDue();
    expect(await second.store.listInstances({ bpmnProcessId: 'hourlyDurable', limit: 10 })).toHaveLength(2);
  });

  it('a job leased to an in-process handler of a crashed run is taken back at the next start', async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-durable-'));
    // The first run's handler never answers, and the run dies without shutting down.
    const first = await createHarness({ dir, onError: () => undefined });
    first.engine.registerJobHandler({ type: 'ext', handler: () => new Promise(() => undefined) });
    await first.deploy(waitsForJob);
    const key = await first.start('waitsForJob');
    await until(first, async () => (await jobsOf(first, key))[0]?.state === 'activated');
    await first.store.close();

    const second = await harness({ start: false });
    let handled = 0;
    second.engine.registerJobHandler({ type: 'ext', handler: async () => ({ kind: 'complete', variables: { handled: ++handled } }) });
    await second.engine.start();
    await until(second, async () => (await stateOf(second, key)) === 'completed');
    expect(await rootVariables(second, key)).toEqual({ handled: 1 });
  });
});

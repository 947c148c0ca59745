import { afterEach, describe, expect, it, vi } from 'vitest';
import { bpmn, chain, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { rootVariables, stateOf } from '../support/scenario-queries.js';

const waitsForJob = bpmn('waitsForJob', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Start `count` instances that wait at a job; then complete every job, counting database reads per instance. */
async function startThenComplete(instanceCacheSize: number | undefined, count: number): Promise<{ keys: string[]; reads: Map<string, number> }> {
  h = await createHarness(instanceCacheSize === undefined ? {} : { instanceCacheSize });
  await h.deploy(waitsForJob);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(await h.start('waitsForJob', { i }));
  const load = vi.spyOn(h.store, 'loadInstance');
  const jobs = await h.engine.activateJobs({ type: 'ext', maxJobs: count, timeoutMs: 60_000, worker: 'w' });
  expect(jobs).toHaveLength(count);
  for (const job of jobs) await h.engine.completeJob(job.key, { done: true });
  const reads = new Map<string, number>();
  for (const [key] of load.mock.calls) reads.set(String(key), (reads.get(String(key)) ?? 0) + 1);
  for (const [i, key] of keys.entries()) {
    expect(await stateOf(h, key)).toBe('completed');
    expect(await rootVariables(h, key)).toEqual({ i, done: true });
  }
  return { keys, reads };
}

describe('the engine keeps active instances in memory between commands', () => {
  it('by default reads none of them from the database', async () => {
    const { reads } = await startThenComplete(undefined, 10);
    expect(reads.size).toBe(0);
  });

  it('serves the next command from memory, and past instanceCacheSize reads the oldest instances from the database again', async () => {
    const { keys, reads } = await startThenComplete(4, 10);
    // Ten instances through a cache of four: the four newest stayed in memory for both
    // commands (activating the job, completing it). The six oldest had been dropped; each
    // was read for its activation and dropped again at once as the oldest, then read for
    // its completion.
    for (const key of keys.slice(0, 6)) expect(reads.get(key)).toBe(2);
    for (const key of keys.slice(6)) expect(reads.get(key)).toBeUndefined();
  });

  it('with instanceCacheSize 0 reads every instance from the database', async () => {
    const { keys, reads } = await startThenComplete(0, 3);
    for (const key of keys) expect(reads.get(key)).toBe(2);
  });
});

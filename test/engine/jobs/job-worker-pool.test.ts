import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/index.js';
import { JobWorkerPool } from '../../../engine/jobs/job-worker-pool.js';
import type { ActivatedJob, JobOutcome, LeasedJob } from '../../../engine/index.js';

const clock = new ManualClock(Date.UTC(2026, 0, 1));

function leased(key: string, leaseMs = 60_000, type = 't'): LeasedJob {
  return {
    key,
    type,
    processInstanceKey: '1',
    bpmnProcessId: 'p',
    elementId: 'task',
    elementInstanceKey: '2',
    workspaceId: 'default',
    orgId: 'default',
    retries: 3,
    deadline: clock.now() + leaseMs,
    headers: {},
    variables: {},
  };
}

/** A handler that waits until the test lets it finish, or until its job is cancelled. */
function heldHandler() {
  const started: ActivatedJob[] = [];
  const finishers = new Map<string, (outcome: JobOutcome) => void>();
  return {
    started,
    finish: (key: string) => finishers.get(key)!({ kind: 'complete', variables: {} }),
    handler: (job: ActivatedJob) =>
      new Promise<JobOutcome>((resolve) => {
        started.push(job);
        finishers.set(job.key, resolve);
        job.cancel.onCancel((reason) => resolve({ kind: 'fail', errorMessage: (reason as Error).message }));
      }),
  };
}

function poolWithReports(concurrency: number) {
  const reports: [string, JobOutcome][] = [];
  const leaseEnded: string[] = [];
  const pool = new JobWorkerPool(concurrency, clock, async (job, outcome, ended) => {
    reports.push([job.key, outcome]);
    if (ended) leaseEnded.push(job.key);
  }, (error) => {
    throw error;
  });
  return { pool, reports, leaseEnded };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('JobWorkerPool', () => {
  it('runs at most `concurrency` handlers, the rest in lease order as slots free', async () => {
    const { pool, reports } = poolWithReports(2);
    const held = heldHandler();
    for (const key of ['a', 'b', 'c']) pool.push(leased(key), held.handler);
    expect(held.started.map((j) => j.key)).toEqual(['a', 'b']);
    expect(pool.load).toBe(3);
    held.finish('a');
    await turn();
    expect(held.started.map((j) => j.key)).toEqual(['a', 'b', 'c']);
    expect(reports).toEqual([['a', { kind: 'complete', variables: {} }]]);
    held.finish('b');
    held.finish('c');
    await turn();
    expect(pool.load).toBe(0);
  });

  it('gives each job type its own slots: a type whose handlers hang never holds up another', async () => {
    const { pool, reports } = poolWithReports(2);
    const held = heldHandler();
    for (const key of ['a1', 'a2', 'a3']) pool.push(leased(key, 60_000, 'a'), held.handler);
    pool.push(leased('b1', 60_000, 'b'), held.handler);
    pool.push(leased('b2', 60_000, 'b'), held.handler);
    // a3 waits for one of a's two slots; b's jobs run at once beside a's.
    expect(held.started.map((j) => j.key)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(pool.running).toBe(4);
    expect(pool.load).toBe(5);
    held.finish('b1');
    await turn();
    // A slot of b frees no slot of a.
    expect(held.started.map((j) => j.key)).toEqual(['a1', 'a2', 'b1', 'b2']);
    held.finish('a2');
    await turn();
    expect(held.started.map((j) => j.key)).toEqual(['a1', 'a2', 'b1', 'b2', 'a3']);
    for (const key of ['a1', 'a3', 'b2']) held.finish(key);
    await turn();
    expect(reports.map(([key]) => key).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(pool.load).toBe(0);
  });

  it('takes up to 16 × concurrency jobs of a type (running and waiting), counted per type', () => {
    const { pool } = poolWithReports(1);
    const held = heldHandler();
    expect(pool.hasRoom('a')).toBe(true);
    for (let i = 0; i < 16; i++) pool.push(leased(`a${i}`, 60_000, 'a'), held.handler);
    expect(pool.hasRoom('a')).toBe(false);
    expect(pool.hasRoom('b')).toBe(true);
    held.finish('a0');
  });

  it('cancels a running job once its lease has ended (its AbortSignal, made on demand, aborts too) and says so with the outcome', async () => {
    const { pool, reports, leaseEnded } = poolWithReports(4);
    const held = heldHandler();
    pool.push(leased('short', 1_000), held.handler);
    pool.push(leased('long', 60_000), held.handler);
    const signal = held.started[0]!.signal;
    expect(signal.aborted).toBe(false);
    pool.checkLeases();
    expect(held.started[0]!.cancel.cancelled).toBe(false);
    clock.advance(1_000);
    pool.checkLeases();
    await turn();
    expect(signal.aborted).toBe(true);
    expect(held.started[1]!.cancel.cancelled).toBe(false);
    // The engine spends no retry on such a failure (the job times out instead).
    expect(reports).toEqual([['short', { kind: 'fail', errorMessage: 'job lease expired' }]]);
    expect(leaseEnded).toEqual(['short']);
    held.finish('long');
    await turn();
    expect(reports.at(-1)).toEqual(['long', { kind: 'complete', variables: {} }]);
    expect(leaseEnded).toEqual(['short']);
  });

  it('still reports a result a handler produced after its lease ended (the first report wins)', async () => {
    const { pool, reports, leaseEnded } = poolWithReports(1);
    pool.push(leased('late', 1_000), async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { kind: 'complete', variables: { late: true } };
    });
    clock.advance(1_000);
    pool.checkLeases();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reports).toEqual([['late', { kind: 'complete', variables: { late: true } }]]);
    expect(leaseEnded).toEqual(['late']);
  });

  it('drain drops queued jobs, waits for running ones, and cancels them after the grace period without reporting', async () => {
    const { pool, reports } = poolWithReports(1);
    const held = heldHandler();
    pool.push(leased('running'), held.handler);
    pool.push(leased('queued'), held.handler);
    const drained = pool.drain(50);
    expect(pool.hasRoom('t')).toBe(false);
    expect(pool.hasRoom('another type')).toBe(false);
    await drained;
    // Cut short by the shutdown: no failure is reported, the job keeps its lease for the next start.
    expect(held.started.map((j) => j.key)).toEqual(['running']);
    expect(held.started[0]!.cancel.cancelled).toBe(true);
    expect(reports).toEqual([]);
  });

  it('drain waits for an outcome being written even when the handler already returned', async () => {
    let release!: () => void;
    const written: string[] = [];
    const pool = new JobWorkerPool(1, clock, (job) => new Promise<void>((resolve) => (release = () => (written.push(job.key), resolve()))), () => undefined);
    pool.push(leased('x'), async () => ({ kind: 'complete' }));
    await turn();
    let done = false;
    const drained = pool.drain(1_000).then(() => (done = true));
    await turn();
    expect(done).toBe(false);
    release();
    await drained;
    expect(written).toEqual(['x']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { ActivatedJob, JobOutcome } from '../../engine/index.js';
import { oneTask, serviceTask } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, historyData, jobsOf, rootVariables, stateOf, until, waitOutBackoff } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

/** Register a handler that records every job it sees and answers with `answer(job, attempt)`. */
function recordingHandler(type: string, answer: (job: ActivatedJob, attempt: number) => JobOutcome | Promise<JobOutcome>): ActivatedJob[] {
  const seen: ActivatedJob[] = [];
  h.engine.registerJobHandler({ type, handler: async (job) => answer(job, seen.push(job)) });
  return seen;
}

describe('service task jobs', () => {
  it('creates a job with the static type, 3 retries by default, headers and the variables after input mapping', async () => {
    h = await createHarness();
    const seen = recordingHandler('charge', () => ({ kind: 'complete', variables: { charged: true } }));
    await h.deploy(oneTask('svc', serviceTask('task', 'charge', {
      headers: { endpoint: 'https://example.test/pay', retryBackoff: 'PT10S' },
      inputs: [['=order.total * 100', 'cents'], ['=order.id', 'ref.id']],
    })));
    const key = await h.start('svc', { order: { id: 'o-1', total: 12.5 } });
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(seen).toHaveLength(1);
    const [job] = seen;
    expect(job).toMatchObject({ type: 'charge', retries: 3, elementId: 'task', processInstanceKey: key, bpmnProcessId: 'svc' });
    expect(job!.headers).toEqual({ endpoint: 'https://example.test/pay', retryBackoff: 'PT10S' });
    expect(job!.variables).toEqual({ order: { id: 'o-1', total: 12.5 }, cents: 1250, ref: { id: 'o-1' } });
    // Input mappings are local to the task: only the job's result reaches the root.
    expect(await rootVariables(h, key)).toEqual({ order: { id: 'o-1', total: 12.5 }, charged: true });
  });

  it('evaluates a job type expression and a retries attribute', async () => {
    h = await createHarness();
    await h.deploy(oneTask('svcExpr', serviceTask('task', '="send-" + channel', { retries: 5 })));
    const key = await h.start('svcExpr', { channel: 'mail' });
    const [job] = await jobsOf(h, key);
    expect(job).toMatchObject({ type: 'send-mail', retries: 5, state: 'activatable' });
  });

  it('a job type without a handler just waits for a worker', async () => {
    h = await createHarness();
    recordingHandler('other', () => ({ kind: 'complete' }));
    await h.deploy(oneTask('noHandler', serviceTask('task', 'nobody-serves-this')));
    const key = await h.start('noHandler');
    await h.settle();
    h.clock.advance(60 * 60_000);
    await h.engine.runDue();
    expect(await stateOf(h, key)).toBe('active');
    const [job] = await jobsOf(h, key);
    expect(job).toMatchObject({ state: 'activatable', retries: 3, worker: null });
    expect(await activeIncidents(h, key)).toEqual([]);
  });
});

describe('failures and retries', () => {
  it('a failure with retries left makes the job available again: the handler runs again', async () => {
    h = await createHarness();
    const seen = recordingHandler('flaky', (_job, attempt) =>
      attempt === 1 ? { kind: 'fail', errorMessage: 'temporarily down' } : { kind: 'complete', variables: { attempt } });
    await h.deploy(oneTask('flaky', serviceTask('task', 'flaky')));
    const key = await h.start('flaky');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(seen.map((j) => j.retries)).toEqual([3, 2]);
    expect(await rootVariables(h, key)).toEqual({ attempt: 2 });
    const [failed] = await historyData(h, key, 'JOB_FAILED');
    expect(failed!.data).toMatchObject({ retries: 2, errorMessage: 'temporarily down' });
  });

  it('a handler that throws counts as a failure with retries − 1; at 0 an incident JOB_NO_RETRIES', async () => {
    h = await createHarness();
    const seen = recordingHandler('broken', () => {
      throw new Error('handler exploded');
    });
    await h.deploy(oneTask('broken', serviceTask('task', 'broken', { retries: 2 })));
    const key = await h.start('broken');
    await until(h, async () => (await activeIncidents(h, key)).length > 0);
    expect(seen.map((j) => j.retries)).toEqual([2, 1]);
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident!.message).toContain('handler exploded');
    const [job] = await jobsOf(h, key);
    expect(job).toMatchObject({ state: 'failed', retries: 0, errorMessage: 'handler exploded' });
  });

  it('cuts an error message longer than 6,000 characters, and says so, in the job, its history and its incident', async () => {
    h = await createHarness();
    // What an API might put in its error body; the cut never splits the emoji's surrogate pair.
    const long = `${'x'.repeat(5_999)}😀${'y'.repeat(100_000)}`;
    recordingHandler('chatty', () => ({ kind: 'fail', errorMessage: long, retries: 0 }));
    recordingHandler('chatty-error', () => ({ kind: 'error', errorCode: 'NOPE', errorMessage: long }));
    await h.deploy(oneTask('chatty', serviceTask('task', 'chatty')));
    await h.deploy(oneTask('chattyError', serviceTask('task', 'chatty-error')));
    const failed = await h.start('chatty');
    const thrown = await h.start('chattyError');
    await until(h, async () => (await activeIncidents(h, failed)).length > 0 && (await activeIncidents(h, thrown)).length > 0);
    const cut = `${'x'.repeat(5_999)}… [cut: ${long.length} characters in all]`;
    expect((await jobsOf(h, failed))[0]!.errorMessage).toBe(cut);
    expect((await historyData(h, failed, 'JOB_FAILED'))[0]!.data.errorMessage).toBe(cut);
    expect((await activeIncidents(h, failed))[0]!.message).toBe(`task: ${cut}`);
    expect((await jobsOf(h, thrown))[0]!.errorMessage).toBe(cut);
    expect((await historyData(h, thrown, 'ERROR_THROWN'))[0]!.data.errorMessage).toBe(cut);
    expect((await activeIncidents(h, thrown))[0]!.message).toContain(cut);
    expect((await activeIncidents(h, thrown))[0]!.message.length).toBeLessThan(6_200);
  });

  it('resolving a JOB_NO_RETRIES incident with new retries runs the job again', async () => {
    h = await createHarness();
    const seen = recordingHandler('once-broken', (_job, attempt) =>
      attempt === 1 ? { kind: 'fail', errorMessage: 'bad config', retries: 0 } : { kind: 'complete', variables: { fixed: true } });
    await h.deploy(oneTask('resolveRetries', serviceTask('task', 'once-broken')));
    const key = await h.start('resolveRetries');
    await until(h, async () => (await activeIncidents(h, key)).length > 0);
    const [incident] = await activeIncidents(h, key);
    expect(incident!.type).toBe('JOB_NO_RETRIES');

    await h.engine.resolveIncident(incident!.key, { retries: 2 });
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(seen.map((j) => j.retries)).toEqual([3, 2]);
    expect(await rootVariables(h, key)).toEqual({ fixed: true });
    expect(await activeIncidents(h, key)).toEqual([]);
  });

  it('updateJobRetries then resolve: an external worker gets the job again', async () => {
    h = await createHarness();
    await h.deploy(oneTask('extRetries', serviceTask('task', 'ext', { retries: 1 })));
    const key = await h.start('extRetries');
    const [first] = await h.engine.activateJobs({ type: 'ext', maxJobs: 5, timeoutMs: 60_000, worker: 'w1' });
    await h.engine.failJob(first!.key, { retries: 0, errorMessage: 'no luck' });
    expect(await h.engine.activateJobs({ type: 'ext', maxJobs: 5, timeoutMs: 60_000, worker: 'w1' })).toEqual([]);
    const [incident] = await activeIncidents(h, key);
    await h.engine.updateJobRetries(first!.key, 3);
    await h.engine.resolveIncident(incident!.key);
    const [again] = await h.engine.activateJobs({ type: 'ext', maxJobs: 5, timeoutMs: 60_000, worker: 'w1' });
    expect(again).toMatchObject({ key: first!.key, retries: 3 });
    await h.engine.completeJob(again!.key);
    expect(await stateOf(h, key)).toBe('completed');
  });

  it('a retry backoff keeps the job back until the clock passes it (in-process handler)', async () => {
    h = await createHarness();
    const seen = recordingHandler('backoff', (job, attempt) =>
      attempt === 1
        ? { kind: 'fail', errorMessage: 'rate limited', retryBackoffMs: job.headers.retryBackoff === 'PT10S' ? 10_000 : 0 }
        : { kind: 'complete' });
    await h.deploy(oneTask('backoff', serviceTask('task', 'backoff', { headers: { retryBackoff: 'PT10S' } })));
    const key = await h.start('backoff');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'backoff');
    await waitOutBackoff(h, key, 10_000, async () => {
      expect(seen).toHaveLength(1);
      expect((await jobsOf(h, key))[0]).toMatchObject({ state: 'backoff', retries: 2 });
    });
    expect(seen).toHaveLength(2);
  });

  it('the task’s retryBackoff header applies when a failure names no backoff', async () => {
    h = await createHarness();
    const seen = recordingHandler('headerBackoff', (_job, attempt) =>
      attempt === 1 ? { kind: 'fail', errorMessage: 'busy' } : { kind: 'complete' });
    await h.deploy(oneTask('headerBackoff', serviceTask('task', 'headerBackoff', { headers: { retryBackoff: 'PT10S' } })));
    const key = await h.start('headerBackoff');
    await until(h, async () => (await jobsOf(h, key))[0]?.state === 'backoff');
    await waitOutBackoff(h, key, 10_000, () => expect(seen).toHaveLength(1));
    expect(seen).toHaveLength(2);
  });

  it('an explicit backoff of 0 overrides the header: the job is offered again at once', async () => {
    h = await createHarness();
    await h.deploy(oneTask('zeroBackoff', serviceTask('task', 'ext', { headers: { retryBackoff: 'PT1H' } })));
    await h.start('zeroBackoff');
    const [job] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    await h.engine.failJob(job!.key, { retries: 2, retryBackoffMs: 0 });
    const [again] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    expect(again?.key).toBe(job!.key);
  });

  it('a retry backoff keeps the job from external workers until it elapsed', async () => {
    h = await createHarness();
    await h.deploy(oneTask('extBackoff', serviceTask('task', 'ext')));
    await h.start('extBackoff');
    const [job] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    await h.engine.failJob(job!.key, { retries: 2, errorMessage: 'later', retryBackoffMs: 10_000 });
    h.clock.advance(9_999);
    await h.engine.runDue();
    expect(await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 60_000, worker: 'w' })).toEqual([]);
    h.clock.advance(1);
    await h.engine.runDue();
    const [again] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    expect(again).toMatchObject({ key: job!.key, retries: 2 });
  });

  it('an expired lease makes an activated external job available again', async () => {
    h = await createHarness();
    await h.deploy(oneTask('lease', serviceTask('task', 'ext')));
    const key = await h.start('lease');
    const [job] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 30_000, worker: 'slow-worker' });
    expect(job!.deadline).toBe(h.clock.now() + 30_000);
    expect(await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 30_000, worker: 'other' })).toEqual([]);

    h.clock.advance(30_000);
    await h.engine.runDue();
    const [again] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 30_000, worker: 'other' });
    expect(again).toMatchObject({ key: job!.key, retries: 3 });
    expect(await elementsWith(h, key, 'JOB_TIMED_OUT')).toEqual(['task']);
    await h.engine.completeJob(again!.key, { by: 'other' });
    expect(await stateOf(h, key)).toBe('completed');
  });
});

describe('many instances at once', () => {
  it('runs 200 instances through an in-process handler, each exactly once', async () => {
    h = await createHarness({ maxConcurrentJobs: 8 });
    const seen = new Map<string, number>();
    h.engine.registerJobHandler({
      type: 'echo',
      handler: async (job) => {
        seen.set(job.processInstanceKey, (seen.get(job.processInstanceKey) ?? 0) + 1);
        return { kind: 'complete', variables: { out: (job.variables.n as number) * 2 } };
      },
    });
    await h.deploy(oneTask('many', serviceTask('task', 'echo')));
    const keys = await Promise.all(Array.from({ length: 200 }, (_, n) => h.start('many', { n })));
    await until(h, async () => (await h.store.listInstances({ bpmnProcessId: 'many', state: 'completed', limit: 500 })).length === 200);
    expect(seen.size).toBe(200);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    for (const [i, key] of keys.entries()) expect((await rootVariables(h, key)).out).toBe(i * 2);
  });
});

describe('job slots', () => {
  it('frees a slot when the handler returns, not when its outcome is durable', async () => {
    h = await createHarness({ maxConcurrentJobs: 1 });
    const started: string[] = [];
    h.engine.registerJobHandler({
      type: 'quick',
      handler: async (job) => {
        started.push(job.processInstanceKey);
        return { kind: 'complete', variables: {} };
      },
    });
    await h.deploy(oneTask('slots', serviceTask('task', 'quick')));
    // The real store, with every job completion's commit held back until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const commit = h.store.commit.bind(h.store);
    h.store.commit = (changes) => (changes.history.some((e) => e.type === 'JOB_COMPLETED') ? held.then(() => commit(changes)) : commit(changes));
    const first = await h.start('slots');
    const second = await h.start('slots');
    // One slot: the second handler runs while the first completion still waits for its commit.
    await until(h, async () => started.length === 2);
    expect(started).toEqual([first, second]);
    expect(await stateOf(h, first)).toBe('active');
    release();
    await until(h, async () => (await stateOf(h, first)) === 'completed' && (await stateOf(h, second)) === 'completed');
  });
});

/**
 * Handlers for two types: `slow` hangs until `release()` (and records the instances it
 * started for), `fast` completes at once.
 */
function registerHungHandlers(): { started: string[]; release: () => void } {
  let release!: () => void;
  const hung = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  h.engine.registerJobHandler({
    type: 'slow',
    handler: async (job) => {
      started.push(job.processInstanceKey);
      await hung;
      return { kind: 'complete', variables: {} };
    },
  });
  h.engine.registerJobHandler({ type: 'fast', handler: async () => ({ kind: 'complete', variables: {} }) });
  return { started, release };
}

describe('job slots per job type', () => {
  it('a type whose handlers hang never holds up another type: each type has its own slots', async () => {
    h = await createHarness({ maxConcurrentJobs: 2 });
    const { started: slowStarted, release } = registerHungHandlers();
    await h.deploy(oneTask('slowOne', serviceTask('task', 'slow')));
    await h.deploy(oneTask('fastOne', serviceTask('task', 'fast')));
    // Three slow jobs: two fill the type's slots, the third waits for one of them.
    const slow: string[] = [await h.start('slowOne'), await h.start('slowOne'), await h.start('slowOne')];
    await until(h, async () => slowStarted.length === 2);
    // Jobs of another type still run, at once and as many as their own slots allow.
    const fast = [await h.start('fastOne'), await h.start('fastOne'), await h.start('fastOne')];
    await until(h, async () => (await Promise.all(fast.map((key) => stateOf(h, key)))).every((state) => state === 'completed'));
    expect(slowStarted).toEqual(slow.slice(0, 2));
    expect(await Promise.all(slow.map((key) => stateOf(h, key)))).toEqual(['active', 'active', 'active']);
    release();
    await until(h, async () => (await Promise.all(slow.map((key) => stateOf(h, key)))).every((state) => state === 'completed'));
    expect(slowStarted).toEqual(slow);
  });

  it('jobs of a full type wait in the database and are fed when its slots free; other types go on meanwhile', async () => {
    h = await createHarness({ maxConcurrentJobs: 1 });
    const { started: slowStarted, release } = registerHungHandlers();
    await h.deploy(oneTask('slowMany', serviceTask('task', 'slow')));
    await h.deploy(oneTask('fastMany', serviceTask('task', 'fast')));
    // One slot per type, and up to 16 jobs of a type taken at once: the last 4 stay in the database.
    const slow: string[] = [];
    for (let i = 0; i < 20; i++) slow.push(await h.start('slowMany'));
    const waiting = (await Promise.all(slow.map(async (key) => (await jobsOf(h, key))[0]!.state))).filter((state) => state === 'activatable');
    expect(waiting).toHaveLength(4);
    const fast: string[] = [];
    for (let i = 0; i < 20; i++) fast.push(await h.start('fastMany'));
    await until(h, async () => (await Promise.all(fast.map((key) => stateOf(h, key)))).every((state) => state === 'completed'));
    expect(slowStarted).toHaveLength(1);
    // The hung type's slot frees: its jobs run one by one, those from the database included.
    release();
    await until(h, async () => (await Promise.all(slow.map((key) => stateOf(h, key)))).every((state) => state === 'completed'));
    expect(new Set(slowStarted)).toEqual(new Set(slow));
  });
});

describe('job commands on jobs that are gone', () => {
  it('completing a job twice is refused with JOB_NOT_FOUND', async () => {
    h = await createHarness();
    await h.deploy(oneTask('twice', serviceTask('task', 'ext')));
    const key = await h.start('twice');
    const [job] = await jobsOf(h, key);
    await h.engine.completeJob(job!.key);
    await expect(h.engine.completeJob(job!.key)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect(await stateOf(h, key)).toBe('completed');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { WeftError } from '../../core/index.js';
import type { JobOutcome } from '../../engine/index.js';
import { bpmn, chain, flow, gateway, scriptTask, serviceTask, subProcess, timerBoundary } from '../support/bpmn.js';
import { createHarness } from '../support/engine-harness.js';
import type { Harness } from '../support/engine-harness.js';
import { activeIncidents, elementsWith, historyData, historyTypes, jobsOf, rootVariables, scopedVariables, stateOf, until } from '../support/scenario-queries.js';

let h: Harness;
afterEach(async () => h?.close());

const twoBranches = bpmn('twoBranches', `
    <bpmn:startEvent id="start" />
${gateway('parallel', 'fork')}
${serviceTask('a', 'job-a')}
${timerBoundary('late', 'a', 'timeDuration', 'PT1H')}
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${serviceTask('b', 'job-b', { retries: 1 })}
    <bpmn:endEvent id="spEnd" />
${chain('spStart', 'b', 'spEnd')}`)}
${gateway('parallel', 'join')}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="lateEnd" />
${chain('start', 'fork')}
${flow('fa', 'fork', 'a')}
${flow('fs', 'fork', 'sp')}
${flow('aj', 'a', 'join')}
${flow('sj', 'sp', 'join')}
${chain('join', 'end')}
${chain('late', 'lateEnd')}`);

describe('cancel instance', () => {
  it('terminates every element, removes jobs and timers, closes incidents', async () => {
    h = await createHarness();
    await h.deploy(twoBranches);
    const key = await h.start('twoBranches');
    const [jobB] = await h.engine.activateJobs({ type: 'job-b', maxJobs: 1, timeoutMs: 60_000, worker: 'w' });
    await h.engine.failJob(jobB!.key, { retries: 0, errorMessage: 'down' });
    expect(await activeIncidents(h, key)).toHaveLength(1);

    await h.engine.cancelInstance(key);
    expect(await stateOf(h, key)).toBe('terminated');
    expect(await jobsOf(h, key)).toEqual([]);
    expect(await activeIncidents(h, key)).toEqual([]);
    expect((await elementsWith(h, key, 'ELEMENT_TERMINATED')).sort()).toEqual(['a', 'b', 'sp']);
    expect((await historyTypes(h, key)).at(-1)).toBe('PROCESS_INSTANCE_TERMINATED');
    expect(await elementsWith(h, key, 'INCIDENT_CANCELED')).toEqual(['b']);

    h.clock.advance(2 * 60 * 60_000);
    await h.engine.runDue();
    expect(await elementsWith(h, key, 'TIMER_TRIGGERED')).toEqual([]);
    await expect(h.engine.cancelInstance(key)).rejects.toMatchObject({ code: 'PROCESS_INSTANCE_NOT_ACTIVE' });
    await expect(h.engine.completeJob(jobB!.key)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});

describe('set variables', () => {
  it('sets root variables, and local or propagated variables on an element scope', async () => {
    h = await createHarness();
    await h.deploy(bpmn('vars', `
    <bpmn:startEvent id="start" />
${subProcess('sp', `
    <bpmn:startEvent id="spStart" />
${serviceTask('task', 'ext')}
    <bpmn:endEvent id="spEnd" />
${chain('spStart', 'task', 'spEnd')}`, { inputs: [['=0', 'inSub']] })}
    <bpmn:endEvent id="end" />
${chain('start', 'sp', 'end')}`));
    const key = await h.start('vars', { a: 1 });
    const spKey = (await h.store.history(Number(key))).find((e) => e.elementId === 'sp' && e.type === 'ELEMENT_ACTIVATED')!.elementInstanceKey!;

    await h.engine.setVariables(key, { a: 2, b: 'new' });
    await h.engine.setVariables(key, { inSub: 5, elsewhere: true }, { scopeKey: spKey }); // propagates
    await h.engine.setVariables(key, { onlyHere: 'x' }, { scopeKey: spKey, local: true });
    const scoped = await scopedVariables(h, key);
    expect(Object.fromEntries(scoped.filter((v) => v.scopeKey === spKey).map((v) => [v.name, v.value]))).toEqual({ inSub: 5, onlyHere: 'x' });
    expect(await rootVariables(h, key)).toEqual({ a: 2, b: 'new', elsewhere: true });

    const [job] = await h.engine.activateJobs({ type: 'ext', maxJobs: 1, timeoutMs: 1000, worker: 'w' });
    expect(job!.variables).toEqual({ a: 2, b: 'new', elsewhere: true, inSub: 5, onlyHere: 'x' });
    await expect(h.engine.setVariables(key, { z: 1 }, { scopeKey: 999_999_999 })).rejects.toMatchObject({ code: 'SCOPE_NOT_FOUND' });
  });
});

describe('variable size cap', () => {
  it('a too-large variable on createInstance is refused with VARIABLE_TOO_LARGE naming it', async () => {
    h = await createHarness({ maxVariableBytes: 1000 });
    await h.deploy(bpmn('big', `
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
${chain('start', 'end')}`));
    const error = await h.start('big', { small: 1, blob: 'x'.repeat(2000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeftError);
    expect(error).toMatchObject({ code: 'VARIABLE_TOO_LARGE' });
    expect((error as Error).message).toMatch(/variable 'blob' is 2002 bytes; the limit is 1000/);
    expect(await h.store.listInstances({ limit: 10 })).toEqual([]);
  });

  it('a handler returning a too-large variable fails the job (retries − 1), the engine keeps running', async () => {
    h = await createHarness({ maxVariableBytes: 1000 });
    let calls = 0;
    h.engine.registerJobHandler({
      type: 'greedy',
      handler: async (): Promise<JobOutcome> =>
        ++calls === 1 ? { kind: 'complete', variables: { blob: 'x'.repeat(5000) } } : { kind: 'complete', variables: { ok: true } },
    });
    await h.deploy(bpmn('greedy', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'greedy')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`));
    const key = await h.start('greedy');
    await until(h, async () => (await stateOf(h, key)) === 'completed');
    expect(calls).toBe(2);
    const [failed] = await historyData(h, key, 'JOB_FAILED');
    expect(failed!.data).toMatchObject({ retries: 2, errorMessage: expect.stringContaining("'blob'") });
    expect(await rootVariables(h, key)).toEqual({ ok: true });
  });

  it('completeJob with a too-large variable is refused and the job stays', async () => {
    h = await createHarness({ maxVariableBytes: 1000 });
    await h.deploy(bpmn('bigComplete', `
    <bpmn:startEvent id="start" />
${serviceTask('task', 'ext')}
    <bpmn:endEvent id="end" />
${chain('start', 'task', 'end')}`));
    const key = await h.start('bigComplete');
    const [job] = await jobsOf(h, key);
    // Refused as a rejected promise (callers chain .catch), never a synchronous throw.
    const refused = h.engine.completeJob(job!.key, { blob: 'y'.repeat(1001) });
    await expect(refused).rejects.toMatchObject({ code: 'VARIABLE_TOO_LARGE' });
    expect(await jobsOf(h, key)).toHaveLength(1);
  });
});

describe('variable size cap inside the process', () => {
  it('a script result over the cap is an incident, not a stored oversized variable', async () => {
    h = await createHarness({ maxVariableBytes: 1000 });
    await h.deploy(bpmn('bigScript', `
    <bpmn:startEvent id="start" />
${scriptTask('grow', 'string join(for i in 1..n return "abcdefghij")', 'text')}
    <bpmn:endEvent id="end" />
${chain('start', 'grow', 'end')}`));
    const key = await h.start('bigScript', { n: 200 });
    const [incident] = await activeIncidents(h, key);
    expect(incident).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'grow' });
    expect(incident!.message).toContain("'text'");
    expect(await rootVariables(h, key)).toEqual({ n: 200 });

    await h.engine.resolveIncident(incident!.key, { variables: { n: 5 } });
    expect(await stateOf(h, key)).toBe('completed');
    expect((await rootVariables(h, key)).text).toBe('abcdefghij'.repeat(5));
  });
});
